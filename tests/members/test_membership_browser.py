"""The membership flows a person does with a mouse, in Chromium."""

import re

import pytest

from members.models import Invitation
from tests.factories import MembershipRequestFactory, OrganisationFactory
from workgroups import permissions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_invites_a_person_who_accepts_and_lands_home(
    coalition, page_as, mailoutbox, reauthenticated
):
    OrganisationFactory(name="Dane County Human Services")
    admin_page = page_as(coalition.admin)
    admin_page.goto("/members/invite/")

    admin_page.get_by_label("Email address").fill("tom@example.org")
    admin_page.get_by_label("Full name").fill("Tom Lindqvist")
    admin_page.get_by_label("Organisation").select_option(label="Dane County Human Services")
    admin_page.locator("label", has_text="Medicaid & Workforce").click()
    admin_page.get_by_role("button", name="Send the invitation").click()
    admin_page.get_by_text("Invitation sent to tom@example.org").wait_for()

    link = re.search(r"https?://\S+/invitations/\S+/", mailoutbox[-1].body).group(0)
    path = link[link.index("/invitations/") :]
    person_page = page_as(None)
    person_page.goto(path)
    person_page.get_by_label("Your full name").fill("Tom Lindqvist")
    person_page.get_by_label("Choose a password").fill("county data 2025")
    person_page.get_by_label("The same password again").fill("county data 2025")
    person_page.get_by_role("button", name="Create my account").click()

    person_page.get_by_role("heading", name="Welcome, Tom").wait_for()
    person_page.get_by_role("link", name="Medicaid & Workforce").first.wait_for()
    assert Invitation.objects.get(email="tom@example.org").status == "accepted"


def test_admin_uploads_a_csv_and_sees_the_bad_rows(coalition, page_as, tmp_path):
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(
        "email,full_name,organisation,workgroups,role\n"
        "good@example.org,Good Row,,Medicaid & Workforce,member\n"
        "not-an-email,Bad Email,,,\n"
        "other@example.org,Unknown Org,Nowhere Inc,,\n"
    )
    page = page_as(coalition.admin)
    page.goto("/members/import/")

    page.get_by_label("CSV file").set_input_files(str(csv_file))
    page.get_by_role("button", name="Check and invite").click()

    page.get_by_text("2 rows not invited").wait_for()
    errors = page.get_by_role("table")
    assert "'not-an-email' is not a valid email address." in errors.inner_text()
    assert "Unknown organisation 'Nowhere Inc'" in errors.inner_text()
    page.get_by_text("Done: 1 of 1 invited.").wait_for()
    assert Invitation.objects.filter(email="good@example.org").exists()


def test_chair_approves_a_request_to_join_their_workgroup(coalition, page_as):
    MembershipRequestFactory(
        workgroup=coalition.workgroup, person=coalition.partner, message="Peer workforce."
    )
    page = page_as(coalition.wg_chair)
    page.goto(f"/workgroups/{coalition.workgroup.slug}/")

    page.get_by_role("link", name="Requests to join").click()
    page.get_by_text("Peer workforce.").wait_for()
    page.get_by_role("button", name="Approve Pat Partner").click()

    page.get_by_text("Pat Partner joined Medicaid & Workforce.").wait_for()
    assert permissions.is_workgroup_member(coalition.partner, coalition.workgroup)
