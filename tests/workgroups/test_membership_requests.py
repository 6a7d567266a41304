import pytest
from django.urls import reverse

from tests.factories import MembershipRequestFactory
from workgroups import permissions, services
from workgroups.enums import RequestStatus, RoleChangeKind
from workgroups.models import MembershipRequest, RoleChange

pytestmark = pytest.mark.django_db


def test_a_request_to_join_is_mailed_to_the_chairs(coalition, mailoutbox):
    request = services.request_membership(
        workgroup=coalition.workgroup, person=coalition.partner, message="Workforce data."
    )

    assert request.status == RequestStatus.PENDING
    assert [message.to for message in mailoutbox] == [[coalition.wg_chair.email]]
    assert "Workforce data." in mailoutbox[0].body


def test_a_member_cannot_ask_again_to_join_or_twice(coalition):
    services.request_membership(workgroup=coalition.workgroup, person=coalition.partner)

    with pytest.raises(services.MembershipError, match="already asked"):
        services.request_membership(workgroup=coalition.workgroup, person=coalition.partner)
    with pytest.raises(services.MembershipError, match="already in"):
        services.request_membership(workgroup=coalition.workgroup, person=coalition.wg_member)


def test_chair_approval_adds_the_member_and_records_it(coalition, mailoutbox):
    request = MembershipRequestFactory(workgroup=coalition.workgroup, person=coalition.partner)

    services.decide_membership_request(
        membership_request=request, actor=coalition.wg_chair, approve=True
    )

    assert permissions.is_workgroup_member(coalition.partner, coalition.workgroup)
    change = RoleChange.objects.get(person=coalition.partner)
    assert (change.kind, change.actor) == (RoleChangeKind.JOINED, coalition.wg_chair)
    assert mailoutbox[-1].to == [coalition.partner.email]


def test_a_request_is_decided_once(coalition):
    request = MembershipRequestFactory(workgroup=coalition.workgroup, person=coalition.partner)
    services.decide_membership_request(
        membership_request=request, actor=coalition.wg_chair, approve=False
    )

    with pytest.raises(services.MembershipError, match="already answered"):
        services.decide_membership_request(
            membership_request=request, actor=coalition.core, approve=True
        )

    assert not permissions.is_workgroup_member(coalition.partner, coalition.workgroup)


def test_partner_asks_to_join_from_the_workgroup_page(coalition, client_as):
    client = client_as(coalition.partner)
    url = reverse("workgroups:request_membership", kwargs={"slug": coalition.workgroup.slug})

    response = client.post(url, {"message": "I run a peer-run respite."})

    assert response.status_code == 302
    assert MembershipRequest.objects.get().person == coalition.partner


def test_chair_of_another_workgroup_cannot_decide(coalition, client_as):
    request = MembershipRequestFactory(workgroup=coalition.workgroup, person=coalition.partner)
    url = reverse(
        "workgroups:decide_membership_request",
        kwargs={"slug": coalition.workgroup.slug, "pk": request.pk},
    )

    response = client_as(coalition.other_chair).post(url, {"decision": "approve"})

    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_requests_page_queries_do_not_grow(coalition, client_as):
    from tests.querycount import assert_constant_queries

    assert_constant_queries(
        client_as(coalition.wg_chair),
        reverse("workgroups:membership_requests", kwargs={"slug": coalition.workgroup.slug}),
        lambda count: MembershipRequestFactory.create_batch(count, workgroup=coalition.workgroup),
    )
