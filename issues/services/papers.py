"""Every write to an issue paper: its revisions, its comments and co-authors,
and its way from draft to adoption. Each state change is one conditional
UPDATE (`WHERE state IN (...)`), so two people pressing buttons at once
cannot both win, and each moves the paper's issue along the pipeline."""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from issues import permissions
from issues.enums import (
    EDITABLE_STATES,
    ISSUE_STATUS_FOR_PAPER,
    PUBLIC_STATES,
    TEXT_SECTIONS,
    Legislative,
    PaperState,
    Status,
)
from issues.models import (
    Issue,
    IssuePaper,
    PaperCoAuthor,
    PaperComment,
    PaperDraft,
    PaperRevision,
    Recommendation,
)
from issues.reminder_kinds import CO_AUTHOR_ADDED, PAPER_COMMENT
from issues.services.issues import IssueError, NotAllowed, record_changes
from reminders.services import notify
from workgroups.enums import Role
from workgroups.models import Membership
from workgroups.permissions import is_workgroup_chair, is_workgroup_member

STARTABLE = (Status.ACCEPTED, Status.PRIORITISED, Status.PAPER_IN_PROGRESS)
SETTLED = (Status.MERGED, Status.DEFERRED, Status.CLOSED)
ADOPTABLE = (PaperState.SUBMITTED, PaperState.UNDER_REVIEW, PaperState.REVISING)


class PaperConflict(IssueError):
    """Someone saved the paper after this person opened it."""

    def __init__(self, paper: IssuePaper):
        super().__init__(
            "Someone saved this paper while you were editing it. Nothing of yours was "
            "lost and nothing was saved yet: your text is below. Merge in what changed, "
            "then save again."
        )
        self.paper = paper


class NothingChanged(IssueError):
    def __init__(self, number: int):
        super().__init__(f"Nothing changed since revision {number}, so no new revision was made.")


@dataclass
class RecommendationText:
    text: str
    legislative: bool = False
    implementers: list = field(default_factory=list)
    levers: list = field(default_factory=list)

    def key(self) -> tuple:
        return (
            normalise(self.text),
            self.legislative,
            tuple(sorted(row.pk for row in self.implementers)),
            tuple(sorted(row.pk for row in self.levers)),
        )


