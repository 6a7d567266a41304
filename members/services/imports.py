"""Inviting many people from a CSV file.

The whole file is checked when it is uploaded: each refused row is reported
with its line number and reason. The accepted rows are then invited by a
Celery worker, one row per transaction with the progress counter, so a large
file shows its progress and a worker that dies mid-file resumes where it
stopped without inviting anyone twice.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from members.enums import ImportStatus, InvitationStatus
from members.models import Invitation, InvitationImport, Organisation, User
from members.services.invitations import InvitationError, invite_person, normalise_email
from members.uploads import CsvProblem, csv_reader
from workgroups.enums import Role
from workgroups.models import Workgroup

COLUMNS = ("email", "full_name", "organisation", "workgroups", "role")
MAX_ROWS = 20_000


def parse_invitation_csv(content: bytes) -> tuple[list[dict], list[list]]:
    """Return (good rows, errors); an error is [line number, email, reason]."""
    try:
        reader = csv_reader(content, required=COLUMNS)
    except CsvProblem as problem:
        return [], [[problem.line, "", str(problem)]]

    raw = []
    for record in reader:
        values = {key: (value or "").strip() for key, value in record.items() if key}
        if not any(values.values()):
            continue  # an empty line
        raw.append((reader.line_num, values))
    if len(raw) > MAX_ROWS:
        return [], [[0, "", f"The file has {len(raw)} rows; at most {MAX_ROWS} at a time."]]

    emails = {normalise_email(values["email"]) for _, values in raw}
    taken = _existing_accounts(emails)
    pending = _pending_invitations(emails)
    organisations = {org.name.lower(): org.pk for org in Organisation.objects.all()}
    workgroups = {}
    for workgroup in Workgroup.objects.all():
        workgroups[workgroup.name.lower()] = workgroup.pk
        workgroups[workgroup.slug.lower()] = workgroup.pk

    rows, errors, seen = [], [], {}
    for line, values in raw:
        email = normalise_email(values["email"])
        problem = _check_row(values, email, line, seen, taken, pending, organisations, workgroups)
        if problem:
            errors.append([line, values["email"], problem])
            continue
        seen[email] = line
        rows.append(
            {
                "line": line,
                "email": email,
                "full_name": values["full_name"],
                "organisation_id": organisations.get(values["organisation"].lower()),
                "workgroup_ids": [
                    workgroups[name.lower()] for name in _split(values["workgroups"])
                ],
                "role": (values["role"] or Role.MEMBER).lower(),
            }
        )
    return rows, errors


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("|", ";").split(";") if part.strip()]


def _check_row(values, email, line, seen, taken, pending, organisations, workgroups) -> str:
    try:
        validate_email(email)
    except ValidationError:
        return f"'{values['email']}' is not a valid email address."
    if email in seen:
        return f"The same email address is on line {seen[email]}."
    if email in taken:
        return "This person already has an account."
    if email in pending:
        return "This person already has a pending invitation."
    organisation = values["organisation"]
    if organisation and organisation.lower() not in organisations:
        return f"Unknown organisation '{organisation}'. Add it under Organisations first."
    unknown = [name for name in _split(values["workgroups"]) if name.lower() not in workgroups]
    if unknown:
        return f"Unknown workgroup: {', '.join(unknown)}."
    if (values["role"] or Role.MEMBER).lower() not in Role.values:
        return f"Role '{values['role']}' must be 'member' or 'chair'."
    return ""


def _in_chunks(values, size=500):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _existing_accounts(emails) -> set[str]:
    found = set()
    for chunk in _in_chunks(emails):
        found.update(User.objects.filter(email__in=chunk).values_list("email", flat=True))
    return found


def _pending_invitations(emails) -> set[str]:
    found = set()
    for chunk in _in_chunks(emails):
        found.update(
            Invitation.objects.filter(email__in=chunk, status=InvitationStatus.PENDING).values_list(
                "email", flat=True
            )
        )
    return found


@transaction.atomic
def start_invitation_import(*, actor, filename: str, content: bytes) -> InvitationImport:
    from members.tasks import run_invitation_import

    rows, errors = parse_invitation_csv(content)
    job = InvitationImport.objects.create(
        uploaded_by=actor,
        filename=filename[:255],
        rows=rows,
        errors=errors,
        total=len(rows),
        status=ImportStatus.QUEUED if rows else ImportStatus.DONE,
        finished_at=None if rows else timezone.now(),
    )
    if rows:
        transaction.on_commit(lambda: run_invitation_import.delay(job.pk))
    return job


def run_invitation_import(*, job_id: int) -> InvitationImport:
    job = InvitationImport.objects.get(pk=job_id)
    if job.status == ImportStatus.DONE:
        return job
    InvitationImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    organisations = Organisation.objects.in_bulk({row["organisation_id"] for row in job.rows})
    workgroups = Workgroup.objects.in_bulk({pk for row in job.rows for pk in row["workgroup_ids"]})
    for index in range(job.processed, job.total):
        row = job.rows[index]
        with transaction.atomic():
            # Lock the job row: two workers given the same job never both invite.
            current = InvitationImport.objects.select_for_update().get(pk=job.pk)
            if current.processed > index:
                continue
            try:
                invite_person(
                    actor=job.uploaded_by,
                    email=row["email"],
                    full_name=row["full_name"],
                    organisation=organisations.get(row["organisation_id"]),
                    workgroups=[workgroups[pk] for pk in row["workgroup_ids"] if pk in workgroups],
                    workgroup_role=row["role"],
                )
                InvitationImport.objects.filter(pk=job.pk).update(
                    processed=index + 1, invited=F("invited") + 1
                )
            except InvitationError as exc:
                # Someone invited this person between the upload and now.
                current.skipped = [*current.skipped, [row["line"], row["email"], str(exc)]]
                current.processed = index + 1
                current.save(update_fields=["skipped", "processed"])
    InvitationImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job
