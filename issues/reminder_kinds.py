"""Notifications about issue papers (a comment on a paper I author, being
added as a co-author) and reminders of advocacy follow-ups coming due."""

import datetime
import zoneinfo

from django.conf import settings

from reminders.registry import (
    Event,
    NotificationKind,
    ReminderKind,
    register_notification,
    register_reminder,
)
from workgroups.reminder_kinds import person_recipient

PAPER_COMMENT = register_notification(
    NotificationKind("paper_comment", "A comment on a paper I author")
)
CO_AUTHOR_ADDED = register_notification(
    NotificationKind("co_author_added", "I was added as a co-author of a paper")
)


class FollowUpReminder(ReminderKind):
    """An advocacy follow-up coming due, to its owner."""

    name = "advocacy_follow_up"
    label = "Advocacy follow-ups coming due"
    help_text = "Sent to you before a follow-up you own is due, until it is done."
    default_setting = "advocacy_follow_up"
    DUE_HOUR = 9  # a follow-up is due at 9 am on its day, in the coalition's zone

    def _due(self, follow_up) -> datetime.datetime:
        return datetime.datetime.combine(
            follow_up.due_on,
            datetime.time(self.DUE_HOUR),
            tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE),
        )

    def _event(self, follow_up) -> Event:
        contact = follow_up.contact
        return Event(
            key=f"follow_up:{follow_up.pk}",
            starts_at=self._due(follow_up),
            title=follow_up.description,
            what="Advocacy follow-up due",
            path=contact.get_absolute_url(),
            time_zone=settings.TIME_ZONE,
            source=follow_up,
        )

    def _open(self):
        from issues.models import FollowUp

        return FollowUp.objects.open().select_related("contact", "owner")

    def events(self, *, after, until):
        follow_ups = self._open().filter(
            due_on__gte=after.date() - datetime.timedelta(days=1),
            due_on__lte=until.date() + datetime.timedelta(days=1),
        )
        return [e for e in map(self._event, follow_ups) if after < e.starts_at <= until]

    def event(self, key):
        follow_up = self._open().filter(pk=key.removeprefix("follow_up:")).first()
        return self._event(follow_up) if follow_up else None

    def recipients(self, event):
        owner = event.source.owner
        return [person_recipient(owner)] if owner.is_active else []


register_reminder(FollowUpReminder())
