"""Every change to an issue goes through here and is recorded with who, when,
old -> new and why, in the same transaction as the change."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from issues import permissions
from issues.enums import OPEN_STATUSES, Status
from issues.models import Issue, IssueChange, IssueComment, SavedView

# The fields the triage page edits, and how each is shown in the record.
TRACKED_FIELDS = ("status", "term", "workgroup", "owner", "impact", "momentum", "legislative")


class IssueError(Exception):
    pass


class StaleIssue(IssueError):
    def __init__(self):
        super().__init__(
            "Someone changed this issue after you opened it. Nothing was saved; "
            "here it is as it is now."
        )


class NotAllowed(IssueError):
    pass


def display(issue: Issue, field: str, value) -> str:
    if value in (None, ""):
        return ""
    if field in {"workgroup", "owner"}:
        return str(value)
    if field in {"status", "term", "legislative"}:
        return str(dict(Issue._meta.get_field(field).choices).get(value, value))
    return str(value)


@transaction.atomic
def propose_issue(
    *,
    actor,
    title: str,
    workgroup,
    description: str = "",
    term: str = "",
    levers=(),
    policy_areas=(),
) -> Issue:
    issue = Issue.objects.create(
        title=title.strip(),
        description=description,
        workgroup=workgroup,
        term=term,
        proposed_by=actor,
        status=Status.PROPOSED,
    )
    issue.levers.set(levers)
    issue.policy_areas.set(policy_areas)
    return issue


@transaction.atomic
def change_issue(
    *,
    actor,
    issue: Issue,
    changes: dict,
    reason: str = "",
    expected_version: int | None = None,
    merging: bool = False,
) -> list[IssueChange]:
    """Apply `changes` (field -> new value) if the actor may and the issue is
    still at `expected_version`; record one IssueChange per field changed."""
    if changes.get("status") == Status.MERGED and not merging:
        raise IssueError("An issue is merged with the merge form, which says into which issue.")
    for field in changes:
        if field not in TRACKED_FIELDS and field not in {"rank", "title", "description"}:
            raise IssueError(f"{field} cannot be changed here.")
        if not permissions.can_change_field(actor, issue, field):
            raise NotAllowed(f"You may not change the {field} of this issue.")
    return record_changes(
        actor=actor, issue=issue, changes=changes, reason=reason, expected_version=expected_version
    )


@transaction.atomic
def record_changes(
    *, actor, issue: Issue, changes: dict, reason: str = "", expected_version: int | None = None
) -> list[IssueChange]:
    """The write and its record, for callers that have checked the actor's
    right already: `change_issue`, and a paper moving its issue along."""
    # Lock the issue row only, not the joined workgroup and owner rows.
    current = (
        Issue.objects.select_for_update(of=("self",))
        .select_related("workgroup", "owner")
        .get(pk=issue.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise StaleIssue()
    changed = {field: value for field, value in changes.items() if getattr(current, field) != value}
    if not changed:
        return []
    now = timezone.now()
    records = [
        IssueChange(
            issue=current,
            actor=actor,
            changed_at=now,
            field=field,
            old_value=display(current, field, getattr(current, field))[:300],
            new_value=display(current, field, value)[:300],
            reason=reason[:500],
        )
        for field, value in changed.items()
        if field != "description"
    ]
    Issue.objects.filter(pk=current.pk).update(**changed, version=F("version") + 1, updated_at=now)
    IssueChange.objects.bulk_create(records)
    issue.refresh_from_db()
    return records


@transaction.atomic
def bulk_change(*, actor, issues: Iterable[Issue], changes: dict, reason: str = "") -> int:
    """The same changes on many issues at once: triage only, all or nothing."""
    if not permissions.can_triage(actor):
        raise NotAllowed("Only the Core Group and admins change issues in bulk.")
    count = 0
    for issue in issues:
        if change_issue(actor=actor, issue=issue, changes=changes, reason=reason):
            count += 1
    return count


@transaction.atomic
def merge_issue(*, actor, duplicate: Issue, survivor: Issue, reason: str = "") -> Issue:
    """Mark `duplicate` as merged into `survivor`. Its comments and record stay
    on it, and its page points to the surviving issue."""
    if not permissions.can_triage(actor):
        raise NotAllowed("Only the Core Group and admins merge issues.")
    if duplicate.pk == survivor.pk:
        raise IssueError("An issue cannot be merged into itself.")
    # Lock both rows, always in the same order, and decide on what is locked:
    # A into B and B into A at the same moment cannot both succeed.
    locked = {
        issue.pk: issue
        for issue in Issue.objects.select_for_update()
        .filter(pk__in=[duplicate.pk, survivor.pk])
        .order_by("pk")
    }
    if locked[duplicate.pk].status == Status.MERGED:
        raise IssueError(f"#{duplicate.pk} is already merged.")
    if locked[survivor.pk].status == Status.MERGED:
        raise IssueError(
            f"#{survivor.pk} is itself merged; merge into #{locked[survivor.pk].merged_into_id}."
        )
    change_issue(
        actor=actor,
        issue=duplicate,
        changes={"status": Status.MERGED},
        reason=reason or f"Duplicate of #{survivor.pk}",
        merging=True,
    )
    Issue.objects.filter(pk=duplicate.pk).update(merged_into=survivor)
    IssueChange.objects.create(
        issue=survivor,
        actor=actor,
        field="merged",
        new_value=f"#{duplicate.pk} {duplicate.title}"[:300],
        reason=reason[:500],
    )
    duplicate.refresh_from_db()
    return duplicate


@transaction.atomic
def add_comment(*, actor, issue: Issue, body: str) -> IssueComment:
    if not permissions.can_comment(actor, issue):
        raise NotAllowed("Only members of the issue's workgroup comment on it.")
    return IssueComment.objects.create(issue=issue, author=actor, body=body)


@transaction.atomic
def move_in_backlog(*, actor, issue: Issue, direction: str) -> None:
    """Move an issue one place up or down its workgroup's backlog."""
    if not permissions.can_manage_backlog(actor, issue.workgroup):
        raise NotAllowed("Only the workgroup's chairs order its backlog.")
    backlog = list(
        Issue.objects.select_for_update()
        .filter(workgroup=issue.workgroup, status__in=OPEN_STATUSES)
        .order_by(F("rank").asc(nulls_last=True), "-proposed_at", "-pk")
    )
    # Number every open issue 1..n first, so ranks have no gaps or ties.
    for position, item in enumerate(backlog, start=1):
        if item.rank != position:
            Issue.objects.filter(pk=item.pk).update(rank=position)
            item.rank = position
    index = next((i for i, item in enumerate(backlog) if item.pk == issue.pk), None)
    if index is None:
        raise IssueError("Only open issues have a place in the backlog.")
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(backlog):
        return
    mine, theirs = backlog[index], backlog[other]
    mine_rank, theirs_rank = mine.rank, theirs.rank
    Issue.objects.filter(pk=theirs.pk).update(rank=mine_rank)
    change_issue(actor=actor, issue=mine, changes={"rank": theirs_rank})


