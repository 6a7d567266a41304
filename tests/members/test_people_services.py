import pytest

from members.services import organisations, people
from tests.factories import (
    AdminFactory,
    InvitationFactory,
    OrganisationFactory,
    UserFactory,
)
from workgroups.enums import RoleChangeKind
from workgroups.models import RoleChange
from workgroups.permissions import is_admin

pytestmark = pytest.mark.django_db


def test_set_admin_grants_the_role_and_records_who_did_it():
    actor, person = AdminFactory(), UserFactory()

    people.set_admin(actor=actor, person=person, is_admin=True)

    person.refresh_from_db()
    assert is_admin(person)
    change = RoleChange.objects.get(person=person)
    assert (change.kind, change.actor, change.old_value, change.new_value) == (
        RoleChangeKind.ADMIN,
        actor,
        "not an admin",
        "an admin",
    )


def test_an_admin_cannot_remove_their_own_admin_role():
    admin = AdminFactory()

    with pytest.raises(people.PersonError, match="own admin role"):
        people.set_admin(actor=admin, person=admin, is_admin=False)

    admin.refresh_from_db()
    assert admin.is_staff


def test_deactivated_person_cannot_sign_in_and_keeps_their_record(client):
    actor, person = AdminFactory(), UserFactory(email="gone@example.org")

    people.set_active(actor=actor, person=person, active=False)

    assert not client.login(email="gone@example.org", password="mhap-demo")
    person.refresh_from_db()
    assert person.full_name  # nothing is erased: what they wrote keeps their name
    assert RoleChange.objects.get(person=person).new_value == "deactivated"


def test_deactivating_twice_is_refused():
    actor, person = AdminFactory(), UserFactory()
    people.set_active(actor=actor, person=person, active=False)

    with pytest.raises(people.PersonError, match="already deactivated"):
        people.set_active(actor=actor, person=person, active=False)

    assert RoleChange.objects.filter(person=person).count() == 1


def test_merging_organisations_moves_people_and_invitations():
    keep = OrganisationFactory(name="NAMI Wisconsin")
    duplicate = OrganisationFactory(name="NAMI WI", website="https://example.org")
    person = UserFactory(organisation=duplicate)
    invitation = InvitationFactory(organisation=duplicate)

    organisations.merge_organisations(actor=None, duplicate=duplicate, keep=keep)

    person.refresh_from_db()
    invitation.refresh_from_db()
    keep.refresh_from_db()
    assert person.organisation == keep
    assert invitation.organisation == keep
    assert keep.website == "https://example.org"
    assert not type(keep).objects.filter(pk=duplicate.pk).exists()


def test_an_organisation_cannot_be_merged_into_itself():
    organisation = OrganisationFactory()

    with pytest.raises(organisations.OrganisationError):
        organisations.merge_organisations(actor=None, duplicate=organisation, keep=organisation)
