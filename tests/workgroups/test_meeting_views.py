import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ActionItemFactory,
    ChairFactory,
    MeetingFactory,
    MembershipFactory,
    WorkgroupFactory,
    WorkgroupUpdateFactory,
)
from tests.querycount import assert_constant_queries
from workgroups import permissions
from workgroups.models import Meeting, MinutesRevision, WorkgroupUpdate

pytestmark = pytest.mark.django_db

SERIES = {
    "title": "Monthly meeting",
    "frequency": "monthly",
    "weekday": "1",
    "week_of_month": "2",
    "start_time": "18:00",
    "duration_minutes": "60",
    "time_zone": "America/Chicago",
    "starts_on": "2026-12-01",
    "until": "",
    "meeting_link": "",
}


def url(name, coalition, **kwargs):
    return reverse(f"workgroups:{name}", kwargs={"slug": coalition.workgroup.slug, **kwargs})


def test_chair_schedules_a_monthly_series(coalition, client_as):
    response = client_as(coalition.wg_chair).post(url("series_create", coalition), SERIES)

    assert response.status_code == 302
    starts = [
        meeting.starts_at.astimezone(meeting.local_zone)
        for meeting in Meeting.objects.filter(workgroup=coalition.workgroup)
    ]
    assert starts[0].date() == datetime.date(2026, 12, 8)
    assert {start.hour for start in starts} == {18}


