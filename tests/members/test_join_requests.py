import pytest

from members.enums import InvitationStatus, JoinRequestStatus
from members.models import JoinRequest
from members.services import join_requests
from tests.factories import AdminFactory, JoinRequestFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def submit(email):
    return join_requests.submit_join_request(
        full_name="Maya Jensen",
        email=email,
        organisation_name="Fox Valley Family Voices",
        reason="Family peer support in the Fox Valley.",
    )


def test_a_request_from_a_new_address_is_recorded_and_admins_are_told(mailoutbox):
    AdminFactory(email="admin@example.org")

    join_request = submit("maya@example.org")

    assert join_request.status == JoinRequestStatus.PENDING
    assert [message.to for message in mailoutbox] == [["admin@example.org"]]
    assert "Maya Jensen" in mailoutbox[0].subject


def test_a_request_from_a_known_address_records_nothing_and_mails_the_owner(mailoutbox):
    UserFactory(email="maya@example.org")

    assert submit("Maya@example.org") is None

    assert JoinRequest.objects.count() == 0
    assert [message.to for message in mailoutbox] == [["maya@example.org"]]
    assert "already have an account" in mailoutbox[0].subject


def test_approving_sends_an_invitation_for_the_named_organisation(mailoutbox):
    admin = AdminFactory()
    organisation = OrganisationFactory(name="Fox Valley Family Voices")
    join_request = JoinRequestFactory(organisation_name="fox valley family voices")

    join_requests.approve_join_request(actor=admin, join_request=join_request)

    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.APPROVED
    assert join_request.decided_by == admin
    assert join_request.invitation.status == InvitationStatus.PENDING
    assert join_request.invitation.organisation == organisation
    assert mailoutbox[-1].to == [join_request.email]


def test_a_request_is_answered_once():
    admin = AdminFactory()
    join_request = JoinRequestFactory()
    join_requests.decline_join_request(actor=admin, join_request=join_request)

    with pytest.raises(join_requests.JoinRequestError, match="already answered"):
        join_requests.approve_join_request(actor=admin, join_request=join_request)

    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert join_request.invitation is None
