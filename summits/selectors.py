"""Reads of the summits app, each a fixed number of queries."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from members.models import Organisation
from summits.enums import AttendanceMode, Stance
from summits.models import Feedback, FeedbackDraft, FeedbackRound, Registration, RoundPaper, Summit
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
    feedback: QuerySet  # every item in order, when the reader may see them (paginate it)
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
    items = Feedback.objects.none()
    answered = 0
    if with_items:
        # Left lazy: the page shows one page of items (each with its answer
        # form), and counting the answered ones is one more grouped query.
        items = rows.select_related(
            "person", "organisation__sector", "entered_by", "disposed_by"
        ).order_by("submitted_at", "pk")
        answered = rows.exclude(disposition="").count()
    return PaperReport(
        total=sum(stances.values()),
        by_stance=[(label, stances.get(value, 0)) for value, label in Stance.choices],
        by_sector=[(name or "No organisation", n) for name, n in sectors],
        feedback=items,
        answered=answered,
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


@dataclass
class RoundSummary:
    papers: list  # RoundPaper with .total, .by_stance [(label, n)], .answered
    sectors: list  # (sector, members, took part)
    organisations_in: list  # Organisation that took part
    organisations_out: list  # Organisation with members that did not
    people: int  # distinct givers with an account
    members: int  # active accounts
    people_in: list  # names of members who took part
    people_out: list  # names of members who did not


def round_summary(*, feedback_round) -> RoundSummary:
    """The Core Group's view of a round: each paper's feedback by stance and
    how much of it is answered, and who took part — by sector, organisation
    and person — against the coalition's membership. A fixed number of
    grouped queries, whatever the feedback."""
    papers = list(
        RoundPaper.objects.filter(round=feedback_round).select_related(
            "revision__paper__issue__workgroup"
        )
    )
    rows = Feedback.objects.filter(round=feedback_round)
    counts = {}
    for revision_id, stance, answered, n in rows.values_list(
        "revision_id", "stance", "disposition"
    ).annotate(n=Count("pk")):
        counts.setdefault(revision_id, []).append((stance, bool(answered), n))
    for paper in papers:
        found = counts.get(paper.revision_id, [])
        paper.total = sum(n for _, _, n in found)
        paper.answered = sum(n for _, answered, n in found if answered)
        paper.by_stance = [
            (label, sum(n for stance, _, n in found if stance == value))
            for value, label in Stance.choices
        ]
    gave_people = set(rows.exclude(person=None).values_list("person_id", flat=True))
    gave_organisations = set(
        rows.exclude(organisation=None).values_list("organisation_id", flat=True)
    )
    members = list(
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("full_name")
        .values_list("pk", "organisation_id", "organisation__sector__name", "full_name")
    )
    sectors = {}
    for pk, _, sector, _ in members:
        total, took_part = sectors.get(sector or "No organisation", (0, 0))
        sectors[sector or "No organisation"] = (total + 1, took_part + (pk in gave_people))
    organisations = list(Organisation.objects.select_related("sector").order_by("name"))
    with_members = {organisation_id for _, organisation_id, _, _ in members if organisation_id}
    return RoundSummary(
        papers=papers,
        sectors=[(name, total, took) for name, (total, took) in sorted(sectors.items())],
        organisations_in=[o for o in organisations if o.pk in gave_organisations],
        organisations_out=[
            o for o in organisations if o.pk not in gave_organisations and o.pk in with_members
        ],
        people=len(gave_people),
        members=len(members),
        people_in=[name for pk, _, _, name in members if pk in gave_people],
        people_out=[name for pk, _, _, name in members if pk not in gave_people],
    )


def reviewed_papers(*, summit) -> list:
    """What a summit reviewed and what came of it: each round's papers with
    their feedback counted and the paper's state now. Two queries."""
    papers = list(
        RoundPaper.objects.filter(round__summit=summit)
        .select_related("round", "revision__paper__issue__workgroup")
        .order_by("round__opens_at", "position")
    )
    counts = {
        (round_id, revision_id): n
        for round_id, revision_id, n in Feedback.objects.filter(round__summit=summit)
        .values_list("round_id", "revision_id")
        .annotate(n=Count("pk"))
    }
    for paper in papers:
        paper.feedback_count = counts.get((paper.round_id, paper.revision_id), 0)
    return papers


def my_feedback(*, feedback_round, revision, person):
    """(the person's kept draft, their submitted feedback) on one paper, either None."""
    draft = FeedbackDraft.objects.filter(
        round=feedback_round, revision=revision, person=person
    ).first()
    mine = Feedback.objects.filter(round=feedback_round, revision=revision, person=person).first()
    return draft, mine