def test_a_series_form_with_an_end_before_its_start_keeps_what_was_typed(coalition, client_as):
    response = client_as(coalition.wg_chair).post(
        url("series_create", coalition), {**SERIES, "until": "2026-01-01"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "The last date must come after the first." in content
    assert 'value="Monthly meeting"' in content
    assert not Meeting.objects.exists()


def test_chair_moves_one_meeting(coalition, client_as):
    meeting = MeetingFactory(workgroup=coalition.workgroup)
    local = meeting.starts_at.astimezone(meeting.local_zone)

    client_as(coalition.wg_chair).post(
        url("meeting_edit", coalition, pk=meeting.pk),
        {
            "title": meeting.title,
            "date": (local + datetime.timedelta(days=1)).date().isoformat(),
            "start_time": "12:30",
            "duration_minutes": "45",
            "time_zone": "America/Chicago",
            "agenda": meeting.agenda,
        },
    )

    meeting.refresh_from_db()
    moved = meeting.starts_at.astimezone(meeting.local_zone)
    assert (moved.date(), moved.hour, moved.minute) == (
        (local + datetime.timedelta(days=1)).date(),
        12,
        30,
    )
    assert meeting.is_detached


def test_two_people_saving_minutes_at_once_lose_nothing(coalition, client_as, client):
    meeting = MeetingFactory(workgroup=coalition.workgroup)
    minutes_url = url("minutes_edit", coalition, pk=meeting.pk)
    first = client_as(coalition.wg_chair)
    first.post(minutes_url, {"text": "Draft by the chair", "based_on": ""})
    base = MinutesRevision.objects.get().pk

    from django.test import Client

    second = Client()
    second.force_login(coalition.core)
    first.post(minutes_url, {"text": "Chair's second draft", "based_on": base})
    response = second.post(minutes_url, {"text": "Core member's text", "based_on": base})

    content = response.content.decode()
    assert response.status_code == 409
    assert "Someone saved the minutes while you were writing" in content
    assert "Chair&#x27;s second draft" in content or "Chair's second draft" in content
    assert "Core member&#x27;s text" in content or "Core member's text" in content
    assert MinutesRevision.objects.count() == 3


def test_chair_adds_a_member_but_cannot_remove_a_chair(coalition, client_as):
    co_chair = ChairFactory(workgroup=coalition.workgroup).person
    client = client_as(coalition.wg_chair)

    client.post(url("roster_add", coalition), {"person": coalition.partner.pk})
    refused = client.post(
        url("roster_end", coalition, pk=co_chair.memberships.get().pk),
    )

    assert permissions.is_workgroup_member(coalition.partner, coalition.workgroup)
    assert refused.status_code == 403
    assert permissions.is_workgroup_chair(co_chair, coalition.workgroup)


def test_the_public_sees_meeting_dates_but_never_the_link(coalition, client):
    meeting = MeetingFactory(
        workgroup=coalition.workgroup, meeting_link="https://zoom.example.org/j/secret"
    )

    content = client.get(coalition.workgroup.get_absolute_url()).content.decode()

    assert meeting.title in content
    assert "zoom.example.org" not in content
    assert meeting.get_absolute_url() not in content


def test_members_see_the_meeting_link_on_the_meeting_page(coalition, client_as):
    meeting = MeetingFactory(
        workgroup=coalition.workgroup, meeting_link="https://zoom.example.org/j/secret"
    )

    content = client_as(coalition.partner).get(meeting.get_absolute_url()).content.decode()

    assert "https://zoom.example.org/j/secret" in content


def test_core_group_meeting_flags_workgroups_without_an_update(coalition, client_as):
    meeting = MeetingFactory(workgroup=coalition.core_group, title="Core Group meeting")
    WorkgroupUpdateFactory(workgroup=coalition.workgroup, happened="Drafted the paper.")

    content = client_as(coalition.core).get(meeting.get_absolute_url()).content.decode()

    assert "Drafted the paper." in content
    assert "<strong>Criminal Justice</strong> has not posted an update yet." in content


def test_chair_posts_an_update(coalition, client_as):
    response = client_as(coalition.wg_chair).post(
        url("update_create", coalition),
        {"happened": "Met with DHS.", "next_steps": "Second draft.", "needs": ""},
    )

    assert response.status_code == 302
    assert WorkgroupUpdate.objects.get().author == coalition.wg_chair


def test_an_update_without_its_text_says_what_is_missing(coalition, client_as):
    response = client_as(coalition.wg_chair).post(
        url("update_create", coalition), {"happened": "Met with DHS.", "next_steps": ""}
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert "Met with DHS." in response.content.decode()


def test_owner_marks_their_action_item_done(coalition, client_as):
    item = ActionItemFactory(workgroup=coalition.workgroup, owner=coalition.wg_member)

    client_as(coalition.wg_member).post(url("action_item_done", coalition, pk=item.pk))

    item.refresh_from_db()
    assert item.is_done
    assert item.done_by == coalition.wg_member


# Query counts ---------------------------------------------------------------------


def test_meetings_page_queries_do_not_grow(coalition, client_as):
    def add(count):
        for n in range(count):
            MeetingFactory(
                workgroup=coalition.workgroup,
                starts_at=timezone.now() - datetime.timedelta(days=30 + n),
            )
            MeetingFactory(workgroup=coalition.workgroup)

    assert_constant_queries(client_as(coalition.wg_member), url("meetings", coalition), add)


def test_workgroup_page_queries_do_not_grow(coalition, client_as):
    def add(count):
        for _ in range(count):
            MembershipFactory(workgroup=coalition.workgroup)
            ActionItemFactory(workgroup=coalition.workgroup, owner=coalition.wg_member)
            WorkgroupUpdateFactory(workgroup=coalition.workgroup)
            MeetingFactory(workgroup=coalition.workgroup)

    assert_constant_queries(
        client_as(coalition.wg_chair), coalition.workgroup.get_absolute_url(), add
    )


def test_meeting_page_queries_do_not_grow(coalition, client_as):
    meeting = MeetingFactory(workgroup=coalition.workgroup)

    def add(count):
        for _ in range(count):
            MembershipFactory(workgroup=coalition.workgroup)
            ActionItemFactory(workgroup=coalition.workgroup, meeting=meeting)

    assert_constant_queries(client_as(coalition.wg_chair), meeting.get_absolute_url(), add)


def test_core_group_meeting_queries_do_not_grow_with_workgroups(coalition, client_as):
    meeting = MeetingFactory(workgroup=coalition.core_group)

    def add(count):
        for _ in range(count):
            WorkgroupUpdateFactory(workgroup=WorkgroupFactory())

    assert_constant_queries(client_as(coalition.core), meeting.get_absolute_url(), add)


def test_workgroup_list_with_next_meetings_queries_do_not_grow(coalition, client):
    def add(count):
        for _ in range(count):
            MeetingFactory(workgroup=WorkgroupFactory())

    assert_constant_queries(client, reverse("workgroups:list"), add)


def test_chair_links_a_hub_page_discussed_at_the_meeting(coalition, client_as):
    meeting = MeetingFactory(workgroup=coalition.workgroup)
    client = client_as(coalition.wg_chair)

    client.post(
        url("link_add", coalition, pk=meeting.pk),
        {
            "title": "Our workgroup",
            "address": f"http://testserver{coalition.workgroup.get_absolute_url()}",
        },
    )

    link = meeting.links.get()
    assert link.path == coalition.workgroup.get_absolute_url()
    content = client.get(meeting.get_absolute_url()).content.decode()
    assert f'<a href="{link.path}">Our workgroup</a>' in content


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("https://elsewhere.example.org/issues/1/", "Paste the address of a page in the Hub."),
        ("/no-such-page/", "There is no page at this address in the Hub."),
    ],
)
def test_links_outside_the_hub_are_refused(coalition, client_as, address, message):
    meeting = MeetingFactory(workgroup=coalition.workgroup)
    client = client_as(coalition.wg_chair)

    response = client.post(
        url("link_add", coalition, pk=meeting.pk),
        {"title": "Elsewhere", "address": address},
        follow=True,
    )

    assert not meeting.links.exists()
    assert message in response.content.decode()
