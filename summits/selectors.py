"""Reads of the summits app, each a fixed number of queries."""

from django.db.models import Count, Q
from django.utils import timezone

from summits.enums import AttendanceMode
from summits.models import Registration, Summit


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
