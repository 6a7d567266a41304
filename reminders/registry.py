"""The kinds of reminder and notification, declared by the apps that own the
events (each app's reminder_kinds.py) and looked up here by name. The engine
knows only this interface."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Event:
    """Something a reminder is about, as it stands now."""

    key: str  # "meeting:12": unique across kinds
    starts_at: datetime.datetime  # the moment reminded of (a meeting's start, a round's close)
    title: str
    what: str  # "Workgroup meeting", "Feedback round closes"
    path: str  # the Hub page, as an absolute path
    time_zone: str  # the event's own zone: day-long leads count in its wall clock
    ends_at: datetime.datetime | None = None
    where: str = ""
    link: str = ""  # the meeting link, for those who may have it
    agenda: str = ""  # Markdown
    ics: Callable[[], bytes] | None = None  # the event as an .ics file, when it has one
    source: object = field(default=None, compare=False, repr=False)  # the model instance


@dataclass(frozen=True)
class Recipient:
    key: str  # "person:5" or "guest:ana@example.net"
    email: str
    name: str
    time_zone: str
    person_id: int | None = None


class ReminderKind:
    """A kind of event people are reminded of ahead of time.

    Subclasses say which events lie in a window, what one event is now (None
    once it is cancelled or gone) and who is to be reminded of it now."""

    name: str
    label: str
    help_text: str = ""
    default_setting: str  # the key in settings.REMINDER_LEAD_TIMES

    def events(self, *, after, until) -> list[Event]:
        """Events whose moment lies in (after, until]."""
        raise NotImplementedError

    def event(self, key: str) -> Event | None:
        raise NotImplementedError

    def recipients(self, event: Event) -> list[Recipient]:
        raise NotImplementedError


@dataclass(frozen=True)
class NotificationKind:
    """Something that happened that a person may want to hear of: at once, in
    the daily digest or never."""

    name: str
    label: str
    help_text: str = ""


@dataclass
class _Registry:
    reminders: dict[str, ReminderKind] = field(default_factory=dict)
    notifications: dict[str, NotificationKind] = field(default_factory=dict)


registry = _Registry()


def register_reminder(kind: ReminderKind) -> ReminderKind:
    registry.reminders[kind.name] = kind
    return kind


def register_notification(kind: NotificationKind) -> NotificationKind:
    registry.notifications[kind.name] = kind
    return kind
