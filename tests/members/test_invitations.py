import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from members.enums import InvitationStatus
from members.models import Invitation, hash_token
from members.services import invitations
from tests.factories import (
    InvitationFactory,
    OrganisationFactory,
    UserFactory,
    WorkgroupFactory,
)
from workgroups import permissions
from workgroups.enums import RoleChangeKind
from workgroups.models import RoleChange

pytestmark = pytest.mark.django_db


def link_token(message) -> str:
    return re.search(r"/invitations/([\w-]+)/", message.body).group(1)


def test_invite_person_emails_a_link_and_stores_only_its_hash(mailoutbox):
    admin = UserFactory(full_name="Dana Whitfield", is_staff=True)

    invitation = invitations.invite_person(
        actor=admin, email="Rosa@Example.org", full_name="Rosa Delgado"
    )

    assert invitation.email == "rosa@example.org"
    assert [message.to for message in mailoutbox] == [["rosa@example.org"]]
    token = link_token(mailoutbox[0])
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    assert "Dana Whitfield has invited you" in mailoutbox[0].body


def test_invite_person_refuses_an_existing_account_and_a_second_pending_invitation():
    UserFactory(email="rosa@example.org")
    InvitationFactory(email="sam@example.org")

    with pytest.raises(invitations.InvitationError, match="already has an account"):
        invitations.invite_person(actor=None, email="rosa@example.org")
    with pytest.raises(invitations.InvitationError, match="pending invitation"):
        invitations.invite_person(actor=None, email="SAM@example.org")

    assert Invitation.objects.count() == 1


def test_accepting_creates_a_verified_account_in_the_invited_workgroups():
    admin = UserFactory(is_staff=True)
    organisation = OrganisationFactory(name="Dane County Human Services")
    workgroup = WorkgroupFactory(name="Data")
    invitation = InvitationFactory(
        email="tom@example.org",
        organisation=organisation,
        invited_by=admin,
        workgroup_role="chair",
    )
    invitation.workgroups.set([workgroup])

    user = invitations.accept_invitation(
        invitation=invitation, full_name="Tom Lindqvist", password="a long pass phrase"
    )

    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.accepted_by == user
    assert user.check_password("a long pass phrase")
    assert user.organisation == organisation
    assert EmailAddress.objects.get(user=user).verified
    assert permissions.is_workgroup_chair(user, workgroup)
    change = RoleChange.objects.get(person=user)
    assert (change.kind, change.actor, change.new_value) == (RoleChangeKind.JOINED, admin, "Chair")


def test_an_invitation_works_only_once():
    invitation = InvitationFactory()
    invitations.accept_invitation(invitation=invitation, full_name="A", password="pass phrase 1")

    with pytest.raises(invitations.InvitationError, match="no longer be used"):
        invitations.accept_invitation(invitation=invitation, full_name="B", password="phrase 2")


@pytest.mark.parametrize(
    "changes",
    [
        {"status": InvitationStatus.REVOKED},
        {"expires_at": timezone.now() - datetime.timedelta(minutes=1)},
    ],
    ids=["revoked", "expired"],
)
def test_revoked_or_expired_invitation_cannot_be_accepted(changes):
    invitation = InvitationFactory(**changes)

    with pytest.raises(invitations.InvitationError):
        invitations.accept_invitation(invitation=invitation, full_name="A", password="phrase 123")

    assert not EmailAddress.objects.filter(email=invitation.email).exists()


def test_resend_replaces_the_link_and_extends_the_expiry(mailoutbox):
    invitation = InvitationFactory(expires_at=timezone.now() + datetime.timedelta(hours=1))
    old_token = invitation.token

    invitations.resend_invitation(actor=None, invitation=invitation)

    new_token = link_token(mailoutbox[-1])
    assert invitations.find_invitation(old_token) is None
    assert invitations.find_invitation(new_token) == invitation
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)
    assert invitation.send_count == 2


def test_revoke_stops_the_link_and_only_once():
    invitation = InvitationFactory()

    invitations.revoke_invitation(actor=None, invitation=invitation)

    assert invitations.find_invitation(invitation.token).status == InvitationStatus.REVOKED
    with pytest.raises(invitations.InvitationError):
        invitations.revoke_invitation(actor=None, invitation=invitation)
