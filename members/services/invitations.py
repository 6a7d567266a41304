"""Invitations: the only way an account is created."""

import datetime
import secrets
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from members.enums import InvitationStatus
from members.models import Invitation, Organisation, hash_token
from workgroups import services as workgroup_services
from workgroups.enums import Role


class InvitationError(Exception):
    pass


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.INVITATION_EXPIRY_DAYS)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def account_exists(email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=normalise_email(email)).exists()


@transaction.atomic
def invite_person(
    *,
    actor,
    email: str,
    full_name: str = "",
    organisation: Organisation | None = None,
    workgroups: Iterable = (),
    workgroup_role: str = Role.MEMBER,
) -> Invitation:
    """Create an invitation and email its link (after commit)."""
    email = normalise_email(email)
    if account_exists(email):
        raise InvitationError(f"{email} already has an account.")
    token, token_hash = _new_token()
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                email=email,
                full_name=full_name.strip(),
                organisation=organisation,
                workgroup_role=workgroup_role,
                token_hash=token_hash,
                invited_by=actor,
                expires_at=_expiry(),
            )
    except IntegrityError as exc:
        raise InvitationError(f"{email} already has a pending invitation.") from exc
    invitation.workgroups.set(list(workgroups))
    _send(invitation, token)
    return invitation


def _send(invitation: Invitation, token: str) -> None:
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=now, send_count=invitation.send_count + 1
    )
    invitation.sent_at, invitation.send_count = now, invitation.send_count + 1
    context = {
        "invitation": invitation,
        "link": settings.SITE_URL + reverse("members:accept_invitation", args=[token]),
        "coalition_name": settings.COALITION_NAME,
        "short_name": settings.COALITION_SHORT_NAME,
    }
    short_name = settings.COALITION_SHORT_NAME
    send_mail(
        f"[{short_name}] You are invited to the {short_name} Hub",
        render_to_string("members/email/invitation.txt", context),
        None,
        [invitation.email],
    )


@transaction.atomic
def resend_invitation(*, actor, invitation: Invitation) -> Invitation:
    """A new link (the old one stops working) and a fresh expiry date."""
    token, token_hash = _new_token()
    updated = Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.PENDING).update(
        token_hash=token_hash, expires_at=_expiry()
    )
    if not updated:
        raise InvitationError("Only a pending invitation can be sent again.")
    invitation.refresh_from_db()
    _send(invitation, token)
    return invitation


@transaction.atomic
def revoke_invitation(*, actor, invitation: Invitation) -> Invitation:
    updated = Invitation.objects.filter(pk=invitation.pk, status=InvitationStatus.PENDING).update(
        status=InvitationStatus.REVOKED
    )
    if not updated:
        raise InvitationError("Only a pending invitation can be revoked.")
    invitation.status = InvitationStatus.REVOKED
    return invitation


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def accept_invitation(*, invitation: Invitation, full_name: str, password: str):
    """Create the account: the link proved the address, so it is verified at once.

    The invitation is claimed with a conditional update, so a link used twice
    at the same moment creates one account.
    """
    now = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, status=InvitationStatus.PENDING, expires_at__gt=now
    ).update(status=InvitationStatus.ACCEPTED, accepted_at=now)
    if not claimed:
        raise InvitationError("This invitation can no longer be used.")
    if account_exists(invitation.email):
        raise InvitationError(f"{invitation.email} already has an account.")
    user = get_user_model().objects.create_user(
        email=invitation.email,
        password=password,
        full_name=full_name.strip(),
        organisation=invitation.organisation,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_by=user)
    for workgroup in invitation.workgroups.all():
        workgroup_services.add_membership(
            workgroup=workgroup,
            person=user,
            role=invitation.workgroup_role,
            actor=invitation.invited_by,
            note="Joined by accepting an invitation.",
        )
    return user
