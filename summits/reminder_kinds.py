"""Reminders of summits and of feedback rounds closing, and notifications of
a round opening and of a disposition on one's feedback."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count

from mhap.ical import calendar_bytes
from reminders.registry import (
    Event,
    NotificationKind,
    ReminderKind,
    register_notification,
    register_reminder,
)
from summits.calendar import summit_event, where
from summits.models import Feedback, FeedbackRound, Summit
from workgroups.reminder_kinds import people_recipients


def _members():
    return get_user_model().objects.filter(is_active=True).order_by("pk")


class SummitReminder(ReminderKind):
    name = "summit"
    label = "Summits"
    help_text = "Sent to every member before each summit."
    default_setting = "summit"

    def _event(self, summit) -> Event:
        calendar_event = summit_event(summit)
        return Event(
            key=f"summit:{summit.pk}",
            starts_at=summit.starts_at,
            ends_at=summit.ends_at,
            title=summit.title,
            what="Summit",
            path=summit.get_absolute_url(),
            time_zone=settings.TIME_ZONE,
            where=where(summit),
            link=summit.meeting_link,
            agenda=summit.agenda,
            ics=lambda: calendar_bytes([calendar_event], name=summit.title),
            source=summit,
        )

    def events(self, *, after, until):
        summits = Summit.objects.filter(starts_at__gt=after, starts_at__lte=until)
        return [self._event(s) for s in summits]

    def event(self, key):
        summit = Summit.objects.filter(pk=key.removeprefix("summit:")).first()
        return self._event(summit) if summit else None

    def recipients(self, event):
        return people_recipients(_members())


class RoundClosingReminder(ReminderKind):
    name = "round_closing"
    label = "Feedback rounds closing"
    help_text = "Sent before a round closes, only while you have papers in it left to answer."
    default_setting = "round_closing"

    def _event(self, feedback_round) -> Event:
        return Event(
            key=f"round:{feedback_round.pk}",
            starts_at=feedback_round.closes_at,
            title=f"{feedback_round.summit.title}: {feedback_round.title}",
            what="Feedback round closes",
            path=feedback_round.get_absolute_url(),
            time_zone=settings.TIME_ZONE,
            source=feedback_round,
        )

    def events(self, *, after, until):
        rounds = FeedbackRound.objects.filter(closes_at__gt=after, closes_at__lte=until)
        return [self._event(r) for r in rounds.select_related("summit")]

    def event(self, key):
        feedback_round = (
            FeedbackRound.objects.select_related("summit")
            .filter(pk=key.removeprefix("round:"))
            .first()
        )
        return self._event(feedback_round) if feedback_round else None

    def recipients(self, event):
        """Members who have not yet given feedback on every paper in the round."""
        feedback_round = event.source
        papers = feedback_round.round_papers.count()
        done = (
            Feedback.objects.filter(round=feedback_round, person__isnull=False)
            .values("person")
            .annotate(answered=Count("revision", distinct=True))
            .filter(answered__gte=papers)
            .values_list("person", flat=True)
        )
        return people_recipients(_members().exclude(pk__in=done)) if papers else []


register_reminder(SummitReminder())
register_reminder(RoundClosingReminder())
ROUND_OPENED = register_notification(
    NotificationKind("round_opened", "A feedback round opened to me")
)
DISPOSITION = register_notification(
    NotificationKind("feedback_disposition", "A disposition on my feedback")
)
