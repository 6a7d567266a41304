"""Reads of the summits app, each a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from summits.enums import AttendanceMode, Stance
from summits.models import Feedback, FeedbackRound, Registration, RoundPaper, Summit
from workgroups.permissions import is_core_or_admin, roles_of


def summits_with_counts(*, person):
    """Every summit with its registrations counted and `person`'s own
    registration as `my_registration`: (upcoming, past)."""
    now = timezone.now()
    summits = Summit.objects.annotate(
        registered=Count("registrations"),
        in_person_count=Count(
            "registrations", filter=Q(registrations__mode=AttendanceMode.IN_PERSON)
        ),
    )
    upcoming = list(summits.filter(ends_at__gt=now).order_by("starts_at"))
    past = list(summits.filter(ends_at__lte=now).order_by("-starts_at"))
    mine = my_registrations(person=person)
    for summit in upcoming + past:
        summit.my_registration = mine.get(summit.pk)
    return upcoming, past


def my_registrations(*, person) -> dict[int, Registration]:
    if not person.is_authenticated:
        return {}
    return {r.summit_id: r for r in Registration.objects.filter(person=person)}


def registrations(*, summit):
    return (
        Registration.objects.filter(summit=summit)
        .select_related("person__organisation__sector")
        .order_by("person__full_name")
    )


def rounds_open_to(*, person, now=None) -> list:
    """The rounds open now, each with how many of its papers `person` has
    answered (`answered`) out of how many (`paper_count`)."""
    now = now or timezone.now()
    rounds = list(
        FeedbackRound.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .select_related("summit")
        .annotate(paper_count=Count("round_papers", distinct=True))
        .order_by("closes_at")
    )
    answered = dict(
        Feedback.objects.filter(round__in=rounds, person=person)
        .values("round")
        .annotate(n=Count("revision", distinct=True))
        .values_list("round", "n")
    )
    for feedback_round in rounds:
        feedback_round.answered = answered.get(feedback_round.pk, 0)
    return rounds


def round_papers(*, feedback_round, person) -> list:
    """The round's papers, each revision with its paper and workgroup, and
    whether `person` has answered it (`mine`)."""
    papers = list(
        RoundPaper.objects.filter(round=feedback_round).select_related(
            "revision__paper__issue__workgroup"
        )
    )
    mine = {
        feedback.revision_id: feedback
        for feedback in Feedback.objects.filter(round=feedback_round, person=person)
    }
    for paper in papers:
        paper.mine = mine.get(paper.revision_id)
    return papers


@dataclass
class PaperReport:
    total: int
    by_stance: list  # (label, count)
    by_sector: list  # (sector name, count)
    feedback: list  # every item, when the reader may see them
    answered: int


def paper_report(*, feedback_round, revision, with_items: bool) -> PaperReport:
    """A paper's feedback in a round: counts by stance and by the giver's
    sector (two grouped queries), and the items themselves when allowed."""
    rows = Feedback.objects.filter(round=feedback_round, revision=revision)
    stances = dict(rows.values("stance").annotate(n=Count("pk")).values_list("stance", "n"))
    sectors = list(
        rows.values("organisation__sector__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__sector__name")
        .values_list("organisation__sector__name", "n")
    )
    items = []
    if with_items:
        items = list(
            rows.select_related("person", "organisation__sector", "entered_by", "disposed_by")
        )
    return PaperReport(
        total=sum(stances.values()),
        by_stance=[(label, stances.get(value, 0)) for value, label in Stance.choices],
        by_sector=[(name or "No organisation", n) for name, n in sectors],
        feedback=items,
        answered=sum(1 for item in items if item.disposition),
    )


def feedback_for_export(*, feedback_round, reader):
    """The feedback `reader` may export, or None if none at all."""
    rows = Feedback.objects.filter(round=feedback_round).select_related(
        "revision", "person", "organisation__sector", "entered_by"
    )
    if is_core_or_admin(reader):
        return rows.order_by("revision__title", "submitted_at")
    chair_of = roles_of(reader).chair_of
    if not chair_of:
        return None
    return rows.filter(revision__paper__issue__workgroup_id__in=chair_of).order_by(
        "revision__title", "submitted_at"
    )
