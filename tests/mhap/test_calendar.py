import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from members.services.calendar import reset_calendar_token
from tests.factories import MeetingFactory, calendar_token
from tests.querycount import assert_constant_queries
from workgroups.services import meetings as meeting_services

pytestmark = pytest.mark.django_db


def feed(client, person):
    response = client.get(reverse("calendar_feed", kwargs={"token": calendar_token(person)}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def test_feed_holds_the_persons_meetings_with_the_required_properties(coalition, client):
    meeting = MeetingFactory(workgroup=coalition.workgroup, title="Monthly meeting")
    MeetingFactory(workgroup=coalition.other_workgroup, title="Not mine")

    calendar = feed(client, coalition.wg_member)

    [event] = events(calendar)
    assert str(event["uid"]) == f"meeting-{meeting.uid}@mhap-hub"
    assert "dtstamp" in event
    assert event["sequence"] == 0
    assert event["summary"] == "Medicaid & Workforce: Monthly meeting"
    assert event.decoded("dtstart") == meeting.starts_at
    assert event["dtstart"].params["TZID"] == "America/Chicago"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]


def test_feed_times_are_local_across_daylight_saving(coalition, client, settings):
    settings.MEETING_HORIZON_DAYS = 400
    meeting_services.schedule_series(
        workgroup=coalition.workgroup,
        actor=None,
        title="Monthly meeting",
        rule="FREQ=MONTHLY;BYDAY=+2TU",
        starts_on=timezone.localdate(),
        start_time=datetime.time(18, 0),
        duration_minutes=60,
        time_zone="America/Chicago",
        until=None,
        meeting_link="",
    )

    starts = [event.decoded("dtstart") for event in events(feed(client, coalition.wg_member))]

    assert len(starts) >= 12
    assert {start.time() for start in starts} == {datetime.time(18, 0)}
    assert {start.utcoffset() for start in starts} == {
        datetime.timedelta(hours=-6),
        datetime.timedelta(hours=-5),
    }


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence(coalition, client):
    meeting = MeetingFactory(workgroup=coalition.workgroup)
    [before] = events(feed(client, coalition.wg_member))

    meeting_services.edit_meeting(
        meeting=meeting,
        actor=None,
        starts_at=meeting.starts_at + datetime.timedelta(days=1),
        duration_minutes=60,
        title=meeting.title,
    )
    [after] = events(feed(client, coalition.wg_member))

    assert after["uid"] == before["uid"]
    assert after["sequence"] > before["sequence"]
    assert after.decoded("dtstart") - before.decoded("dtstart") == datetime.timedelta(days=1)


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(coalition, client):
    meeting = MeetingFactory(workgroup=coalition.workgroup)
    meeting_services.cancel_meeting(meeting=meeting, actor=None)

    [event] = events(feed(client, coalition.wg_member))

    assert event["status"] == "CANCELLED"
    assert event["sequence"] == 1


def test_a_wrong_token_is_a_404(client):
    response = client.get(reverse("calendar_feed", kwargs={"token": "not-a-token"}))

    assert response.status_code == 404


def test_a_reset_token_stops_the_old_link(coalition, client):
    old = calendar_token(coalition.wg_member)

    new = reset_calendar_token(person=coalition.wg_member)

    assert client.get(reverse("calendar_feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("calendar_feed", kwargs={"token": new})).status_code == 200


def test_reset_from_the_profile_page(coalition, client_as):
    client = client_as(coalition.wg_member)
    old = calendar_token(coalition.wg_member)

    client.post(reverse("members:calendar_reset"))

    coalition.wg_member.refresh_from_db()
    assert coalition.wg_member.calendar_token != old
    assert (
        coalition.wg_member.calendar_token
        in client.get(reverse("members:profile")).content.decode()
    )


def test_the_profile_makes_a_first_link_by_a_button_not_by_being_looked_at(coalition, client_as):
    client = client_as(coalition.wg_member)

    page = client.get(reverse("members:profile")).content.decode()
    coalition.wg_member.refresh_from_db()
    assert coalition.wg_member.calendar_token is None
    assert "Make my calendar link" in page
    assert 'id="calendar-url"' not in page

    response = client.post(reverse("members:calendar_reset"), follow=True)

    coalition.wg_member.refresh_from_db()
    assert coalition.wg_member.calendar_token
    page = response.content.decode()
    assert "Your calendar link is ready" in page
    assert coalition.wg_member.calendar_token in page


def test_a_deactivated_persons_feed_is_a_404(coalition, client):
    token = calendar_token(coalition.wg_member)
    coalition.wg_member.is_active = False
    coalition.wg_member.save(update_fields=["is_active"])

    assert client.get(reverse("calendar_feed", kwargs={"token": token})).status_code == 404


def test_one_meeting_downloads_as_ics(coalition, client_as):
    meeting = MeetingFactory(workgroup=coalition.workgroup)

    response = client_as(coalition.partner).get(
        reverse("meeting_ics", kwargs={"slug": coalition.workgroup.slug, "pk": meeting.pk})
    )

    [event] = events(Calendar.from_ical(response.content))
    assert str(event["uid"]) == f"meeting-{meeting.uid}@mhap-hub"
    assert "attachment" in response["Content-Disposition"]


def test_feed_queries_do_not_grow_with_meetings(coalition, client):
    token = calendar_token(coalition.wg_member)

    assert_constant_queries(
        client,
        reverse("calendar_feed", kwargs={"token": token}),
        lambda count: MeetingFactory.create_batch(count, workgroup=coalition.workgroup),
    )
