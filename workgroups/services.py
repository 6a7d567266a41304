"""Changes to workgroups and who belongs to them: one write path each."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from workgroups.enums import Role
from workgroups.models import Membership, Workgroup
from workgroups.permissions import forget_roles


class MembershipError(Exception):
    pass


@transaction.atomic
def add_membership(
    *, workgroup: Workgroup, person, role: str = Role.MEMBER, started_on: date | None = None
) -> Membership:
    """Add a person to a workgroup. A person already in it is refused, not duplicated."""
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                workgroup=workgroup,
                person=person,
                role=role,
                started_on=started_on or timezone.localdate(),
            )
    except IntegrityError as exc:
        raise MembershipError(f"{person} is already in {workgroup}.") from exc
    forget_roles(person)
    return membership


@transaction.atomic
def end_membership(*, membership: Membership, ended_on: date | None = None) -> Membership:
    ended_on = ended_on or timezone.localdate()
    # Conditional update: two admins ending the same membership end it once.
    updated = Membership.objects.filter(pk=membership.pk, ended_on__isnull=True).update(
        ended_on=ended_on
    )
    if not updated:
        raise MembershipError("That membership has already ended.")
    membership.ended_on = ended_on
    forget_roles(membership.person)
    return membership