@transaction.atomic
def save_view(*, owner, name: str, query: str) -> SavedView:
    try:
        with transaction.atomic():
            return SavedView.objects.create(owner=owner, name=name.strip(), query=query)
    except IntegrityError as exc:
        raise IssueError(
            f"You have a view called “{name.strip()}” already: choose another name, "
            "or delete that one first."
        ) from exc


@transaction.atomic
def update_details(
    *,
    actor,
    issue: Issue,
    title: str,
    description: str,
    legislative: str,
    levers,
    policy_areas,
    expected_version: int,
) -> None:
    """Title, description, legislative flag and tags, all or nothing."""
    change_issue(
        actor=actor,
        issue=issue,
        changes={"title": title, "description": description, "legislative": legislative},
        expected_version=expected_version,
    )
    for field, new in (("levers", levers), ("policy_areas", policy_areas)):
        old = set(getattr(issue, field).all())
        if old != set(new):
            getattr(issue, field).set(new)
            IssueChange.objects.create(
                issue=issue,
                actor=actor,
                field=field,
                old_value=", ".join(sorted(str(tag) for tag in old))[:300],
                new_value=", ".join(sorted(str(tag) for tag in new))[:300],
            )


PICKABLE = (Status.ACCEPTED, Status.PRIORITISED)


@transaction.atomic
def pick_for_paper(*, actor, issue: Issue) -> None:
    """A chair picks an accepted or prioritised issue for an issue paper."""
    if not permissions.can_change_field(actor, issue, "status"):
        raise NotAllowed("Only the workgroup's chairs pick issues for a paper.")
    current = Issue.objects.select_for_update().get(pk=issue.pk)
    if current.status not in PICKABLE:
        raise IssueError(
            f"Only accepted or prioritised issues are picked for a paper; "
            f"#{issue.pk} is {current.get_status_display().lower()}."
        )
    change_issue(
        actor=actor,
        issue=issue,
        changes={"status": Status.PAPER_IN_PROGRESS},
        reason="Picked for an issue paper",
    )
