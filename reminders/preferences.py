"""What each person chose: reminders on or off per kind, notifications at
once, in the daily digest or never; and the lead times admins set."""

from django.conf import settings
from django.db.models.functions import Lower

from reminders.enums import Choice
from reminders.models import GuestOptOut, LeadTimes, Preference
from reminders.registry import ReminderKind


def lead_minutes(kind: ReminderKind) -> list[int]:
    """The kind's lead times in minutes, largest first: the admins' choice, or
    the default in settings."""
    row = LeadTimes.objects.filter(kind=kind.name).first()
    minutes = row.minutes if row else settings.REMINDER_LEAD_TIMES.get(kind.default_setting, [])
    return sorted({int(m) for m in minutes}, reverse=True)


MANY = 500


def opted_out(kind_name: str, recipient_keys) -> set[str]:
    """Which of these recipients turned this kind of reminder off. (Guest keys
    are lower-case: guest:ana@example.net.)"""
    keys = set(recipient_keys)
    person_ids = {int(k.split(":", 1)[1]) for k in keys if k.startswith("person:")}
    emails = {k.split(":", 1)[1].lower() for k in keys if k.startswith("guest:")}
    turned_off = Preference.objects.filter(kind=kind_name, choice__in=[Choice.OFF, Choice.NEVER])
    if len(person_ids) <= MANY:
        turned_off = turned_off.filter(person_id__in=person_ids)
    # else: every member (a summit): all who turned the kind off, fewer than
    # the 10,000 ids a query would otherwise carry.
    off = {f"person:{pk}" for pk in turned_off.values_list("person_id", flat=True)}
    if emails:
        off |= {
            f"guest:{email}"
            for email in GuestOptOut.objects.annotate(lower=Lower("email"))
            .filter(kind=kind_name, lower__in=emails)
            .values_list("lower", flat=True)
        }
    return off & keys


def notification_choices(kind_name: str, person_ids) -> dict[int, str]:
    """Each person's choice for this notification kind: now (the default),
    digest or never."""
    chosen = dict(
        Preference.objects.filter(kind=kind_name, person_id__in=person_ids).values_list(
            "person_id", "choice"
        )
    )
    return {pk: chosen.get(pk, Choice.NOW) for pk in person_ids}


def choices_of(person) -> dict[str, str]:
    return dict(Preference.objects.filter(person=person).values_list("kind", "choice"))
