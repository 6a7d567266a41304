from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from workgroups.enums import RequestStatus, Role, WorkgroupStatus
from workgroups.models import (
    ActionItem,
    Meeting,
    Membership,
    MembershipRequest,
    MinutesRevision,
    Workgroup,
    WorkgroupUpdate,
)


def workgroup_list(*, with_next_meeting: bool = False) -> QuerySet[Workgroup]:
    """Every workgroup with its current chairs and member count (and the start of
    its next meeting), in two queries."""
    chairs = (
        Membership.objects.current()
        .filter(role=Role.CHAIR)
        .select_related("person")
        .order_by("person__full_name")
    )
    workgroups = (
        Workgroup.objects.annotate(
            member_count=Count(
                "memberships",
                filter=Q(memberships__ended_on__isnull=True, memberships__person__is_active=True),
                distinct=True,
            )
        )
        .prefetch_related(Prefetch("memberships", queryset=chairs, to_attr="current_chairs"))
        .order_by("-is_core_group", "name")
    )
    if with_next_meeting:
        next_start = (
            Meeting.objects.upcoming()
            .filter(workgroup=OuterRef("pk"))
            .order_by("starts_at")
            .values("starts_at")[:1]
        )
        workgroups = workgroups.annotate(next_meeting_at=Subquery(next_start))
    return workgroups


def current_roster(*, workgroup: Workgroup) -> QuerySet[Membership]:
    return (
        Membership.objects.current()
        .filter(workgroup=workgroup)
        .select_related("person__organisation__sector")
        .order_by("role", "person__full_name")  # chairs first
    )


def core_group() -> Workgroup | None:
    return Workgroup.objects.filter(is_core_group=True).first()


def workgroups_of(*, person) -> QuerySet[Workgroup]:
    return Workgroup.objects.filter(
        memberships__person=person, memberships__ended_on__isnull=True
    ).distinct()


def pending_requests_of(*, person) -> QuerySet[MembershipRequest]:
    return MembershipRequest.objects.filter(
        person=person, status=RequestStatus.PENDING
    ).select_related("workgroup")


def pending_membership_requests(*, workgroup: Workgroup) -> QuerySet[MembershipRequest]:
    return (
        MembershipRequest.objects.filter(workgroup=workgroup, status=RequestStatus.PENDING)
        .select_related("person__organisation")
        .order_by("created_at")
    )


# Meetings ---------------------------------------------------------------------


def upcoming_meetings(*, workgroup: Workgroup, limit: int = 5) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(workgroup=workgroup).select_related("workgroup").upcoming()[:limit]
    )


def past_meetings(*, workgroup: Workgroup) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(workgroup=workgroup).select_related("workgroup").scheduled().past()
    )


def open_action_items(*, workgroup: Workgroup, before=None) -> QuerySet[ActionItem]:
    items = ActionItem.objects.open().filter(workgroup=workgroup)
    if before is not None:
        items = items.filter(created_at__lt=before)
    return items.select_related("owner", "meeting").order_by("due_on", "created_at")


def action_items_raised_at(*, meeting: Meeting) -> QuerySet[ActionItem]:
    return meeting.action_items.select_related("owner", "done_by").order_by("created_at")


def current_minutes(*, meeting: Meeting) -> MinutesRevision | None:
    return (
        MinutesRevision.objects.filter(meeting=meeting, is_conflict=False)
        .select_related("author")
        .order_by("-created_at", "-pk")
        .first()
    )


def minutes_history(*, meeting: Meeting) -> QuerySet[MinutesRevision]:
    return MinutesRevision.objects.filter(meeting=meeting).select_related("author")


def attendees(*, meeting: Meeting):
    return [
        row.person
        for row in meeting.attendance.select_related("person").order_by("person__full_name")
    ]


def attendance_ids(*, meeting: Meeting) -> set[int]:
    return set(meeting.attendance.values_list("person_id", flat=True))


def latest_updates(*, workgroup: Workgroup, limit: int = 3) -> QuerySet[WorkgroupUpdate]:
    return workgroup.updates.select_related("author", "workgroup")[:limit]


def chair_history(*, workgroup: Workgroup) -> QuerySet[Membership]:
    """Who chaired when: current and past chairs."""
    return (
        Membership.objects.filter(workgroup=workgroup, role=Role.CHAIR)
        .select_related("person")
        .order_by("-started_on")
    )


@dataclass(frozen=True)
class UpdateSlot:
    workgroup: Workgroup
    update: WorkgroupUpdate | None


def core_meeting_before(moment):
    """When the last scheduled Core Group meeting before `moment` started (or
    None): updates posted since are the ones the next meeting hears."""
    return (
        Meeting.objects.scheduled()
        .filter(workgroup__is_core_group=True, starts_at__lt=moment)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )


def core_group_agenda(*, meeting: Meeting) -> list[UpdateSlot]:
    """Each active workgroup's latest update since the previous Core Group
    meeting, or None where it has not posted yet."""
    previous = core_meeting_before(meeting.starts_at)
    workgroups = list(
        Workgroup.objects.filter(status=WorkgroupStatus.ACTIVE, is_core_group=False).order_by(
            "name"
        )
    )
    updates = WorkgroupUpdate.objects.filter(
        workgroup__in=workgroups, created_at__lte=meeting.starts_at
    ).select_related("author", "workgroup")
    if previous is not None:
        updates = updates.filter(created_at__gt=previous)
    latest = {}
    for update in updates.order_by("created_at", "pk"):
        latest[update.workgroup_id] = update
    return [UpdateSlot(workgroup=wg, update=latest.get(wg.pk)) for wg in workgroups]


def meetings_for_calendar(*, person, since) -> QuerySet[Meeting]:
    """The meetings of the person's current workgroups, cancelled ones included
    so calendar programs remove them."""
    return (
        Meeting.objects.filter(
            workgroup__memberships__person=person,
            workgroup__memberships__ended_on__isnull=True,
            starts_at__gte=since,
        )
        .select_related("workgroup")
        .distinct()
        .order_by("starts_at")
    )
