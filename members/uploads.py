"""CSV uploads judged by what they hold, not by their name: a spreadsheet
saved as CSV is text; a program, an image or an Excel workbook renamed .csv is
not, and is refused before anything reads it. Used by every CSV import (people
here, attendance in learning_sessions)."""

import csv
import io

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


class CsvProblem(Exception):
    """The file cannot be read as the import's CSV; `line` is where (0: the file)."""

    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


def csv_reader(content: bytes, *, required) -> csv.DictReader:
    """The rows of an uploaded CSV file, its column names trimmed and in lower
    case. CsvProblem when it is not UTF-8 text or lacks a required column."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvProblem(
            0, "The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again."
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if missing := [column for column in required if column not in header]:
        raise CsvProblem(1, f"The first line must name the columns; missing: {', '.join(missing)}.")
    reader.fieldnames = header
    return reader
