"""The public asks to join; admins approve (which invites) or decline."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from members.enums import JoinRequestStatus
from members.models import Invitation, JoinRequest, Organisation
from members.services.invitations import InvitationError, invite_person, normalise_email


class JoinRequestError(Exception):
    pass


@transaction.atomic
def submit_join_request(
    *, full_name: str, email: str, organisation_name: str, reason: str
) -> JoinRequest | None:
    """Record a request. The page answers the same whether the address is known:
    someone who already has an account is told so by email, not on the page.
    """
    email = normalise_email(email)
    known = get_user_model().objects.filter(email__iexact=email).first()
    if known is not None:
        # Greet them by the name on their account, never by what a stranger typed.
        context = {"full_name": known.full_name, "site_url": settings.SITE_URL}
        send_mail(
            f"[{settings.COALITION_SHORT_NAME}] You already have an account",
            render_to_string("members/email/join_request_known.txt", context),
            None,
            [email],
        )
        return None
    join_request = JoinRequest.objects.create(
        full_name=full_name.strip(),
        email=email,
        organisation_name=organisation_name.strip(),
        reason=reason.strip(),
    )
    admins = list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .values_list("email", flat=True)
    )
    if admins:
        send_mail(
            f"[{settings.COALITION_SHORT_NAME}] {join_request.full_name} asks to join",
            render_to_string(
                "members/email/join_request_received.txt",
                {
                    "join_request": join_request,
                    "link": settings.SITE_URL + reverse("members:join_requests"),
                },
            ),
            None,
            admins,
        )
    return join_request


def _decide(join_request: JoinRequest, *, actor, status: str) -> None:
    updated = JoinRequest.objects.filter(
        pk=join_request.pk, status=JoinRequestStatus.PENDING
    ).update(status=status, decided_by=actor, decided_at=timezone.now())
    if not updated:
        raise JoinRequestError("Another admin has already answered this request.")
    join_request.refresh_from_db()


@transaction.atomic
def approve_join_request(*, actor, join_request: JoinRequest) -> JoinRequest:
    _decide(join_request, actor=actor, status=JoinRequestStatus.APPROVED)
    organisation = Organisation.objects.filter(name__iexact=join_request.organisation_name).first()
    pending = Invitation.objects.pending().filter(email__iexact=join_request.email).first()
    if pending is not None:
        # A second request from someone already invited: point it at that invitation.
        JoinRequest.objects.filter(pk=join_request.pk).update(invitation=pending)
        join_request.invitation = pending
        return join_request
    try:
        invitation = invite_person(
            actor=actor,
            email=join_request.email,
            full_name=join_request.full_name,
            organisation=organisation,
        )
    except InvitationError as exc:
        raise JoinRequestError(str(exc)) from exc
    JoinRequest.objects.filter(pk=join_request.pk).update(invitation=invitation)
    join_request.invitation = invitation
    return join_request


@transaction.atomic
def decline_join_request(*, actor, join_request: JoinRequest) -> JoinRequest:
    _decide(join_request, actor=actor, status=JoinRequestStatus.DECLINED)
    return join_request
