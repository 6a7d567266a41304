"""Changes to workgroups and who belongs to them: one write path each.

Every change to who may do what writes a RoleChange in the same transaction,
so the record and the change cannot disagree.
"""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from reminders.services import notify
from workgroups.enums import RequestStatus, Role, RoleChangeKind
from workgroups.models import Membership, MembershipRequest, RoleChange, Workgroup
from workgroups.permissions import forget_roles
from workgroups.reminder_kinds import ADDED_TO_WORKGROUP


class MembershipError(Exception):
    pass


def record_role_change(
    *, person, actor, kind: str, workgroup: Workgroup | None = None, old="", new="", note=""
) -> RoleChange:
    return RoleChange.objects.create(
        person=person,
        actor=actor,
        kind=kind,
        workgroup=workgroup,
        old_value=str(old),
        new_value=str(new),
        note=note,
    )


def _role_label(role: str) -> str:
    return Role(role).label


@transaction.atomic
def add_membership(
    *,
    workgroup: Workgroup,
    person,
    role: str = Role.MEMBER,
    actor=None,
    started_on: date | None = None,
    note: str = "",
    announce: bool = True,
) -> Membership:
    """Add a person to a workgroup. A person already in it is refused, not
    duplicated. Someone added by another person hears of it (a notification)
    unless `announce` is off because they are told otherwise."""
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
    record_role_change(
        person=person,
        actor=actor,
        kind=RoleChangeKind.JOINED,
        workgroup=workgroup,
        new=_role_label(role),
        note=note,
    )
    forget_roles(person)
    if announce and actor is not None and actor.pk != person.pk:
        notify(
            kind=ADDED_TO_WORKGROUP.name,
            people=[person],
            key=f"membership:{membership.pk}",
            subject=f"You are in the {workgroup.name} workgroup",
            body=f"{actor.full_name} added you to {workgroup.name} as "
            f"{_role_label(role).lower()}. Its meetings, issues and papers are open to you.",
            path=workgroup.get_absolute_url(),
        )
    return membership


@transaction.atomic
def end_membership(
    *, membership: Membership, actor=None, ended_on: date | None = None
) -> Membership:
    ended_on = ended_on or timezone.localdate()
    # Conditional update: two admins ending the same membership end it once.
    updated = Membership.objects.filter(pk=membership.pk, ended_on__isnull=True).update(
        ended_on=ended_on
    )
    if not updated:
        raise MembershipError("That membership has already ended.")
    membership.ended_on = ended_on
    record_role_change(
        person=membership.person,
        actor=actor,
        kind=RoleChangeKind.LEFT,
        workgroup=membership.workgroup,
        old=_role_label(membership.role),
    )
    forget_roles(membership.person)
    return membership


@transaction.atomic
def change_role(*, membership: Membership, role: str, actor=None) -> Membership:
    """Make a member a chair or a chair a member (appointing or ending a chair)."""
    old_role = membership.role
    updated = Membership.objects.filter(
        pk=membership.pk, ended_on__isnull=True, role=old_role
    ).update(role=role)
    if not updated or old_role == role:
        raise MembershipError("That membership has ended or already has this role.")
    membership.role = role
    record_role_change(
        person=membership.person,
        actor=actor,
        kind=RoleChangeKind.ROLE,
        workgroup=membership.workgroup,
        old=_role_label(old_role),
        new=_role_label(role),
    )
    forget_roles(membership.person)
    return membership


@transaction.atomic
def request_membership(*, workgroup: Workgroup, person, message: str = "") -> MembershipRequest:
    if Membership.objects.current().filter(workgroup=workgroup, person=person).exists():
        raise MembershipError(f"You are already in {workgroup}.")
    try:
        with transaction.atomic():
            request = MembershipRequest.objects.create(
                workgroup=workgroup, person=person, message=message
            )
    except IntegrityError as exc:
        raise MembershipError(f"You have already asked to join {workgroup}.") from exc
    chairs = Membership.objects.current().filter(workgroup=workgroup, role=Role.CHAIR)
    recipients = [chair.person.email for chair in chairs.select_related("person")]
    if recipients:
        send_mail(
            f"{person} asks to join {workgroup}",
            render_to_string(
                "workgroups/email/membership_requested.txt",
                {"request": request, "site_url": settings.SITE_URL},
            ),
            None,
            recipients,
        )
    return request


@transaction.atomic
def decide_membership_request(
    *, membership_request: MembershipRequest, actor, approve: bool
) -> MembershipRequest:
    status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    now = timezone.now()
    updated = MembershipRequest.objects.filter(
        pk=membership_request.pk, status=RequestStatus.PENDING
    ).update(status=status, decided_by=actor, decided_at=now)
    if not updated:
        raise MembershipError("Someone has already answered this request.")
    membership_request.status, membership_request.decided_by = status, actor
    membership_request.decided_at = now
    already = Membership.objects.current().filter(
        workgroup=membership_request.workgroup, person=membership_request.person
    )
    if approve and not already.exists():
        add_membership(
            workgroup=membership_request.workgroup,
            person=membership_request.person,
            actor=actor,
            note="Approved the person's request to join.",
            announce=False,  # the decision's own email says so
        )
    send_mail(
        f"Your request to join {membership_request.workgroup}",
        render_to_string(
            "workgroups/email/membership_decided.txt",
            {"request": membership_request, "site_url": settings.SITE_URL},
        ),
        None,
        [membership_request.person.email],
    )
    return membership_request
