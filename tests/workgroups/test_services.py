import datetime

import pytest

from tests.factories import UserFactory, WorkgroupFactory
from workgroups import permissions, services
from workgroups.enums import Role

pytestmark = pytest.mark.django_db


def test_add_membership_makes_a_person_a_member_at_once():
    workgroup, person = WorkgroupFactory(), UserFactory()
    assert not permissions.is_workgroup_member(person, workgroup)

    services.add_membership(workgroup=workgroup, person=person, role=Role.CHAIR)

    assert permissions.is_workgroup_chair(person, workgroup)


def test_adding_a_current_member_again_is_refused():
    workgroup, person = WorkgroupFactory(), UserFactory()
    services.add_membership(workgroup=workgroup, person=person)

    with pytest.raises(services.MembershipError, match="already in"):
        services.add_membership(workgroup=workgroup, person=person)

    assert workgroup.memberships.count() == 1


def test_end_membership_keeps_the_row_as_history():
    workgroup, person = WorkgroupFactory(), UserFactory()
    membership = services.add_membership(
        workgroup=workgroup, person=person, started_on=datetime.date(2024, 1, 1)
    )

    services.end_membership(membership=membership, ended_on=datetime.date(2025, 6, 30))

    membership.refresh_from_db()
    assert membership.ended_on == datetime.date(2025, 6, 30)
    assert not permissions.is_workgroup_member(person, workgroup)


def test_ending_a_membership_twice_is_refused():
    membership = services.add_membership(workgroup=WorkgroupFactory(), person=UserFactory())
    services.end_membership(membership=membership)

    with pytest.raises(services.MembershipError, match="already ended"):
        services.end_membership(membership=membership)


def test_a_person_may_rejoin_after_leaving():
    workgroup, person = WorkgroupFactory(), UserFactory()
    first = services.add_membership(
        workgroup=workgroup, person=person, started_on=datetime.date(2024, 1, 1)
    )
    services.end_membership(membership=first, ended_on=datetime.date(2024, 6, 1))

    services.add_membership(workgroup=workgroup, person=person)

    assert workgroup.memberships.count() == 2
    assert permissions.is_workgroup_member(person, workgroup)
