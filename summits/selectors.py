"""Reads of the summits app, each a fixed number of queries."""

from django.db.models import Count, Q
from django.utils import timezone

from summits.enums import AttendanceMode
from summits.models import Feedback, FeedbackRound, Registration, RoundPaper, Summit


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
