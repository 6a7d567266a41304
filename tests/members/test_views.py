import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from members.models import Invitation, JoinRequest
from tests.factories import (
    InvitationFactory,
    InvitationImportFactory,
    JoinRequestFactory,
    MembershipFactory,
    OrganisationFactory,
    SectorFactory,
)
from tests.querycount import assert_constant_queries
from workgroups.models import Membership, RoleChange

pytestmark = pytest.mark.django_db

JOIN = {
    "full_name": "Maya Jensen",
    "email": "maya@example.org",
    "organisation_name": "Fox Valley Family Voices",
    "reason": "Family peer support.",
}


# The public -------------------------------------------------------------------


def test_join_request_with_a_bad_email_says_so_and_keeps_what_was_typed(client):
    response = client.post(reverse("members:join_request"), {**JOIN, "email": "maya@"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in content
    assert 'value="maya@"' in content
    assert "Family peer support." in content
    assert 'aria-invalid="true"' in content


def test_join_requests_are_rate_limited_per_network(client):
    statuses = [
        client.post(reverse("members:join_request"), {**JOIN, "email": f"p{n}@example.org"})
        for n in range(6)
    ]

    assert [response.status_code for response in statuses] == [302] * 5 + [200]
    assert "Too many requests" in statuses[-1].content.decode()
    assert JoinRequest.objects.count() == 5


def accept_url(invitation):
    return reverse("members:accept_invitation", args=[invitation.token])


def test_accepting_an_invitation_signs_the_person_in_at_home(client):
    invitation = InvitationFactory(email="tom@example.org", full_name="Tom")

    response = client.post(
        accept_url(invitation),
        {
            "full_name": "Tom Lindqvist",
            "password1": "county data 2025",
            "password2": "county data 2025",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").context["user"].email == "tom@example.org"


def test_mismatched_passwords_keep_the_name_and_say_what_to_fix(client):
    invitation = InvitationFactory()

    response = client.post(
        accept_url(invitation),
        {"full_name": "Tom Lindqvist", "password1": "county data 2025", "password2": "other"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "The two passwords are not the same." in content
    assert 'value="Tom Lindqvist"' in content


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "revoked"}, "withdrawn"),
        ({"status": "accepted"}, "used already"),
        ({"expires_at": timezone.now() - datetime.timedelta(days=1)}, "expired"),
    ],
)
def test_unusable_invitation_gets_a_clear_page(client, changes, message):
    invitation = InvitationFactory(**changes)

    response = client.get(accept_url(invitation))

    assert response.status_code == 410
    assert message in response.content.decode()


def test_unknown_invitation_token_gets_a_clear_page(client):
    response = client.get(reverse("members:accept_invitation", args=["no-such-token"]))

    assert response.status_code == 410
    assert "not valid" in response.content.decode()


# Admins -------------------------------------------------------------------------


def test_admin_without_a_second_factor_is_sent_to_set_one_up(coalition, client_as, settings):
    settings.ADMIN_MFA_REQUIRED = True

    response = client_as(coalition.admin).get(reverse("members:people"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_invite_form_refuses_an_existing_account_next_to_the_field(coalition, client_as):
    response = client_as(coalition.admin).post(
        reverse("members:invite"), {"email": coalition.partner.email, "workgroup_role": "member"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "already has an account" in content
    assert f'value="{coalition.partner.email}"' in content
    assert Invitation.objects.count() == 0


def test_invite_form_sends_the_invitation(coalition, client_as, mailoutbox):
    response = client_as(coalition.admin).post(
        reverse("members:invite"),
        {
            "email": "new@example.org",
            "full_name": "New Person",
            "workgroups": [coalition.workgroup.pk],
            "workgroup_role": "member",
        },
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new@example.org")
    assert list(invitation.workgroups.all()) == [coalition.workgroup]
    assert mailoutbox[-1].to == ["new@example.org"]


def test_role_change_asks_for_the_password_again(coalition, client_as):
    membership = coalition.wg_member.memberships.get()
    url = reverse(
        "members:change_membership_role",
        kwargs={"pk": coalition.wg_member.pk, "membership_pk": membership.pk},
    )

    response = client_as(coalition.admin).post(url, {"role": "chair"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    membership.refresh_from_db()
    assert membership.role == "member"


def test_appointing_a_chair_is_recorded_on_the_persons_page(coalition, client_as, reauthenticated):
    membership = coalition.wg_member.memberships.get()
    client = reauthenticated(client_as(coalition.admin), coalition.admin)

    client.post(
        reverse(
            "members:change_membership_role",
            kwargs={"pk": coalition.wg_member.pk, "membership_pk": membership.pk},
        ),
        {"role": "chair"},
    )

    membership.refresh_from_db()
    assert membership.role == "chair"
    page = client.get(reverse("members:person", kwargs={"pk": coalition.wg_member.pk}))
    content = page.content.decode()
    assert "Changed role in a workgroup" in content
    assert "Ada Admin" in content
    change = RoleChange.objects.get(person=coalition.wg_member)
    assert (change.old_value, change.new_value, change.actor) == (
        "Member",
        "Chair",
        coalition.admin,
    )


def test_admin_adds_a_person_to_the_core_group(coalition, client_as, reauthenticated):
    client = reauthenticated(client_as(coalition.admin), coalition.admin)

    client.post(
        reverse("members:add_membership", kwargs={"pk": coalition.partner.pk}),
        {"workgroup": coalition.core_group.pk, "role": "member"},
    )

    assert (
        Membership.objects.current()
        .filter(person=coalition.partner, workgroup=coalition.core_group)
        .exists()
    )


def test_admin_deactivates_a_person(coalition, client_as, reauthenticated):
    client = reauthenticated(client_as(coalition.admin), coalition.admin)

    client.post(
        reverse("members:set_active", kwargs={"pk": coalition.partner.pk}), {"active": "no"}
    )

    coalition.partner.refresh_from_db()
    assert not coalition.partner.is_active


def test_csv_upload_reports_bad_rows_by_line(
    coalition, client_as, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile(
        "people.csv",
        b"email,full_name,organisation,workgroups,role\nnot-an-email,X,,,\ngood@example.org,Good,,,\n",
        content_type="text/csv",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(coalition.admin).post(reverse("members:import"), {"file": upload})

    assert response.status_code == 302
    page = client_as(coalition.admin).get(response["Location"]).content.decode()
    assert "&#x27;not-an-email&#x27; is not a valid email address." in page
    assert re.search(r"<th scope=\"row\">2</th>", page)
    assert Invitation.objects.filter(email="good@example.org").exists()


def test_csv_upload_of_a_non_csv_file_keeps_the_form_with_the_error(coalition, client_as):
    upload = SimpleUploadedFile("people.xlsx", b"PK\x03\x04", content_type="application/zip")

    response = client_as(coalition.admin).post(reverse("members:import"), {"file": upload})

    assert response.status_code == 400
    assert "Upload a .csv file" in response.content.decode()


def test_import_progress_fragment_for_htmx(coalition, client_as):
    job = InvitationImportFactory(
        uploaded_by=coalition.admin, total=10, processed=4, status="running"
    )

    response = client_as(coalition.admin).get(
        reverse("members:import_detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true"
    )

    content = response.content.decode()
    assert "Inviting… 4 of 10 rows done." in content
    assert "<html" not in content
    assert 'hx-trigger="every 1s"' in content


def test_organisation_name_clash_is_refused_next_to_the_field(coalition, client_as):
    sector = SectorFactory()

    response = client_as(coalition.admin).post(
        reverse("members:organisations"),
        {"name": coalition.partner.organisation.name.upper(), "sector": sector.pk},
    )

    assert response.status_code == 200
    assert "exists already" in response.content.decode()


def test_admin_declines_a_join_request(coalition, client_as):
    join_request = JoinRequestFactory()

    client_as(coalition.admin).post(
        reverse("members:decide_join_request", kwargs={"pk": join_request.pk}),
        {"decision": "decline"},
    )

    join_request.refresh_from_db()
    assert join_request.status == "declined"


# Query counts -------------------------------------------------------------------


def add_people(count):
    for _ in range(count):
        MembershipFactory()


@pytest.mark.parametrize(
    "url_name",
    ["members:people", "members:directory", "members:directory_organisations"],
)
def test_people_pages_queries_do_not_grow_with_people(coalition, client_as, url_name):
    assert_constant_queries(client_as(coalition.admin), reverse(url_name), add_people)


def test_invitations_page_queries_do_not_grow(coalition, client_as):
    def add(count):
        for _ in range(count):
            invitation = InvitationFactory(organisation=OrganisationFactory())
            invitation.workgroups.set([coalition.workgroup])

    assert_constant_queries(client_as(coalition.admin), reverse("members:invitations"), add)


def test_join_requests_and_organisations_queries_do_not_grow(coalition, client_as):
    client = client_as(coalition.admin)

    assert_constant_queries(
        client, reverse("members:join_requests"), JoinRequestFactory.create_batch
    )
    assert_constant_queries(
        client, reverse("members:organisations"), OrganisationFactory.create_batch
    )


def test_people_filters_find_chairs_of_a_workgroup(coalition, client_as):
    response = client_as(coalition.admin).get(
        reverse("members:people"), {"role": "chair", "workgroup": coalition.workgroup.pk}
    )

    people = list(response.context["page"])
    assert people == [coalition.wg_chair]
    assert "[invalid name]" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", {"admin"}),
        ("core", {"core"}),
        ("chair", {"wg_chair", "other_chair"}),
        ("member", {"wg_member", "wg_chair", "other_chair"}),
        ("partner", {"partner", "admin"}),
    ],
)
def test_people_filter_by_role(coalition, client_as, role, expected):
    response = client_as(coalition.admin).get(reverse("members:people"), {"role": role})

    found = set(response.context["page"])
    assert found == {coalition.user(name) for name in expected}
