"""Writes of the summits app: one function per change, each checking the
actor's right first."""

import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import slugify

from issues import services as issue_services
from issues.enums import PaperState
from reminders.services import notify
from summits import permissions
from summits.enums import AttendanceMode
from summits.models import (
    Feedback,
    FeedbackDraft,
    FeedbackRound,
    Registration,
    RoundPaper,
    Summit,
)
from summits.reminder_kinds import DISPOSITION, ROUND_OPENED

SUMMIT_FIELDS = ("title", "starts_at", "ends_at", "format", "venue", "address", "meeting_link",
                 "agenda")  # fmt: skip


class SummitError(Exception):
    pass


class NotAllowed(SummitError):
    pass


def _unique_slug(title: str, starts_at: datetime.datetime) -> str:
    # The year makes "Summer Summit" of each year its own address.
    year = f"{starts_at:%Y}"
    base = slugify(title if year in title else f"{title} {year}")[:180] or "summit"
    slug, n = base, 2
    while Summit.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_summit(*, actor, **fields) -> Summit:
    if not permissions.can_run_summits(actor):
        raise NotAllowed("Only the Core Group and admins create summits.")
    values = {name: fields[name] for name in SUMMIT_FIELDS}
    try:
        with transaction.atomic():
            return Summit.objects.create(
                slug=_unique_slug(values["title"], values["starts_at"]),
                created_by=actor,
                **values,
            )
    except IntegrityError as exc:  # two summits of one name created at the same moment
        raise SummitError("A summit of this name was just created: open it instead.") from exc


@transaction.atomic
def update_summit(*, actor, summit: Summit, **fields) -> Summit:
    if not permissions.can_run_summits(actor):
        raise NotAllowed("Only the Core Group and admins change summits.")
    values = {name: fields[name] for name in SUMMIT_FIELDS}
    Summit.objects.filter(pk=summit.pk).update(**values)
    summit.refresh_from_db()
    return summit


@transaction.atomic
def register(*, person, summit: Summit, mode: str) -> Registration:
    """Say one will attend, or change how; one registration per person."""
    if not permissions.can_register(person, summit, now=timezone.now()):
        raise SummitError("Registration is closed: the summit is over.")
    allowed = {AttendanceMode.IN_PERSON} if not summit.online else {AttendanceMode.ONLINE}
    if summit.in_person and summit.online:
        allowed = set(AttendanceMode.values)
    if mode not in allowed:
        raise SummitError("Choose how you will attend this summit.")
    registration, _ = Registration.objects.update_or_create(
        summit=summit, person=person, defaults={"mode": mode}
    )
    return registration


@transaction.atomic
def cancel_registration(*, person, summit: Summit) -> None:
    deleted, _ = Registration.objects.filter(summit=summit, person=person).delete()
    if not deleted:
        raise SummitError("You were not registered for this summit.")


# Feedback rounds ---------------------------------------------------------------


class RoundClosed(SummitError):
    def __init__(self, feedback_round):
        opens_later = timezone.now() < feedback_round.opens_at
        moment = feedback_round.opens_at if opens_later else feedback_round.closes_at
        when = date_format(timezone.localtime(moment), "g:i a \\o\\n j F Y")
        super().__init__(
            f"“{feedback_round.title}” {'opens' if opens_later else 'closed'} at {when}: "
            "your feedback was not recorded. Your text is below to copy."
        )


@transaction.atomic
def create_round(
    *, actor, summit: Summit, title: str, opens_at, closes_at, results_while_open: bool, papers
) -> FeedbackRound:
    """A round on the papers' frozen versions; a submitted paper goes under
    review as the round takes it."""
    if not permissions.can_run_summits(actor):
        raise NotAllowed("Only the Core Group and admins open feedback rounds.")
    if closes_at <= opens_at:
        raise SummitError("A round closes after it opens.")
    feedback_round = FeedbackRound.objects.create(
        summit=summit,
        title=title.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        results_while_open=results_while_open,
        created_by=actor,
    )
    for position, paper in enumerate(papers):
        if paper.state == PaperState.SUBMITTED:
            paper = issue_services.start_review(actor=actor, paper=paper)
        if paper.state != PaperState.UNDER_REVIEW or not paper.review_revision_id:
            raise SummitError(f"“{paper.title}” is not ready for review.")
        RoundPaper.objects.create(
            round=feedback_round, revision_id=paper.review_revision_id, position=position
        )
    count = len(papers)
    closes = date_format(timezone.localtime(closes_at), "l j F, g:i A T")
    notify(
        kind=ROUND_OPENED.name,
        people=get_user_model().objects.filter(is_active=True),
        key=f"round_opened:{feedback_round.pk}",
        subject=f"Feedback round open: {summit.title}, {feedback_round.title}",
        body=f"{count} paper{'s' if count != 1 else ''} for your feedback, until {closes}.",
        path=feedback_round.get_absolute_url(),
        at=opens_at,
    )
    return feedback_round


