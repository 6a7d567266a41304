import pytest
from django.urls import reverse

from tests.factories import ChairFactory, MembershipFactory, WorkgroupFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def add_workgroups(count):
    for _ in range(count):
        workgroup = WorkgroupFactory()
        ChairFactory(workgroup=workgroup)
        MembershipFactory(workgroup=workgroup)


def test_workgroup_list_queries_do_not_grow_with_workgroups(coalition, client_as):
    client = client_as(coalition.wg_member)

    assert_constant_queries(client, reverse("workgroups:list"), add_workgroups)


def test_home_queries_do_not_grow_with_workgroups(coalition, client_as):
    client = client_as(coalition.wg_member)

    assert_constant_queries(client, reverse("home"), add_workgroups)


def test_workgroup_roster_queries_do_not_grow_with_members(coalition, client_as):
    client = client_as(coalition.wg_member)
    url = reverse("workgroups:detail", kwargs={"slug": coalition.workgroup.slug})

    assert_constant_queries(
        client,
        url,
        lambda count: MembershipFactory.create_batch(count, workgroup=coalition.workgroup),
    )


def test_workgroup_list_shows_chairs_and_member_counts(coalition, client):
    response = client.get(reverse("workgroups:list"))

    content = response.content.decode()
    assert "Medicaid &amp; Workforce" in content
    assert "Cam Chair" in content
    assert "2 members" in content  # the chair and the member


def test_public_sees_no_meeting_link_or_roster(coalition, client):
    url = reverse("workgroups:detail", kwargs={"slug": coalition.workgroup.slug})

    content = client.get(url).content.decode()

    assert coalition.workgroup.meeting_link not in content
    assert "Wren Member" not in content
    assert "Sign in</a> to see the meeting link" in content


def test_partner_sees_meeting_link_and_roster(coalition, client_as):
    url = reverse("workgroups:detail", kwargs={"slug": coalition.workgroup.slug})

    content = client_as(coalition.partner).get(url).content.decode()

    assert coalition.workgroup.meeting_link in content
    assert "Wren Member" in content
    assert "Cam Chair" in content


def test_ended_memberships_leave_the_roster(coalition, client_as):
    MembershipFactory(
        workgroup=coalition.workgroup,
        person__full_name="Former Member",
        started_on="2023-10-01",
        ended_on="2024-06-30",
    )
    url = reverse("workgroups:detail", kwargs={"slug": coalition.workgroup.slug})

    content = client_as(coalition.partner).get(url).content.decode()

    assert "Former Member" not in content


def test_unknown_workgroup_is_404_in_the_apps_look(client):
    response = client.get(reverse("workgroups:detail", kwargs={"slug": "no-such-group"}))

    assert response.status_code == 404
    assert "find that page" in response.content.decode()
