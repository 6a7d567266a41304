"""Writes of the reminders app: notifications as they happen, each person's
choices, unsubscribe links, and the lead times admins set."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from reminders import messages
from reminders.enums import Choice
from reminders.models import Delivery, GuestOptOut, LeadTimes, Preference
from reminders.preferences import notification_choices
from reminders.registry import registry
from reminders.tasks import send_soon
from workgroups.permissions import is_admin


def next_digest(now: datetime.datetime, time_zone: str) -> datetime.datetime:
    """The next digest hour (7 am by default) on the person's own clock."""
    zone = zoneinfo.ZoneInfo(time_zone)
    local = now.astimezone(zone)
    day = local.date()
    if local.hour >= settings.REMINDER_DIGEST_HOUR:
        day += datetime.timedelta(days=1)
    return datetime.datetime.combine(
        day, datetime.time(settings.REMINDER_DIGEST_HOUR), tzinfo=zone
    ).astimezone(datetime.UTC)


# A notification is about something that happened, not an event ahead: its
# unique key is what happened (`key`) and who hears of it, with this fixed time.
HAPPENED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def notify(*, kind: str, people, key: str, subject: str, body: str, path: str, at=None) -> int:
    """Tell these people that something happened, each as they chose: at once,
    in their daily digest, or never. Call it inside the change's transaction:
    the notification exists if and only if the change does. `key` names what
    happened (comment:12); the same key never notifies a person twice. `at`
    holds it back until then (a round that opens next week)."""
    if kind not in registry.notifications:
        raise ValueError(f"{kind!r} is not a registered notification kind")
    people = {person.pk: person for person in people if person and person.is_active}
    if not people:
        return 0
    choices = notification_choices(kind, list(people))
    now = max(timezone.now(), at) if at else timezone.now()
    rows = []
    for pk, person in people.items():
        choice = choices[pk]
        if choice == Choice.NEVER:
            continue
        due = now if choice == Choice.NOW else next_digest(now, person.time_zone)
        rows.append(
            Delivery(kind=kind, event_key=key, recipient_key=f"person:{pk}", person=person,
                     email=person.email, event_starts_at=HAPPENED, due_at=due, send_after=due,
                     digest=choice == Choice.DIGEST,
                     payload={"subject": subject, "body": body, "path": path})
        )  # fmt: skip
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    if any(not row.digest for row in rows):
        send_soon()
    return len(rows)


@transaction.atomic
def set_choices(*, person, choices: dict[str, str]) -> None:
    """A person's choices from the preferences page, one per kind."""
    known = set(registry.reminders) | set(registry.notifications)
    for kind, choice in choices.items():
        if kind not in known:
            continue
        Preference.objects.update_or_create(person=person, kind=kind, defaults={"choice": choice})


@transaction.atomic
def unsubscribe(*, recipient_key: str, kind: str) -> str:
    """Turn one kind off for the person (or guest) an unsubscribe link was made
    for. Returns what was turned off, in words."""
    who, _, ident = recipient_key.partition(":")
    if kind == messages.DIGEST:
        kinds, label = list(registry.notifications), "the daily digest"
    else:
        found = registry.reminders.get(kind) or registry.notifications.get(kind)
        if found is None:
            raise ValueError(kind)
        kinds, label = [kind], found.label
    if who == "person" and not get_user_model().objects.filter(pk=int(ident)).exists():
        return label  # the account is gone, and with it everything sent to it
    if who == "person" and kind == messages.DIGEST:
        Preference.objects.filter(person_id=int(ident), choice=Choice.DIGEST).update(
            choice=Choice.NEVER
        )
    elif who == "person":
        choice = Choice.OFF if kind in registry.reminders else Choice.NEVER
        Preference.objects.update_or_create(
            person_id=int(ident), kind=kind, defaults={"choice": choice}
        )
    elif who == "guest":
        for each in kinds:
            if not GuestOptOut.objects.filter(email__iexact=ident, kind=each).exists():
                GuestOptOut.objects.create(email=ident, kind=each)
    else:
        raise ValueError(recipient_key)
    return label


@transaction.atomic
def set_lead_times(*, actor, kind: str, minutes: list[int]) -> None:
    if not is_admin(actor):
        raise PermissionDenied("Only admins change when reminders go out.")
    if kind not in registry.reminders:
        raise ValueError(kind)
    LeadTimes.objects.update_or_create(
        kind=kind,
        defaults={"minutes": sorted(set(minutes), reverse=True), "changed_by": actor,
                  "changed_at": timezone.now()},
    )  # fmt: skip
