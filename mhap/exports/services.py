"""An export from request to expiry: an admin asks, a worker builds the
archive with its progress on the row, the admin downloads it until it
expires, and beat deletes the file.

Every way an export can go wrong ends with the row saying so: a build that
raises is marked failed with its error, a queue that cannot be reached fails
the export at once, and a build that stops moving (a worker killed mid-way,
its message lost) is marked failed by the periodic sweep after STALLED_AFTER;
the admin then starts a new export. None waits forever.

A killed build is not resumed by Redis: the broker gives an unacknowledged
message back only after its visibility_timeout (CELERY_BROKER_TRANSPORT_OPTIONS,
an hour), long after the sweep has failed the row, and run_export claims only
pending or running rows, so that late delivery does nothing. Nor does the file
of a build killed between storing its archive and marking its row ready stay
behind: the sweep deletes files under exports/ that no row names.
"""

import datetime
import logging
import secrets
import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mhap.exports import archive
from mhap.models import Export
from workgroups.permissions import is_admin

log = logging.getLogger(__name__)

# A build updates its row at every dataset; one that has not for this long
# has lost its worker. Far above any one dataset's time, and below the Redis
# visibility_timeout (an hour): the sweep fails a dead build before its
# message can come back.
STALLED_AFTER = datetime.timedelta(minutes=30)

# The storage folder of the archives; nothing else is kept in it.
FOLDER = "exports"

IN_PROGRESS = (Export.Status.PENDING, Export.Status.RUNNING)


class Superseded(Exception):
    """This build's row moved on without it: marked failed by the sweep, or
    claimed by a second delivery of its message while still pending or running."""


def _storage():
    return Export._meta.get_field("file").storage


@transaction.atomic
def request_export(*, actor) -> tuple[Export, bool]:
    """Start an export for `actor`; return it and whether it is new.

    While one is being built, asking again (a double click, a second admin)
    returns that one. Two requests at the same instant may both start one:
    a second archive of the same data is harmless, so no lock is taken.
    """
    if not is_admin(actor):
        raise PermissionDenied("Only admins export the coalition's data.")
    now = timezone.now()
    building = (
        Export.objects.filter(status__in=IN_PROGRESS, updated_at__gte=now - STALLED_AFTER)
        .order_by("-pk")
        .first()
    )
    if building is not None:
        return building, False
    export = Export.objects.create(
        requested_by=actor, created_at=now, updated_at=now, steps_total=archive.step_count()
    )
    transaction.on_commit(lambda: _enqueue(export.pk))
    return export, True


def _enqueue(export_id: int) -> None:
    from mhap.tasks import build_export

    try:
        build_export.delay(export_id)
    except Exception as exc:  # the broker is down: say so now rather than wait
        log.exception("Could not queue export %s", export_id)
        Export.objects.filter(pk=export_id, status=Export.Status.PENDING).update(
            status=Export.Status.FAILED,
            error=f"The background worker could not be reached ({exc}). Try again later.",
            finished_at=timezone.now(),
        )


def _archive_name() -> str:
    # Unguessable, like the session uploads: storage is never served, and a
    # name that says nothing is one less thing to protect.
    return f"{FOLDER}/{secrets.token_hex(16)}.zip"


