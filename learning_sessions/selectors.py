"""Reads of the learning-session library, each a fixed number of queries."""

import operator
from functools import reduce

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
    words = (params.get("q") or "").strip()
    for word in words.split()[:10]:
        # Every word, each anywhere: "mobile teams" finds "mobile crisis teams".
        sessions = sessions.filter(
            pk__in=LearningSession.objects.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(summary__icontains=word)
                | Q(transcript_text__icontains=word)
                | Q(presenters__name__icontains=word)
                | Q(presenters__organisation__icontains=word)
                | Q(topics__name__icontains=word)
            ).values("pk")
        )
    if topic := params.get("topic"):
        sessions = sessions.filter(topics__slug=topic)
    if (year := params.get("year") or "").isascii() and year.isdigit():
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
    wanted = words.casefold().split()[:10]
    transcripts = dict(
        LearningSession.objects.filter(pk__in=[session.pk for session in sessions])
        .filter(reduce(operator.or_, (Q(transcript_text__icontains=w) for w in wanted)))
        .values_list("pk", "transcript")
    )
    for session in sessions:
        cues = transcripts.get(session.pk, [])
        # The line that says the most of the words (the first of the best).
        scored = [(sum(w in cue["text"].casefold() for w in wanted), -n, cue)
                  for n, cue in enumerate(cues)]  # fmt: skip
        best = max(scored, default=(0, 0, None), key=lambda item: item[:2])
        said = best[2] if best[0] else None
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


def topics(*, user) -> QuerySet:
    """The topics this person finds recordings under (none empty for them)."""
    published = _visible(user).filter(status=SessionStatus.PUBLISHED)
    return Topic.objects.filter(sessions__in=published).distinct()


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
