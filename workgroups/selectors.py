from django.db.models import Count, Prefetch, Q, QuerySet

from workgroups.enums import RequestStatus, Role
from workgroups.models import Membership, MembershipRequest, Workgroup


def workgroup_list() -> QuerySet[Workgroup]:
    """Every workgroup with its current chairs and member count, in two queries."""
    chairs = (
        Membership.objects.current()
        .filter(role=Role.CHAIR)
        .select_related("person")
        .order_by("person__full_name")
    )
    return (
        Workgroup.objects.annotate(
            member_count=Count("memberships", filter=Q(memberships__ended_on__isnull=True))
        )
        .prefetch_related(Prefetch("memberships", queryset=chairs, to_attr="current_chairs"))
        .order_by("-is_core_group", "name")
    )


def current_roster(*, workgroup: Workgroup) -> QuerySet[Membership]:
    return (
        Membership.objects.current()
        .filter(workgroup=workgroup)
        .select_related("person__organisation__sector")
        .order_by("-role", "person__full_name")
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