def run_export(*, export_id: int) -> Export | None:
    """Build the archive of export `export_id`; return the export, or None when
    there was nothing to do (already ready or failed, or taken over by another run).

    Only a pending or running row is claimed, under a new run number; a build
    whose run is no longer the row's stops at its next step. So a message
    delivered again after its export finished (Redis redelivers an
    unacknowledged task only after its visibility_timeout, an hour, by when
    the sweep has failed a dead build after STALLED_AFTER) changes nothing: the
    admin starts a new export. A second delivery while the row is still
    pending or running (a pool process killed, its task requeued at once by
    CELERY_TASK_REJECT_ON_WORKER_LOST; or beat not running to sweep) claims
    the build, and the first run, if it still lives, stops at its next step.
    """
    claimed = Export.objects.filter(pk=export_id, status__in=IN_PROGRESS).update(
        status=Export.Status.RUNNING,
        run=F("run") + 1,
        steps_done=0,
        step_label="",
        steps_total=archive.step_count(),
        updated_at=timezone.now(),
    )
    if not claimed:
        return None
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    mine = Export.objects.filter(pk=export_id, run=export.run, status=Export.Status.RUNNING)

    def progress(done: int, label: str) -> None:
        if not mine.update(steps_done=done, step_label=label[:100], updated_at=timezone.now()):
            raise Superseded

    name = None
    try:
        with tempfile.TemporaryFile() as handle:
            manifest = archive.write_archive(
                handle, requested_by=export.requested_by, on_progress=progress
            )
            progress(archive.step_count() - 1, "the archive to storage")
            size = handle.tell()
            handle.seek(0)
            name = _storage().save(_archive_name(), File(handle, name="export.zip"))
        finished = timezone.now()
        done = mine.update(
            status=Export.Status.READY,
            file=name,
            size=size,
            row_counts={item["dataset"]: item["rows"] for item in manifest["files"]},
            steps_done=F("steps_total"),
            step_label="",
            updated_at=finished,
            finished_at=finished,
            expires_at=finished + datetime.timedelta(hours=settings.EXPORT_TTL_HOURS),
        )
        if not done:
            raise Superseded
    except Superseded:
        log.info("Export %s run %s was taken over; it stops", export_id, export.run)
        if name:
            _storage().delete(name)
        return None
    except Exception as exc:
        # Not re-raised: the admin reads the error on the page, and the same
        # data would fail the same way on a retry.
        log.exception("Export %s failed", export_id)
        if name:
            _storage().delete(name)
        mine.update(
            status=Export.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            updated_at=timezone.now(),
            finished_at=timezone.now(),
        )
    export.refresh_from_db()
    return export


def _stored_files(storage, folder: str):
    """Every file name under `folder` in `storage`, subfolders included."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # no export was ever stored
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored_files(storage, f"{folder}/{sub}")


def _delete_orphans(storage, now: datetime.datetime) -> int:
    """Delete the files under FOLDER that no export names and that are older
    than STALLED_AFTER: archives of builds killed between storing the file and
    marking their row ready. A younger one may be a build's that is marking its
    row at this moment, and is left for a later sweep."""
    named = set(Export.objects.exclude(file="").values_list("file", flat=True))
    deleted = 0
    for name in _stored_files(storage, FOLDER):
        if name in named:
            continue
        try:
            if storage.get_modified_time(name) >= now - STALLED_AFTER:
                continue
        except FileNotFoundError:  # deleted meanwhile
            continue
        log.warning("Deleting %s: no export names it", name)
        storage.delete(name)
        deleted += 1
    return deleted


def sweep_exports(*, now: datetime.datetime | None = None) -> dict:
    """Beat runs this: delete the files of expired exports and the files no
    export names, and fail the builds that stopped moving. Idempotent; the rows
    stay as the record."""
    now = now or timezone.now()
    storage = _storage()
    deleted = 0
    for export in Export.objects.filter(expires_at__lte=now).exclude(file=""):
        # The file first: if this dies between the two, the next sweep finds
        # the row again, and deleting a missing file is no error.
        storage.delete(export.file.name)
        deleted += Export.objects.filter(pk=export.pk, file=export.file.name).update(file="")
    stalled = Export.objects.filter(
        status__in=IN_PROGRESS, updated_at__lt=now - STALLED_AFTER
    ).update(
        status=Export.Status.FAILED,
        error="The export stopped before it was done: the background worker stopped or "
        "never started. Start a new export.",
        finished_at=now,
    )
    orphans = _delete_orphans(storage, now)
    return {"deleted": deleted, "stalled": stalled, "orphans": orphans}
