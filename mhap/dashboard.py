"""What a signed-in person's home page shows: what needs them this week.
Each part is one or two queries, whatever the size of the coalition."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from issues.enums import OPEN_STATUSES, PaperState, Status
from issues.models import Issue, IssuePaper
from learning_sessions.enums import SessionStatus
from learning_sessions.models import LearningSession
from members.enums import JoinRequestStatus
from members.models import JoinRequest
from summits.models import Registration, Summit
from summits.selectors import rounds_open_to
from workgroups.enums import RequestStatus, Role, WorkgroupStatus
from workgroups.models import (
    ActionItem,
    Meeting,
    Membership,
    MembershipRequest,
    WorkgroupUpdate,
)
from workgroups.permissions import roles_of
from workgroups.selectors import core_meeting_before

AHEAD = datetime.timedelta(days=21)


@dataclass
class Home:
    meetings: list = field(default_factory=list)
    summits: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    rounds: list = field(default_factory=list)
    drafts: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    action_items: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    updates_due: list = field(default_factory=list)
    next_core_meeting: Meeting | None = None
    workgroups: list = field(default_factory=list)
    my_requests: list = field(default_factory=list)  # my requests to join a workgroup
    requests_to_answer: list = field(default_factory=list)  # (workgroup, count), for chairs
    join_requests: int = 0  # for admins
    proposed_issues: int = 0  # waiting for triage, for the Core Group and admins
    today: datetime.date | None = None

    @property
    def in_a_workgroup(self) -> bool:
        return bool(self.workgroups)

    @property
    def is_empty(self) -> bool:
        parts = [self.meetings, self.summits, self.sessions, self.rounds, self.drafts,
                 self.issues, self.action_items, self.updates, self.updates_due,
                 self.requests_to_answer, self.join_requests, self.proposed_issues]  # fmt: skip
        return not any(parts)


def home(*, person, now=None) -> Home:
    now = now or timezone.now()
    memberships = list(
        Membership.objects.current().filter(person=person).select_related("workgroup")
    )
    workgroup_ids = [m.workgroup_id for m in memberships]
    chaired = [m.workgroup for m in memberships if m.role == Role.CHAIR]
    page = Home(workgroups=sorted((m.workgroup for m in memberships), key=lambda w: w.name))
    page.meetings = list(
        Meeting.objects.scheduled()
        .filter(workgroup_id__in=workgroup_ids, ends_at__gte=now, starts_at__lte=now + AHEAD)
        .select_related("workgroup")
        .order_by("starts_at")[:8]
    )
    page.summits = _summits(person, now)
    page.sessions = _sessions(person, now)
    page.rounds = rounds_open_to(person=person, now=now)
    page.drafts = _drafts(person, chaired, memberships)
    page.issues = list(
        Issue.objects.filter(owner=person, status__in=[*OPEN_STATUSES, Status.UNDER_REVIEW])
        .select_related("workgroup")
        .order_by("workgroup__name", "title")[:20]
    )
    page.action_items = list(
        ActionItem.objects.open()
        .filter(owner=person)
        .select_related("workgroup")
        .order_by("due_on", "created_at")[:20]
    )
    page.updates = _latest_updates(workgroup_ids)
    if chaired:
        page.next_core_meeting, page.updates_due = _updates_due(chaired, now)
    page.my_requests = list(
        MembershipRequest.objects.filter(person=person, status=RequestStatus.PENDING)
        .select_related("workgroup")
        .order_by("created_at")
    )
    roles = roles_of(person)
    if roles.chair_of:
        page.requests_to_answer = [
            (m.workgroup, m.waiting)
            for m in Membership.objects.current()
            .filter(person=person, role=Role.CHAIR)
            .select_related("workgroup")
            .annotate(
                waiting=Count(
                    "workgroup__membership_requests",
                    filter=Q(workgroup__membership_requests__status=RequestStatus.PENDING),
                )
            )
            if m.waiting
        ]
    if roles.is_admin:
        page.join_requests = JoinRequest.objects.filter(status=JoinRequestStatus.PENDING).count()
    if roles.is_core or roles.is_admin:
        page.proposed_issues = Issue.objects.filter(status=Status.PROPOSED).count()
    page.today = timezone.localdate(now)
    return page


def _summits(person, now) -> list:
    summits = list(Summit.objects.filter(ends_at__gte=now).order_by("starts_at")[:3])
    registered = set(
        Registration.objects.filter(person=person, summit__in=summits).values_list(
            "summit_id", flat=True
        )
    )
    for summit in summits:
        summit.registered = summit.pk in registered
    return summits


def _sessions(person, now) -> list:
    """Upcoming learning sessions, those I registered for marked."""
    sessions = list(
        LearningSession.objects.filter(
            status=SessionStatus.SCHEDULED, starts_at__gte=now, starts_at__lte=now + AHEAD * 3
        )
        .annotate(mine=Count("registrations", filter=Q(registrations__person=person)))
        .order_by("starts_at")[:3]
    )
    for session in sessions:
        session.registered = session.mine > 0
    return sessions


def _drafts(person, chaired, memberships) -> list:
    """Papers I author (as a chair of their workgroup or a co-author still in
    it) that are being written, with the comments nobody has resolved yet."""
    member_of = [m.workgroup_id for m in memberships]
    return list(
        IssuePaper.objects.filter(state__in=[PaperState.DRAFT, PaperState.REVISING])
        .filter(
            Q(issue__workgroup__in=[w.pk for w in chaired])
            | Q(co_authorships__person=person, issue__workgroup_id__in=member_of)
        )
        .annotate(
            open_comments=Count(
                "comments", filter=Q(comments__resolved_at__isnull=True), distinct=True
            )
        )
        .select_related("issue__workgroup")
        .distinct()
        .order_by("-open_comments", "title")
    )


def _latest_updates(workgroup_ids) -> list:
    """The latest update of each of my workgroups."""
    latest = {}
    for update in (
        WorkgroupUpdate.objects.filter(workgroup_id__in=workgroup_ids)
        .select_related("workgroup", "author")
        .order_by("-created_at")[:50]
    ):
        latest.setdefault(update.workgroup_id, update)
    return sorted(latest.values(), key=lambda u: u.created_at, reverse=True)


def _updates_due(chaired, now) -> tuple[Meeting | None, list]:
    """For a chair: the next Core Group meeting, and the workgroups they chair
    that have not posted an update since the one before it."""
    upcoming = (
        Meeting.objects.scheduled()
        .filter(workgroup__is_core_group=True, starts_at__gte=now)
        .order_by("starts_at")
        .first()
    )
    if upcoming is None:
        return None, []
    previous = core_meeting_before(upcoming.starts_at)
    active = [w for w in chaired if w.status == WorkgroupStatus.ACTIVE and not w.is_core_group]
    posted = WorkgroupUpdate.objects.filter(workgroup__in=active)
    if previous is not None:
        posted = posted.filter(created_at__gt=previous)
    done = set(posted.values_list("workgroup_id", flat=True))
    return upcoming, [w for w in active if w.pk not in done]
