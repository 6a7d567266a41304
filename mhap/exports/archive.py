"""The export archive: every dataset as a CSV and a JSON file in one zip, and
a manifest.json saying when it was made, for whom, and how many rows each
file holds.

The zip is written into a file the caller opens (a temporary file on the
worker's disk), one dataset at a time: rows stream from the database into the
CSV entry while the same rows go to a temporary JSON file, copied into the
zip when the dataset is done (a zip takes one entry at a time). Memory stays
flat whatever the coalition's size, and each dataset is read once, so its
CSV and JSON always agree.

The datasets are read one after another, not in one database snapshot: one
snapshot would mean one transaction, and the progress written between
datasets would then stay invisible to the page until the end. Someone saving
while an export runs may leave a row in a later file pointing at one an
earlier file missed; the next export has both.
"""

import csv
import datetime
import io
import json
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

from members.spreadsheets import safe_cell
from mhap.exports.datasets import DATASETS, Dataset

FORMAT_VERSION = 1

NOTES = [
    "One dataset per name, twice: a .csv for spreadsheets and a .json (a list of objects) "
    "for programs. Both hold the same rows and columns.",
    "Times are ISO 8601 in UTC; dates are YYYY-MM-DD.",
    "Columns ending in _id hold the Hub's ids, for joining files; the columns beside them "
    "name the same thing readably (people by email, workgroups, summits and sessions by slug).",
    "In the CSV files a cell that a spreadsheet would run as a formula (starting with =, +, "
    "-, @) starts with an apostrophe; the JSON files hold the text exactly. Lists are "
    "separated by '; ' in CSV and are lists in JSON.",
    "Each person's directory choices (the show_ columns) travel with their row: respect "
    "them wherever this data goes.",
    "Uploaded slides and captions files are not included; each session's transcript is.",
    "reminder_preferences and guest_opt_outs say who turned which emails off: honour them "
    "before emailing anyone from this data.",
    "Passwords, two-factor secrets, sessions and the Hub's own secret links and tokens "
    "(calendar feeds, invitation links, guests' registration links) are never exported.",
    "Meeting links (the meeting_link columns) are exported as entered: a video call's link "
    "may carry its passcode, so keep them as private as the Hub does.",
]


def step_count() -> int:
    """The steps a build reports: one per dataset, and storing the archive."""
    return len(DATASETS) + 1


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not exported as JSON")


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    elif isinstance(value, datetime.datetime | datetime.date | datetime.time):
        value = value.isoformat()
    return safe_cell(value)


def _write_dataset(archive: zipfile.ZipFile, dataset: Dataset) -> int:
    """Write `dataset` as <name>.csv and <name>.json; return its row count."""
    count = 0
    with tempfile.TemporaryFile() as json_part:
        json_part.write(b"[")
        entry = archive.open(f"{dataset.name}.csv", "w", force_zip64=True)
        with io.TextIOWrapper(entry, encoding="utf-8", newline="") as csv_part:
            writer = csv.writer(csv_part)
            writer.writerow(dataset.columns)
            for row in dataset.rows():
                if tuple(row) != dataset.columns:
                    raise ValueError(
                        f"The {dataset.name} dataset gave the columns {tuple(row)}, "
                        f"not {dataset.columns}."
                    )
                writer.writerow([_csv_cell(value) for value in row.values()])
                text = json.dumps(row, ensure_ascii=False, default=_json_value)
                json_part.write(("\n" if count == 0 else ",\n").encode() + text.encode())
                count += 1
        json_part.write(b"\n]\n")
        json_part.seek(0)
        with archive.open(f"{dataset.name}.json", "w", force_zip64=True) as entry:
            shutil.copyfileobj(json_part, entry, length=1024 * 1024)
    return count


def write_archive(
    target, *, requested_by, on_progress: Callable[[int, str], None] | None = None
) -> dict:
    """Write the whole coalition into `target` (a binary file open for writing)
    as a zip, and return its manifest.

    `on_progress(steps_done, label)` is called before each dataset: a build that
    is told to stop raises from it, and the half-written zip is thrown away.
    """
    generated_at = timezone.now()
    files = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, dataset in enumerate(DATASETS):
            if on_progress is not None:
                on_progress(done, dataset.label)
            rows = _write_dataset(archive, dataset)
            files.extend(
                {
                    "name": f"{dataset.name}.{extension}",
                    "dataset": dataset.name,
                    "rows": rows,
                    "columns": list(dataset.columns),
                }
                for extension in ("csv", "json")
            )
        manifest = {
            "format": "MHAP Hub export",
            "format_version": FORMAT_VERSION,
            "coalition": settings.COALITION_NAME,
            "generated_at": generated_at.isoformat(),
            "requested_by": (
                {
                    "id": requested_by.pk,
                    "email": requested_by.email,
                    "full_name": requested_by.full_name,
                }
                if requested_by is not None
                else None
            ),
            "notes": NOTES,
            "files": files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest
