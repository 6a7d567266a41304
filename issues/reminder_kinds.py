"""Notifications about issue papers: a comment on a paper I author, and being
added as a co-author."""

from reminders.registry import NotificationKind, register_notification

PAPER_COMMENT = register_notification(
    NotificationKind("paper_comment", "A comment on a paper I author")
)
CO_AUTHOR_ADDED = register_notification(
    NotificationKind("co_author_added", "I was added as a co-author of a paper")
)
