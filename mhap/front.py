"""What the public front page shows besides its texts: each a fixed number
of queries."""

from django.utils import timezone

from issues.enums import PaperState
from issues.models import IssuePaper
from learning_sessions.enums import SessionStatus, Visibility
from learning_sessions.models import LearningSession


def adopted_papers() -> list:
    """The adopted papers, by their adopted title (a later draft stays unseen)."""
    return list(
        IssuePaper.objects.filter(state=PaperState.ADOPTED, adopted_revision__isnull=False)
        .select_related("adopted_revision", "issue__workgroup")
        .order_by("issue__workgroup__name", "adopted_revision__title")
    )


def _public_sessions():
    return LearningSession.objects.filter(visibility=Visibility.PUBLIC)


def public_events() -> list:
    """Upcoming events anyone may join: public learning sessions."""
    return list(
        _public_sessions()
        .filter(status=SessionStatus.SCHEDULED, starts_at__gte=timezone.now())
        .order_by("starts_at")[:3]
    )


def latest_recordings() -> list:
    return list(
        _public_sessions()
        .filter(status=SessionStatus.PUBLISHED)
        .exclude(recording_link="")
        .defer("transcript", "transcript_text")
        .order_by("-starts_at")[:3]
    )
