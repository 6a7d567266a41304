"""Reminders of learning sessions, to everyone registered: members and the
guests who confirmed their address."""

from django.conf import settings

from learning_sessions.enums import SessionStatus
from learning_sessions.models import LearningSession
from learning_sessions.services import session_calendar
from reminders.registry import Event, Recipient, ReminderKind, register_reminder
from workgroups.reminder_kinds import person_recipient


class LearningSessionReminder(ReminderKind):
    name = "learning_session"
    label = "Learning sessions I registered for"
    help_text = "Sent before each session you registered for, with the link to join."
    default_setting = "learning_session"

    def _event(self, session) -> Event:
        return Event(
            key=f"learning_session:{session.pk}",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            title=session.title,
            what="Learning session",
            path=session.get_absolute_url(),
            time_zone=settings.TIME_ZONE,
            link=session.meeting_link,
            agenda=session.description,
            ics=lambda: session_calendar(session, with_link=True),  # to registrants only
            source=session,
        )

    def _scheduled(self):
        return LearningSession.objects.filter(status=SessionStatus.SCHEDULED)

    def events(self, *, after, until):
        sessions = self._scheduled().filter(starts_at__gt=after, starts_at__lte=until)
        return [self._event(s) for s in sessions]

    def event(self, key):
        session = self._scheduled().filter(pk=key.removeprefix("learning_session:")).first()
        return self._event(session) if session else None

    def recipients(self, event):
        registrations = (
            event.source.registrations.exclude(confirmed_at=None)
            .select_related("person")
            .order_by("pk")
        )
        recipients = []
        for registration in registrations:
            if registration.person:
                if registration.person.is_active:
                    recipients.append(person_recipient(registration.person))
            else:
                email = registration.guest_email.lower()
                recipients.append(
                    Recipient(key=f"guest:{email}", email=registration.guest_email,
                              name=registration.guest_name, time_zone=settings.TIME_ZONE)
                )  # fmt: skip
        return recipients


register_reminder(LearningSessionReminder())
