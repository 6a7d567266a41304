import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, SectorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def peer(coalition):
    sector = SectorFactory(name="Peers", slug="peers")
    organisation = OrganisationFactory(name="Peer Run Respite Network", sector=sector)
    return UserFactory(
        full_name="Hidden Affiliation",
        email="peer@example.org",
        organisation=organisation,
        phone="608-555-0100",
        bio="Certified peer specialist.",
        show_organisation=False,
        show_email=False,
        show_phone=False,
        show_bio=True,
    )


def directory(client, **params):
    return client.get(reverse("members:directory"), params).content.decode()


def test_members_see_only_what_a_person_chose_to_show(coalition, client_as, peer):
    content = directory(client_as(coalition.wg_member))

    assert "Hidden Affiliation" in content
    assert "Certified peer specialist." in content
    assert "Peer Run Respite Network" not in content
    assert "peer@example.org" not in content
    assert "608-555-0100" not in content


def test_filters_never_reveal_a_hidden_affiliation(coalition, client_as, peer):
    client = client_as(coalition.wg_member)

    by_sector = directory(client, sector=peer.organisation.sector.pk)
    by_name = directory(client, q="Respite")

    assert "Hidden Affiliation" not in by_sector
    assert "Hidden Affiliation" not in by_name


def test_admins_see_everything(coalition, client_as, peer):
    client = client_as(coalition.admin)

    content = directory(client, sector=peer.organisation.sector.pk)

    assert "Hidden Affiliation" in content
    assert "Peer Run Respite Network" in content
    assert "peer@example.org" in content


def test_organisation_counts_leave_out_hidden_affiliations(coalition, client_as, peer):
    content = (
        client_as(coalition.wg_member)
        .get(reverse("members:directory_organisations"))
        .content.decode()
    )

    assert "Peer Run Respite Network" in content
    assert "0 members" in content


def test_deactivated_people_leave_the_directory(coalition, client_as):
    UserFactory(full_name="Former Partner", is_active=False)

    assert "Former Partner" not in directory(client_as(coalition.partner))


def test_a_person_chooses_to_show_their_email(coalition, client_as, peer):
    client = client_as(peer)

    response = client.post(
        reverse("members:profile"),
        {
            "full_name": peer.full_name,
            "organisation": peer.organisation.pk,
            "time_zone": "America/Chicago",
            "phone": peer.phone,
            "bio": peer.bio,
            "show_email": "on",
            "show_bio": "on",
        },
    )

    assert response.status_code == 302
    peer.refresh_from_db()
    assert peer.show_email
    assert not peer.show_organisation
    assert "peer@example.org" in directory(client_as(coalition.partner))


def test_profile_with_an_unknown_time_zone_keeps_the_typed_values(coalition, client_as):
    response = client_as(coalition.partner).post(
        reverse("members:profile"),
        {"full_name": "Pat Partner-Smith", "time_zone": "Mars/Olympus"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in content
    assert 'value="Pat Partner-Smith"' in content
