"""Advocacy's rows of the permission matrix, kept in three files (one per
part: the registers, the contact log, the printed and summary pages)."""

from tests.issues.advocacy import rows_log, rows_print, rows_registry

ROWS = {**rows_registry.ROWS, **rows_log.ROWS, **rows_print.ROWS}