def normalise(text: str) -> str:
    """Browsers send textarea lines ending in CRLF; keep one kind of newline."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _unchanged(revision: PaperRevision | None, content: dict, items: list) -> bool:
    if revision is None:
        return False
    if normalise(revision.title) != normalise(content.get("title") or revision.title):
        return False
    if any(normalise(getattr(revision, name)) != content.get(name, "") for name in TEXT_SECTIONS):
        return False
    saved = [
        RecommendationText(
            text=row.text,
            legislative=row.legislative,
            implementers=list(row.implementers.all()),
            levers=list(row.levers.all()),
        ).key()
        for row in revision.recommendations.prefetch_related("implementers", "levers")
    ]
    return saved == [item.key() for item in items]


def _now():
    return timezone.now()


def _frozen_message(paper: IssuePaper) -> str:
    return (
        f"This paper is {paper.get_state_display().lower()}: its text is frozen and "
        "nothing was saved. Your text is kept below."
    )


@transaction.atomic
def start_paper(*, actor, issue: Issue) -> IssuePaper:
    """A chair starts the paper of an accepted or prioritised issue."""
    if not permissions.can_start_paper(actor, issue):
        raise NotAllowed("Only the workgroup's chairs start its issue papers.")
    current = Issue.objects.select_for_update().get(pk=issue.pk)
    if current.status not in STARTABLE:
        raise IssueError(
            f"A paper is started for an accepted or prioritised issue; "
            f"#{issue.pk} is {current.get_status_display().lower()}."
        )
    try:
        with transaction.atomic():
            paper = IssuePaper.objects.create(issue=current, title=current.title, created_by=actor)
    except IntegrityError as exc:
        raise IssueError("This issue has its paper already.") from exc
    save_revision(
        actor=actor,
        paper=paper,
        content={"title": current.title},
        recommendations=[],
        expected_version=0,
        note="Paper started",
    )
    return paper


@transaction.atomic
def save_revision(
    *,
    actor,
    paper: IssuePaper,
    content: dict,
    recommendations: list[RecommendationText],
    expected_version: int,
    note: str = "",
) -> PaperRevision:
    """One explicit save: a new revision, if nobody saved since `expected_version`.

    The version is checked in the UPDATE itself, so of two saves based on the
    same version exactly one succeeds and the other raises PaperConflict."""
    if not permissions.can_edit_paper(actor, paper):
        raise NotAllowed("Only the paper's authors edit it.")
    content = {**content, **{name: normalise(content.get(name, "")) for name in TEXT_SECTIONS}}
    recommendations = [
        RecommendationText(normalise(item.text), item.legislative, item.implementers, item.levers)
        for item in recommendations
    ]
    if expected_version == paper.version and _unchanged(
        paper.current_revision, content, recommendations
    ):
        raise NothingChanged(expected_version)
    now = _now()
    title = (content.get("title") or paper.title).strip()
    legislative = any(item.legislative for item in recommendations)
    updated = IssuePaper.objects.filter(
        pk=paper.pk, version=expected_version, state__in=EDITABLE_STATES
    ).update(version=F("version") + 1, title=title, legislative=legislative, updated_at=now)
    if not updated:
        current = IssuePaper.objects.get(pk=paper.pk)
        if current.state not in EDITABLE_STATES:
            raise IssueError(_frozen_message(current))
        raise PaperConflict(current)
    revision = PaperRevision.objects.create(
        paper=paper,
        number=expected_version + 1,
        title=title,
        note=note.strip()[:300],
        author=actor,
        created_at=now,
        **{name: content.get(name, "") for name in TEXT_SECTIONS},
    )
    _add_recommendations(revision, recommendations)
    IssuePaper.objects.filter(pk=paper.pk).update(current_revision=revision)
    PaperDraft.objects.filter(paper=paper, person=actor).delete()
    paper.refresh_from_db()
    # A paper without recommendations yet says nothing about legislation.
    _drive_issue(actor=actor, paper=paper, legislative=legislative if recommendations else None)
    return revision


def _add_recommendations(revision: PaperRevision, items: list[RecommendationText]) -> None:
    rows = Recommendation.objects.bulk_create(
        Recommendation(revision=revision, number=n, text=item.text, legislative=item.legislative)
        for n, item in enumerate(items, start=1)
    )
    implementers = Recommendation.implementers.through
    levers = Recommendation.levers.through
    implementers.objects.bulk_create(
        implementers(recommendation_id=row.pk, implementer_id=implementer.pk)
        for row, item in zip(rows, items, strict=True)
        for implementer in item.implementers
    )
    levers.objects.bulk_create(
        levers(recommendation_id=row.pk, lever_id=lever.pk)
        for row, item in zip(rows, items, strict=True)
        for lever in item.levers
    )


def _drive_issue(*, actor, paper: IssuePaper, legislative: bool | None = None) -> None:
    """Move the paper's issue to the status its paper's state implies, and set
    its legislative flag from the recommendations; both recorded on the issue."""
    issue = Issue.objects.get(pk=paper.issue_id)
    changes = {}
    status = ISSUE_STATUS_FOR_PAPER[paper.state]
    # Triage's decisions stand: a paper save does not reopen an issue the Core
    # Group merged, deferred or closed (archiving still closes it).
    if issue.status != status and issue.status not in SETTLED:
        changes["status"] = status
    if legislative is not None:
        flag = Legislative.YES if legislative else Legislative.NO
        if issue.legislative != flag:
            changes["legislative"] = flag
    if changes:
        record_changes(
            actor=actor,
            issue=issue,
            changes=changes,
            reason=f"From the issue paper ({paper.get_state_display().lower()})",
        )


def _move(
    *, actor, paper: IssuePaper, from_states, to_state: str, message: str, version=None, **fields
) -> IssuePaper:
    """One conditional UPDATE: the state (and the version, when given) checked
    in its WHERE, so of two people pressing at once only one moves the paper."""
    where = {"pk": paper.pk, "state__in": from_states}
    if version is not None:
        where["version"] = version
    updated = IssuePaper.objects.filter(**where).update(state=to_state, updated_at=_now(), **fields)
    if not updated:
        raise IssueError(message)
    paper.refresh_from_db()
    _drive_issue(actor=actor, paper=paper)
    return paper


@transaction.atomic
def submit_for_review(*, actor, paper: IssuePaper, expected_version: int) -> IssuePaper:
    """The chair freezes the version they are looking at for review."""
    if not permissions.can_lead_paper(actor, paper):
        raise NotAllowed("Only the workgroup's chairs submit its papers for review.")
    revision = paper.current_revision
    if revision is None or not revision.summary.strip() or not revision.recommendations.exists():
        raise IssueError("A paper goes to review with a summary and at least one recommendation.")
    updated = IssuePaper.objects.filter(
        pk=paper.pk, version=expected_version, state__in=EDITABLE_STATES
    ).update(
        state=PaperState.SUBMITTED,
        submitted_revision=F("current_revision"),
        submitted_at=_now(),
        submitted_by=actor,
        updated_at=_now(),
    )
    if not updated:
        current = IssuePaper.objects.get(pk=paper.pk)
        if current.state not in EDITABLE_STATES:
            raise IssueError(f"This paper is {current.get_state_display().lower()} already.")
        raise IssueError(
            f"Someone saved revision {current.version} since you opened the paper: "
            "read it, then submit again."
        )
    paper.refresh_from_db()
    _drive_issue(actor=actor, paper=paper)
    return paper


@transaction.atomic
def start_review(*, actor, paper: IssuePaper) -> IssuePaper:
    """The Core Group puts the submitted version in front of the partnership."""
    if not permissions.can_run_review(actor):
        raise NotAllowed("Only the Core Group and admins put papers under review.")
    return _move(
        actor=actor,
        paper=paper,
        from_states=[PaperState.SUBMITTED],
        to_state=PaperState.UNDER_REVIEW,
        message="Only a submitted paper goes under review.",
        review_revision=F("submitted_revision"),
    )


@transaction.atomic
def return_for_revision(*, actor, paper: IssuePaper) -> IssuePaper:
    """The review is over; the authors revise the paper from the feedback."""
    if not permissions.can_lead_paper(actor, paper):
        raise NotAllowed("Only the workgroup's chairs and the Core Group reopen a paper.")
    return _move(
        actor=actor,
        paper=paper,
        from_states=[PaperState.UNDER_REVIEW],
        to_state=PaperState.REVISING,
        message="Only a paper under review goes back for revision.",
    )


@transaction.atomic
def withdraw_submission(*, actor, paper: IssuePaper) -> IssuePaper:
    """The chair takes back a submitted paper before review: it is a draft
    again (or revising, if an earlier version was reviewed already)."""
    if not permissions.can_lead_paper(actor, paper):
        raise NotAllowed("Only the workgroup's chairs withdraw a submission.")
    return _move(
        actor=actor,
        paper=paper,
        from_states=[PaperState.SUBMITTED],
        to_state=PaperState.REVISING if paper.review_revision_id else PaperState.DRAFT,
        message="Only a submitted paper is withdrawn.",
        submitted_revision=None,
        submitted_at=None,
        submitted_by=None,
    )


@transaction.atomic
def adopt_paper(
    *,
    actor,
    paper: IssuePaper,
    expected_version: int,
    adopted_on: datetime.date,
    adopted_at_event: str,
    decision: str,
) -> IssuePaper:
    """Record the partnership's adoption of the revision the recorder was
    shown (`expected_version`): a save in between refuses the adoption."""
    if not permissions.can_run_review(actor):
        raise NotAllowed("Only the Core Group and admins record an adoption.")
    current = IssuePaper.objects.get(pk=paper.pk)
    if current.version != expected_version:
        raise IssueError(
            f"Revision {current.version} was saved since you opened this page: read it, "
            "then record the adoption."
        )
    return _move(
        actor=actor,
        paper=paper,
        from_states=ADOPTABLE,
        to_state=PaperState.ADOPTED,
        message="Only a paper submitted, under review or revising is adopted.",
        version=expected_version,
        adopted_revision=F("current_revision"),
        adopted_on=adopted_on,
        adopted_at_event=adopted_at_event.strip(),
        decision=decision,
        adopted_by=actor,
    )


@transaction.atomic
def archive_paper(*, actor, paper: IssuePaper) -> IssuePaper:
    if not permissions.can_run_review(actor):
        raise NotAllowed("Only the Core Group and admins archive papers.")
    return _move(
        actor=actor,
        paper=paper,
        from_states=[PaperState.ADOPTED],
        to_state=PaperState.ARCHIVED,
        message="Only an adopted paper is archived.",
    )


@transaction.atomic
def add_paper_comment(
    *, actor, paper: IssuePaper, body: str, section: str = "", recommendation_number=None
) -> PaperComment:
    if not permissions.can_comment_on_paper(actor, paper):
        raise NotAllowed("Only the workgroup, the Core Group and admins comment on drafts.")
    if paper.state in (PaperState.ADOPTED, PaperState.ARCHIVED):
        raise IssueError("This paper is adopted: comments are closed.")
    if (
        recommendation_number
        and not Recommendation.objects.filter(
            revision_id=paper.current_revision_id, number=recommendation_number
        ).exists()
    ):
        raise IssueError(f"The paper has no recommendation {recommendation_number}.")
    comment = PaperComment.objects.create(
        paper=paper,
        revision_id=paper.current_revision_id,
        section="recommendations" if recommendation_number else section,
        recommendation_number=recommendation_number or None,
        body=body,
        author=actor,
    )
    notify(
        kind=PAPER_COMMENT.name,
        people=[person for person in paper_authors(paper) if person.pk != actor.pk],
        key=f"paper_comment:{comment.pk}",
        subject=f"{actor.full_name} commented on “{paper.title}”",
        body=body,
        path=paper.get_absolute_url() + "#comments",
    )
    return comment


def paper_authors(paper) -> list:
    """The paper's authors now: its workgroup's chairs and the co-authors
    still in the workgroup."""
    workgroup = paper.issue.workgroup
    current = Membership.objects.current().filter(workgroup=workgroup).select_related("person")
    co_authors = set(paper.co_authorships.values_list("person_id", flat=True))
    return [m.person for m in current if m.role == Role.CHAIR or m.person_id in co_authors]


@transaction.atomic
def resolve_comment(*, actor, comment: PaperComment) -> None:
    if not permissions.can_edit_paper(actor, comment.paper):
        raise NotAllowed("Only the paper's authors resolve comments.")
    PaperComment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
        resolved_at=_now(), resolved_by=actor
    )


@transaction.atomic
def add_co_author(*, actor, paper: IssuePaper, person) -> PaperCoAuthor:
    if not permissions.can_lead_paper(actor, paper):
        raise NotAllowed("Only the workgroup's chairs add co-authors.")
    if paper.state in PUBLIC_STATES:
        raise IssueError("The paper is adopted: its authors are on record.")
    if is_workgroup_chair(person, paper.issue.workgroup):
        raise IssueError(f"{person} chairs {paper.issue.workgroup}: an author already.")
    if not is_workgroup_member(person, paper.issue.workgroup):
        raise IssueError(f"{person} is not a member of {paper.issue.workgroup}.")
    try:
        with transaction.atomic():
            co_author = PaperCoAuthor.objects.create(paper=paper, person=person, added_by=actor)
    except IntegrityError as exc:
        raise IssueError(f"{person} is a co-author already.") from exc
    permissions.forget_co_authors(paper)
    notify(
        kind=CO_AUTHOR_ADDED.name,
        people=[person],
        key=f"co_author:{co_author.pk}",
        subject=f"You are a co-author of “{paper.title}”",
        body=f"{actor.full_name} added you as a co-author of “{paper.title}”. "
        "You can now edit its draft.",
        path=paper.get_absolute_url(),
    )
    return co_author


@transaction.atomic
def remove_co_author(*, actor, paper: IssuePaper, person) -> None:
    if not permissions.can_lead_paper(actor, paper):
        raise NotAllowed("Only the workgroup's chairs remove co-authors.")
    if paper.state in PUBLIC_STATES:
        raise IssueError("The paper is adopted: its authors are on record.")
    deleted, _ = PaperCoAuthor.objects.filter(paper=paper, person=person).delete()
    if not deleted:
        raise IssueError(f"{person} is not a co-author of this paper.")
    permissions.forget_co_authors(paper)


def keep_draft(*, actor, paper: IssuePaper, data: dict, base_version: int) -> PaperDraft | None:
    """Keep what the person has typed; only `save_revision` makes a revision.

    Returns None for the echo of a keep request still in flight when the
    person pressed Save: typed over an older version and holding exactly the
    text they have since saved. Kept, it would greet them next time with
    their own saved words as an unsaved draft."""
    if not permissions.can_edit_paper(actor, paper):
        raise NotAllowed("Only the paper's authors edit it.")
    saved = (
        PaperRevision.objects.filter(paper=paper, number__gt=base_version, author=actor)
        .order_by("-number")
        .first()
    )
    fields = ("title", *TEXT_SECTIONS)
    if saved and all(
        normalise((data.get(name) or [""])[0]) == normalise(getattr(saved, name)) for name in fields
    ):
        return None
    draft, _ = PaperDraft.objects.update_or_create(
        paper=paper,
        person=actor,
        defaults={"data": data, "base_version": base_version, "updated_at": _now()},
    )
    return draft


def discard_draft(*, actor, paper: IssuePaper) -> None:
    PaperDraft.objects.filter(paper=paper, person=actor).delete()
