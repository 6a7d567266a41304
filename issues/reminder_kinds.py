"""Notifications about issue papers (a comment on a paper I author, being
added as a co-author) and reminders of advocacy follow-ups coming due."""

from reminders.registry import (
    NotificationKind,
    register_notification,
    register_reminder,
)
from workgroups.reminder_kinds import DueDateReminder

PAPER_COMMENT = register_notification(
    NotificationKind("paper_comment", "A comment on a paper I author")
)
CO_AUTHOR_ADDED = register_notification(
    NotificationKind("co_author_added", "I was added as a co-author of a paper")
)


class FollowUpReminder(DueDateReminder):
    """An advocacy follow-up coming due, to its owner."""

    name = "advocacy_follow_up"
    label = "Advocacy follow-ups coming due"
    help_text = "Sent to you before a follow-up you own is due, until it is done."
    default_setting = "advocacy_follow_up"
    prefix = "follow_up"
    what = "Advocacy follow-up due"

    def open_items(self):
        from issues.models import FollowUp

        return FollowUp.objects.open().select_related("contact", "owner")

    def path(self, follow_up) -> str:
        return follow_up.contact.get_absolute_url()


register_reminder(FollowUpReminder())
