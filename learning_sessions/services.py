"""Writes of the learning sessions: the Core Group plans and moves them along."""

from django.db import transaction
from django.utils.text import slugify

from learning_sessions import permissions
from learning_sessions.models import LearningSession, Presenter

SESSION_FIELDS = ("title", "status", "proposed_month", "starts_at", "duration_minutes",
                  "description", "visibility", "meeting_link", "recording_link",
                  "slides_link", "summary")  # fmt: skip


class SessionError(Exception):
    pass


class NotAllowed(SessionError):
    pass


def _unique_slug(title: str) -> str:
    base = slugify(title)[:180] or "session"
    slug, n = base, 2
    while LearningSession.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_session(*, actor, session: LearningSession | None, fields: dict, topics, presenters):
    """Create or change a session, its topics and its presenters (name,
    organisation, bio), all or nothing."""
    if not permissions.can_plan(actor):
        raise NotAllowed("Only the Core Group and admins plan learning sessions.")
    values = {name: fields[name] for name in SESSION_FIELDS}
    if session is None:
        session = LearningSession.objects.create(
            slug=_unique_slug(values["title"]), created_by=actor, **values
        )
    else:
        LearningSession.objects.filter(pk=session.pk).update(**values)
        session.refresh_from_db()
    session.topics.set(topics)
    session.presenters.all().delete()
    Presenter.objects.bulk_create(
        Presenter(session=session, position=n, **presenter)
        for n, presenter in enumerate(presenters)
    )
    return session
