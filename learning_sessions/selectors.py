"""Reads of the learning-session library, each a fixed number of queries."""

from django.db.models import F, Q, QuerySet

from issues.permissions import can_read_issues
from issues.selectors import papers_visible_to
from learning_sessions import uploads
from learning_sessions.enums import SessionStatus, Visibility
from learning_sessions.models import LearningSession, Topic
from workgroups.permissions import is_member


def _visible(user) -> QuerySet:
    """Members-only sessions never reach the public: not in lists, search or counts."""
    sessions = LearningSession.objects.exclude(status=SessionStatus.IDEA)
    if not is_member(user):
        sessions = sessions.filter(visibility=Visibility.PUBLIC)
    return sessions


def library(*, user, params) -> list:
    """Published recordings, newest first, searched and filtered."""
    sessions = _visible(user).filter(status=SessionStatus.PUBLISHED)
    if words := (params.get("q") or "").strip():
        sessions = sessions.filter(
            Q(title__icontains=words)
            | Q(description__icontains=words)
            | Q(summary__icontains=words)
            | Q(transcript_text__icontains=words)
            | Q(presenters__name__icontains=words)
            | Q(presenters__organisation__icontains=words)
            | Q(topics__name__icontains=words)
        ).distinct()
    if topic := params.get("topic"):
        sessions = sessions.filter(topics__slug=topic)
    if (year := params.get("year") or "").isdigit():
        sessions = sessions.filter(starts_at__year=int(year))
    found = list(
        sessions.defer("transcript", "transcript_text")
        .prefetch_related("topics", "presenters")
        .order_by("-starts_at")
    )
    if words:
        _where_said(found, words)
    return found


def _where_said(sessions: list, words: str) -> None:
    """For a search, the first moment each session's transcript says the words:
    `session.said` = {"start", "clock", "speaker", "text"}, or None."""
    transcripts = dict(
        LearningSession.objects.filter(
            pk__in=[session.pk for session in sessions], transcript_text__icontains=words
        ).values_list("pk", "transcript")
    )
    wanted = words.casefold()
    for session in sessions:
        cues = transcripts.get(session.pk, [])
        said = next((cue for cue in cues if wanted in cue["text"].casefold()), None)
        session.said = {**said, "clock": uploads.clock(said["start"])} if said else None


def feed() -> QuerySet:
    """New recordings for the Atom feed: public, published, with a recording,
    most recently published first. Members-only sessions never enter it."""
    return (
        LearningSession.objects.filter(status=SessionStatus.PUBLISHED, visibility=Visibility.PUBLIC)
        .exclude(recording_link="")
        .prefetch_related("presenters")
        .order_by(F("published_at").desc(nulls_last=True), "-starts_at")[:30]
    )


def related(*, user, session) -> dict:
    """The issues and papers a session relates to, as far as this person may
    see them: papers by their visible version; issues only for members."""
    paper_ids = set(session.related_papers.values_list("pk", flat=True))
    papers = papers_visible_to(user, ids=paper_ids) if paper_ids else []
    issues = (
        list(session.related_issues.select_related("workgroup").order_by("pk"))
        if can_read_issues(user)
        else []
    )
    return {"papers": papers, "issues": issues}


def upcoming(*, user, now) -> list:
    return list(
        _visible(user)
        .filter(status=SessionStatus.SCHEDULED, starts_at__gte=now)
        .prefetch_related("topics", "presenters")
        .order_by("starts_at")
    )


def years(*, user) -> list[int]:
    dates = _visible(user).filter(status=SessionStatus.PUBLISHED).dates("starts_at", "year")
    return sorted({d.year for d in dates}, reverse=True)


def topics() -> QuerySet:
    return Topic.objects.all()


def pipeline() -> dict:
    """The Core Group's plan for the year: every session by status."""
    sessions = LearningSession.objects.prefetch_related("presenters").order_by(
        "starts_at", "proposed_month", "pk"
    )
    grouped = {status: [] for status in SessionStatus.values}
    for session in sessions:
        grouped[session.status].append(session)
    return [(label, grouped[value]) for value, label in SessionStatus.choices]


def registrations(*, session):
    """Confirmed registrants, members and guests, by name."""
    return list(
        session.registrations.exclude(confirmed_at=None)
        .select_related("person__organisation")
        .order_by("registered_at", "pk")
    )
