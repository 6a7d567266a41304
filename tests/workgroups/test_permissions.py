import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import MembershipFactory, UserFactory
from workgroups import permissions

pytestmark = pytest.mark.django_db


def test_roles_of_each_persona(coalition):
    wg = coalition.workgroup

    assert not permissions.is_member(AnonymousUser())
    assert permissions.is_member(coalition.partner)
    assert not permissions.is_workgroup_member(coalition.partner, wg)
    assert permissions.is_workgroup_member(coalition.wg_member, wg)
    assert not permissions.is_workgroup_chair(coalition.wg_member, wg)
    assert permissions.is_workgroup_chair(coalition.wg_chair, wg)
    assert not permissions.is_workgroup_chair(coalition.other_chair, wg)
    assert permissions.is_core(coalition.core)
    assert not permissions.is_core(coalition.wg_chair)
    assert permissions.is_admin(coalition.admin)
    assert not permissions.is_admin(coalition.core)


def test_can_manage_workgroup_by_role(coalition):
    wg = coalition.workgroup
    allowed = {
        role
        for role in coalition.ROLES
        if permissions.can_manage_workgroup(coalition.user(role), wg)
    }

    assert allowed == {"wg_chair", "core", "admin"}


def test_roles_are_read_in_one_query_per_request(coalition, django_assert_num_queries):
    person = coalition.wg_chair
    permissions.forget_roles(person)

    with django_assert_num_queries(1):
        permissions.is_workgroup_chair(person, coalition.workgroup)
        permissions.is_core(person)
        permissions.can_manage_workgroup(person, coalition.other_workgroup)


def test_deactivated_person_has_no_roles(coalition):
    coalition.wg_chair.is_active = False

    assert not permissions.is_workgroup_chair(coalition.wg_chair, coalition.workgroup)
    assert not permissions.is_member(coalition.wg_chair)


def test_ended_membership_grants_nothing():
    membership = MembershipFactory(started_on="2023-10-01", ended_on="2024-01-31")

    assert not permissions.is_workgroup_member(membership.person, membership.workgroup)


def test_only_one_core_group_can_exist(coalition):
    from django.db import IntegrityError

    from tests.factories import WorkgroupFactory

    with pytest.raises(IntegrityError):
        WorkgroupFactory(name="Second Core", is_core_group=True)


def test_emails_are_unique_whatever_their_case():
    from django.db import IntegrityError

    UserFactory(email="rosa@example.org")

    with pytest.raises(IntegrityError):
        UserFactory(email="Rosa@Example.org")


def test_only_admins_manage_members(coalition):
    from members.permissions import can_manage_members

    allowed = {role for role in coalition.ROLES if can_manage_members(coalition.user(role))}

    assert allowed == {"admin"}


def test_workgroup_list_puts_the_core_group_first(coalition):
    from workgroups.selectors import workgroup_list

    assert workgroup_list().first() == coalition.core_group
