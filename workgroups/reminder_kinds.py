"""Reminders of workgroup and Core Group meetings and of action items coming
due, and the notification of being added to a workgroup."""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone

from mhap.ical import calendar_bytes
from reminders.registry import (
    Event,
    NotificationKind,
    Recipient,
    ReminderKind,
    register_notification,
    register_reminder,
)
from workgroups.calendar import meeting_event
from workgroups.models import ActionItem, Meeting, Membership


def people_recipients(people) -> list[Recipient]:
    """A queryset of people as recipients, without making a model instance
    of each: a summit reminds every member, 10,000 of them at scale."""
    fields = ("pk", "email", "full_name", "time_zone")
    return [
        Recipient(key=f"person:{pk}", email=email, name=name, time_zone=zone, person_id=pk)
        for pk, email, name, zone in people.values_list(*fields)
    ]


def person_recipient(person) -> Recipient:
    return Recipient(
        key=f"person:{person.pk}",
        email=person.email,
        name=person.full_name,
        time_zone=person.time_zone,
        person_id=person.pk,
    )


class MeetingReminder(ReminderKind):
    name = "meeting"
    label = "Workgroup and Core Group meetings"
    help_text = "Sent to the workgroup's members before each meeting."
    default_setting = "meeting"

    def _event(self, meeting) -> Event:
        workgroup = meeting.workgroup
        return Event(
            key=f"meeting:{meeting.pk}",
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            title=meeting.title
            if workgroup.is_core_group
            else f"{workgroup.name}: {meeting.title}",
            what="Core Group meeting" if workgroup.is_core_group else "Workgroup meeting",
            path=meeting.get_absolute_url(),
            time_zone=meeting.time_zone,
            where=meeting.location,
            link=meeting.link,
            agenda=meeting.agenda,
            ics=lambda: calendar_bytes(
                [meeting_event(meeting, stamp=timezone.now())], name=meeting.title
            ),
            source=meeting,
        )

    def events(self, *, after, until):
        meetings = Meeting.objects.scheduled().filter(starts_at__gt=after, starts_at__lte=until)
        return [self._event(m) for m in meetings.select_related("workgroup")]

    def event(self, key):
        meeting = (
            Meeting.objects.scheduled()
            .select_related("workgroup")
            .filter(pk=key.removeprefix("meeting:"))
            .first()
        )
        return self._event(meeting) if meeting else None

    def recipients(self, event):
        """The workgroup's members now: whoever left is not reminded, whoever
        joined is."""
        memberships = Membership.objects.current().filter(workgroup_id=event.source.workgroup_id)
        return [person_recipient(m.person) for m in memberships.select_related("person")]


class DueDateReminder(ReminderKind):
    """Something an owner is to do by a date (an action item, an advocacy
    follow-up), reminded to its owner until it is done. It is due at DUE_HOUR
    on its day, in the coalition's zone. Subclasses say their key prefix,
    what it is, which are open (with an owner) and where its page is."""

    DUE_HOUR = 9  # the start of the coalition's working day
    prefix: str
    what: str

    def open_items(self):
        raise NotImplementedError

    def path(self, item) -> str:
        raise NotImplementedError

    def _due(self, item) -> datetime.datetime:
        return datetime.datetime.combine(
            item.due_on, datetime.time(self.DUE_HOUR), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
        )

    def _event(self, item) -> Event:
        return Event(
            key=f"{self.prefix}:{item.pk}",
            starts_at=self._due(item),
            title=item.description,
            what=self.what,
            path=self.path(item),
            time_zone=settings.TIME_ZONE,
            source=item,
        )

    def events(self, *, after, until):
        # A day's margin each side: the due moment is a local wall-clock time.
        items = self.open_items().filter(
            due_on__gte=after.date() - datetime.timedelta(days=1),
            due_on__lte=until.date() + datetime.timedelta(days=1),
        )
        return [e for e in map(self._event, items) if after < e.starts_at <= until]

    def event(self, key):
        pk = key.removeprefix(f"{self.prefix}:")
        item = self.open_items().filter(pk=pk, due_on__isnull=False).first()
        return self._event(item) if item else None

    def recipients(self, event):
        owner = event.source.owner
        return [person_recipient(owner)] if owner and owner.is_active else []


class ActionItemReminder(DueDateReminder):
    name = "action_item"
    label = "Action items coming due"
    help_text = "Sent to the owner of an open action item before its due date."
    default_setting = "action_item"
    prefix = "action_item"
    what = "Action item due"

    def open_items(self):
        return (
            ActionItem.objects.open()
            .filter(owner__isnull=False)
            .select_related("workgroup", "owner")
        )

    def path(self, item) -> str:
        return item.workgroup.get_absolute_url()


register_reminder(MeetingReminder())
register_reminder(ActionItemReminder())
ADDED_TO_WORKGROUP = register_notification(
    NotificationKind("added_to_workgroup", "I was added to a workgroup")
)
MEETING_CHANGED = register_notification(
    NotificationKind("meeting_changed", "A meeting of my workgroup moved or was cancelled")
)
