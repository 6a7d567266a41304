"""Regressions from the review of the first four features: each failed before its fix."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse

from issues import services as issue_services
from members.forms import AddMembershipForm
from members.services import people
from tests.factories import IssueFactory, MeetingFactory, MembershipFactory, UserFactory
from workgroups import permissions, selectors
from workgroups.services import meetings as meeting_services

pytestmark = pytest.mark.django_db


def test_only_admins_change_who_sits_on_the_core_group(coalition, client_as):
    url = reverse("workgroups:roster_add", kwargs={"slug": coalition.core_group.slug})

    refused = client_as(coalition.core).post(url, {"person": coalition.partner.pk})
    client_as(coalition.admin).post(url, {"person": coalition.wg_member.pk})

    assert refused.status_code == 403
    assert not permissions.is_core(coalition.partner)
    assert permissions.is_workgroup_member(coalition.wg_member, coalition.core_group)


def test_saving_attendance_again_keeps_someone_who_has_left_since(coalition):
    meeting = MeetingFactory(workgroup=coalition.workgroup)
    leaver = MembershipFactory(workgroup=coalition.workgroup).person
    meeting_services.record_attendance(
        meeting=meeting, actor=None, present=[leaver, coalition.wg_member]
    )
    leaver.memberships.update(ended_on=datetime.date.today())  # noqa: DTZ011

    from workgroups.forms import AttendanceForm

    form = AttendanceForm(
        {"present": [leaver.pk, coalition.wg_member.pk, coalition.wg_chair.pk]}, meeting=meeting
    )
    assert form.is_valid(), form.errors
    meeting_services.record_attendance(
        meeting=meeting, actor=None, present=list(form.cleaned_data["present"])
    )

    assert selectors.attendance_ids(meeting=meeting) == {
        leaver.pk,
        coalition.wg_member.pk,
        coalition.wg_chair.pk,
    }


def test_a_series_edit_leaves_a_meeting_renamed_on_its_own(coalition):
    series = meeting_services.schedule_series(
        workgroup=coalition.workgroup,
        actor=None,
        title="Monthly meeting",
        rule="FREQ=MONTHLY;BYDAY=+2TU",
        starts_on=datetime.date.today(),  # noqa: DTZ011
        start_time=datetime.time(18, 0),
        duration_minutes=60,
        time_zone="America/Chicago",
        until=None,
        meeting_link="",
    )
    joint = series.meetings.order_by("starts_at")[1]
    meeting_services.edit_meeting(
        meeting=joint,
        actor=None,
        starts_at=joint.starts_at,
        duration_minutes=60,
        title="Joint session with Data",
        meeting_link="https://zoom.example.org/j/joint",
    )

    meeting_services.update_series(series=series, actor=None, title="Workgroup meeting")

    joint.refresh_from_db()
    assert (joint.title, joint.meeting_link) == (
        "Joint session with Data",
        "https://zoom.example.org/j/joint",
    )


def test_an_issue_already_merged_is_not_merged_again(coalition):
    a, b, c = IssueFactory.create_batch(3, workgroup=coalition.workgroup)
    issue_services.merge_issue(actor=coalition.core, duplicate=a, survivor=b)

    with pytest.raises(issue_services.IssueError, match="already merged"):
        issue_services.merge_issue(actor=coalition.core, duplicate=a, survivor=c)

    a.refresh_from_db()
    assert a.merged_into == b


def test_moving_a_closed_issue_in_the_backlog_says_why(coalition, client_as):
    issue = IssueFactory(workgroup=coalition.workgroup, status="closed")

    response = client_as(coalition.wg_chair).post(
        reverse("issues:move", kwargs={"pk": issue.pk}), {"direction": "up"}, follow=True
    )

    assert response.status_code == 200
    assert "Only open issues have a place in the backlog." in response.content.decode()


def test_a_closed_issue_is_not_picked_for_a_paper(coalition):
    issue = IssueFactory(workgroup=coalition.workgroup, status="closed")

    with pytest.raises(issue_services.IssueError, match="Only accepted or prioritised"):
        issue_services.pick_for_paper(actor=coalition.wg_chair, issue=issue)

    issue.refresh_from_db()
    assert issue.status == "closed"


def test_exported_cells_never_start_like_a_formula(coalition, client_as):
    IssueFactory(workgroup=coalition.workgroup, title='=HYPERLINK("http://evil.example","x")')

    response = client_as(coalition.core).get(reverse("issues:export"))

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","x")'


def test_a_deactivated_person_leaves_the_roster_and_the_counts(coalition, client):
    people.set_active(actor=coalition.admin, person=coalition.wg_member, active=False)

    roster = [m.person for m in selectors.current_roster(workgroup=coalition.workgroup)]
    counts = {w.pk: w.member_count for w in selectors.workgroup_list()}

    assert coalition.wg_member not in roster
    assert counts[coalition.workgroup.pk] == 1  # the chair


def test_an_admin_can_add_someone_back_to_a_workgroup_they_left(coalition):
    person = UserFactory()
    MembershipFactory(
        workgroup=coalition.workgroup, person=person, ended_on=datetime.date(2024, 6, 30)
    )

    form = AddMembershipForm(person=person)

    assert coalition.workgroup in form.fields["workgroup"].queryset


def test_merged_is_set_only_by_the_merge_form(coalition, client_as):
    issue = IssueFactory(workgroup=coalition.workgroup)

    response = client_as(coalition.core).post(
        reverse("issues:row_edit", kwargs={"pk": issue.pk}),
        {"status": "merged", "workgroup": coalition.workgroup.pk, "version": 1},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 400
    issue.refresh_from_db()
    assert issue.status == "proposed"
    with pytest.raises(issue_services.IssueError, match="merge form"):
        issue_services.change_issue(actor=coalition.core, issue=issue, changes={"status": "merged"})


def test_a_refused_bulk_change_keeps_the_choices_and_ticks(coalition, client_as):
    issue = IssueFactory(workgroup=coalition.workgroup)

    response = client_as(coalition.core).post(
        reverse("issues:bulk"),
        {"ids": [issue.pk], "query": "term=short"},
        HTTP_HX_REQUEST="true",
    )

    content = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least one change to make." in content
    assert re.search(rf'value="{issue.pk}"\s+form="bulk-form"\s+checked', content)


def test_a_saved_view_name_is_not_silently_replaced(coalition, client_as):
    from issues.models import SavedView

    client = client_as(coalition.core)
    client.post(reverse("issues:save_view"), {"name": "Mine", "query": "q=988"})

    response = client.post(
        reverse("issues:save_view"), {"name": "Mine", "query": "status=accepted"}, follow=True
    )

    assert SavedView.objects.get().query == "q=988"
    assert "already" in response.content.decode()


def test_the_known_address_email_greets_the_account_not_the_stranger(coalition, mailoutbox):
    from members.services.join_requests import submit_join_request

    submit_join_request(
        full_name="Someone Pretending",
        email=coalition.partner.email,
        organisation_name="",
        reason="x",
    )

    assert "Hello Pat Partner," in mailoutbox[-1].body
    assert "Someone Pretending" not in mailoutbox[-1].body


# "²".isdigit() is True and int("²") raises: a superscript typed or pasted
# into a number field once answered 500 in several places.
@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("public", "/learning-sessions/?year=²"),
        ("wg_member", "/advocacy/legislators/?q=²"),
        ("core", "/issues/?q=%23²"),
    ],
)
def test_a_superscript_digit_in_a_query_is_no_number_and_no_error(coalition, client_as, role, url):
    client = client_as(coalition.user(role))
    assert client.get(url).status_code == 200


def test_a_superscript_digit_in_districts_or_bulk_ids_is_refused_not_a_500(coalition, client_as):
    organisation = coalition.partner.organisation
    url = reverse("advocacy:organisation_districts", kwargs={"pk": organisation.pk})
    response = client_as(coalition.admin).post(url, {"assembly": "12, ²", "senate": ""})
    assert response.status_code == 400
    assert "12, ²" in response.content.decode()

    bulk = client_as(coalition.core).post(reverse("issues:bulk"), {"ids": ["²"]})
    assert bulk.status_code < 500
