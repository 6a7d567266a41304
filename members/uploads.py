"""CSV uploads judged by what they hold, not by their name: a spreadsheet
saved as CSV is text; a program, an image or an Excel workbook renamed .csv is
not, and is refused before anything reads it. Used by every CSV import (people
here, attendance in learning_sessions)."""

import filetype
from django.core.exceptions import ValidationError

HEAD_BYTES = 8192


def check_csv_text(upload, *, advice: str) -> None:
    """ValidationError, ending with the advice, when the upload holds a known
    binary type (filetype's signatures: programs, images, archives, office
    files) or NUL bytes, which no text file has."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        raise ValidationError(
            f"This is not a CSV text file: it holds {kind.extension.upper()} data, whatever "
            f"its name says. {advice}"
        )
    if b"\x00" in head:
        raise ValidationError(f"This is not a CSV text file, whatever its name says. {advice}")
