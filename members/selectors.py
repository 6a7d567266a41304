"""Reads of the members app, already optimised for their pages."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from members.enums import InvitationStatus, JoinRequestStatus
from members.models import Invitation, InvitationImport, JoinRequest, Organisation, User
from workgroups.models import Membership, RoleChange
from workgroups.permissions import is_admin


def _current_memberships() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.current().select_related("workgroup"),
        to_attr="current_memberships",
    )


def people_for_admin() -> QuerySet[User]:
    return (
        User.objects.select_related("organisation__sector")
        .prefetch_related(_current_memberships())
        .order_by("full_name", "pk")
    )


def person_for_admin(*, pk: int) -> User:
    return (
        User.objects.select_related("organisation__sector")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("workgroup").order_by(
                    "ended_on", "workgroup__name"
                ),
                to_attr="all_memberships",
            ),
            Prefetch(
                "role_changes",
                queryset=RoleChange.objects.select_related("actor", "workgroup"),
                to_attr="history",
            ),
        )
        .get(pk=pk)
    )


def pending_invitations() -> QuerySet[Invitation]:
    return (
        Invitation.objects.pending()
        .select_related("organisation", "invited_by")
        .prefetch_related("workgroups")
        .order_by("-created_at")
    )


def recent_invitations(limit: int = 20) -> QuerySet[Invitation]:
    return (
        Invitation.objects.exclude(status=InvitationStatus.PENDING)
        .select_related("accepted_by", "invited_by")
        .order_by("-created_at")[:limit]
    )


def join_requests(*, status: str = JoinRequestStatus.PENDING) -> QuerySet[JoinRequest]:
    return JoinRequest.objects.filter(status=status).select_related("decided_by", "invitation")


def organisations_with_counts() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("sector").annotate(
        people_count=Count("people", filter=Q(people__is_active=True))
    )


def invitation_import(*, pk: int) -> InvitationImport:
    return InvitationImport.objects.select_related("uploaded_by").get(pk=pk)


# The members' directory -------------------------------------------------------


@dataclass(frozen=True)
class DirectoryEntry:
    """What one member may see of another: their choices, unless an admin looks."""

    person: User
    organisation: Organisation | None
    email: str
    phone: str
    bio: str
    workgroups: list

    @property
    def name(self) -> str:
        return self.person.full_name


def directory_entry(*, viewer, person: User) -> DirectoryEntry:
    sees_all = is_admin(viewer) or viewer.pk == person.pk
    return DirectoryEntry(
        person=person,
        organisation=person.organisation if sees_all or person.show_organisation else None,
        email=person.email if sees_all or person.show_email else "",
        phone=person.phone if sees_all or person.show_phone else "",
        bio=person.bio if sees_all or person.show_bio else "",
        workgroups=[membership.workgroup for membership in person.current_memberships],
    )


def directory_people(*, viewer) -> QuerySet[User]:
    """Active people. Filters on organisation or sector only ever match people
    who show their organisation (see members.filters.DirectoryFilter)."""
    return (
        User.objects.filter(is_active=True)
        .select_related("organisation__sector")
        .prefetch_related(_current_memberships())
        .order_by("full_name", "pk")
    )


def directory_organisations(*, viewer) -> QuerySet[Organisation]:
    """Organisations with the number of members who show that affiliation."""
    visible = Q(people__is_active=True)
    if not is_admin(viewer):
        visible &= Q(people__show_organisation=True)
    return (
        Organisation.objects.select_related("sector")
        .annotate(people_count=Count("people", filter=visible))
        .order_by("sector__position", "name")
    )
