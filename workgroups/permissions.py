"""Who may do what with workgroups, and the roles everything else builds on.

Predicates are pure: they answer from the person's roles, which are read once
per request (one query) and kept on the user object.
"""

from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from workgroups.enums import Role
from workgroups.models import Membership, Workgroup


@dataclass(frozen=True)
class Roles:
    member_of: frozenset[int] = field(default_factory=frozenset)
    chair_of: frozenset[int] = field(default_factory=frozenset)
    is_core: bool = False
    is_admin: bool = False
    is_signed_in: bool = False


ANONYMOUS_ROLES = Roles()


def roles_of(user) -> Roles:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS_ROLES
    cached = getattr(user, "_mhap_roles", None)
    if cached is not None:
        return cached
    rows = list(
        Membership.objects.current()
        .filter(person=user)
        .values_list("workgroup_id", "role", "workgroup__is_core_group")
    )
    roles = Roles(
        member_of=frozenset(workgroup_id for workgroup_id, _, _ in rows),
        chair_of=frozenset(workgroup_id for workgroup_id, role, _ in rows if role == Role.CHAIR),
        is_core=any(is_core for _, _, is_core in rows),
        is_admin=user.is_staff,
        is_signed_in=True,
    )
    user._mhap_roles = roles
    return roles


def forget_roles(user) -> None:
    """Drop the cached roles after a membership change in the same request."""
    user.__dict__.pop("_mhap_roles", None)


def is_member(user) -> bool:
    """Any signed-in, active account: partners included."""
    return roles_of(user).is_signed_in


def is_core(user) -> bool:
    return roles_of(user).is_core


def is_admin(user) -> bool:
    return roles_of(user).is_admin


def is_core_or_admin(user) -> bool:
    roles = roles_of(user)
    return roles.is_core or roles.is_admin


def is_workgroup_member(user, workgroup: Workgroup) -> bool:
    return workgroup.pk in roles_of(user).member_of


def is_workgroup_chair(user, workgroup: Workgroup) -> bool:
    return workgroup.pk in roles_of(user).chair_of


def can_see_meeting_link(user, workgroup: Workgroup) -> bool:
    # Meeting links are members-only: they never appear on a public page.
    return is_member(user)


def can_see_roster(user, workgroup: Workgroup) -> bool:
    return is_member(user)


def can_manage_workgroup(user, workgroup: Workgroup) -> bool:
    """Roster (not chairs), meetings, minutes and the workgroup's issues."""
    return is_workgroup_chair(user, workgroup) or is_core_or_admin(user)


def access_workgroup(user, *, slug: str) -> Workgroup:
    """Fetch a workgroup anyone may read; 404 when there is none."""
    return get_object_or_404(Workgroup, slug=slug)


def can_manage_roster(user, workgroup: Workgroup) -> bool:
    """Add and remove members, answer requests to join. Who sits on the Core
    Group is the admins' decision (PRODUCT.md), not its own members'."""
    if workgroup.is_core_group:
        return is_admin(user)
    return can_manage_workgroup(user, workgroup)


def can_request_membership(user, workgroup: Workgroup) -> bool:
    return is_member(user) and not is_workgroup_member(user, workgroup)


def can_decide_membership_requests(user, workgroup: Workgroup) -> bool:
    return can_manage_roster(user, workgroup)


def can_see_meetings(user, workgroup: Workgroup) -> bool:
    """Agendas, minutes and links are members-only; the public sees dates only."""
    return is_member(user)


def can_edit_roster_entry(user, membership: Membership) -> bool:
    """Chairs manage their roster's members; only admins change chairs."""
    if is_admin(user):
        return True
    return membership.role != Role.CHAIR and can_manage_roster(user, membership.workgroup)


def can_complete_action_item(user, item) -> bool:
    return can_manage_workgroup(user, item.workgroup) or (
        is_member(user) and item.owner_id == user.pk
    )


def access_meeting(user, *, slug: str, pk: int):
    """Fetch a meeting of a workgroup for a member; the public is sent to sign in
    by the caller (None means 'not signed in')."""
    from workgroups.models import Meeting

    return get_object_or_404(
        Meeting.objects.select_related("workgroup", "series"), pk=pk, workgroup__slug=slug
    )