FEEDBACK_FIELDS = ("stance", "comments", "suggested_changes", "recommendation_number",
                   "organisation_position")  # fmt: skip


@transaction.atomic
def give_feedback(*, person, feedback_round: FeedbackRound, revision, **fields) -> Feedback:
    """Submit or edit one's feedback on one paper, while the round is open.

    The round's row is locked and the window checked in the same transaction
    as the write: a submission a moment after the close is refused, however
    long the request took to arrive."""
    locked = FeedbackRound.objects.select_for_update().get(pk=feedback_round.pk)
    if not locked.is_open(timezone.now()):
        raise RoundClosed(locked)
    if not RoundPaper.objects.filter(round=locked, revision=revision).exists():
        raise SummitError("This round does not cover that paper.")
    values = {name: fields[name] for name in FEEDBACK_FIELDS}
    if values["organisation_position"] and not person.organisation_id:
        raise SummitError("You have no organisation on your profile to speak for.")
    values["organisation_id"] = person.organisation_id
    try:
        with transaction.atomic():
            feedback, _ = Feedback.objects.update_or_create(
                round=locked,
                revision=revision,
                person=person,
                defaults={**values, "updated_at": timezone.now()},
            )
    except IntegrityError as exc:
        raise SummitError(
            f"{person.organisation} has stated its position on this paper in this round "
            "already. Untick “states my organisation's position” to give your own."
        ) from exc
    FeedbackDraft.objects.filter(round=locked, revision=revision, person=person).delete()
    return feedback


def submitted_version(feedback: Feedback | None) -> str:
    """Which submission a feedback form was opened on ("" for none yet)."""
    return feedback.updated_at.isoformat() if feedback else ""


@transaction.atomic
def keep_feedback_draft(
    *, person, feedback_round, revision, data: dict, opened_on: str | None = None
) -> FeedbackDraft | None:
    """Keep what the person typed. With `opened_on` (the submitted_version the
    form was opened on), typing from a form older than the latest submission
    is not kept: an autosave that arrives after its own form was submitted
    would otherwise come back as "changes you have not submitted".

    The round's row is locked as give_feedback locks it, so an autosave sent
    as the person presses Submit is either kept before the submission (which
    then clears it) or checked after it (and refused), never written after."""
    if opened_on is not None:
        FeedbackRound.objects.select_for_update().filter(pk=feedback_round.pk).first()
        mine = Feedback.objects.filter(
            round=feedback_round, revision=revision, person=person
        ).first()
        if submitted_version(mine) != opened_on:
            return None
    draft, _ = FeedbackDraft.objects.update_or_create(
        round=feedback_round,
        revision=revision,
        person=person,
        defaults={"data": data, "updated_at": timezone.now()},
    )
    return draft


@transaction.atomic
def dispose(*, actor, feedback: Feedback, disposition: str, reason: str) -> Feedback:
    """A chair answers one feedback item: accepted, partly, not, out of scope."""
    paper = feedback.revision.paper
    if not permissions.can_dispose(actor, paper):
        raise NotAllowed("Only the paper's chairs and the Core Group answer its feedback.")
    Feedback.objects.filter(pk=feedback.pk).update(
        disposition=disposition,
        disposition_reason=reason.strip(),
        disposed_by=actor,
        disposed_at=timezone.now(),
    )
    feedback.refresh_from_db()
    if feedback.person_id:
        answer = feedback.get_disposition_display()
        notify(
            kind=DISPOSITION.name,
            people=[feedback.person],
            key=f"disposition:{feedback.pk}:{disposition}",
            subject=f"Your feedback on “{feedback.revision.title}”: {answer}",
            body=f"{actor.full_name} answered your feedback: {answer}."
            + (f"\n\n{feedback.disposition_reason}" if feedback.disposition_reason else ""),
            path=reverse("summits:changes_since", kwargs={"pk": feedback.pk}),
        )
    return feedback


@transaction.atomic
def enter_on_behalf(
    *, actor, feedback_round: FeedbackRound, revision, giver_name: str, organisation, **fields
) -> Feedback:
    """Feedback given on paper or aloud at the summit by someone without an
    account, typed in by an organiser — also after the round has closed,
    since that is when the cards get typed up. Marked with who entered it."""
    if not permissions.can_run_summits(actor):
        raise NotAllowed("Only the Core Group and admins enter feedback for others.")
    if not RoundPaper.objects.filter(round=feedback_round, revision=revision).exists():
        raise SummitError("This round does not cover that paper.")
    values = {name: fields[name] for name in FEEDBACK_FIELDS}
    if values["organisation_position"] and organisation is None:
        raise SummitError("Choose the organisation whose position this is.")
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                round=feedback_round,
                revision=revision,
                giver_name=giver_name.strip(),
                organisation=organisation,
                entered_by=actor,
                **values,
            )
    except IntegrityError as exc:
        raise SummitError(
            f"{organisation} has stated its position on this paper in this round already."
        ) from exc
