"""A chair runs the workgroup's calendar from the browser; a member's feed follows."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories import calendar_token
from workgroups.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def feed_events(page, person):
    response = page.request.get(f"/calendar/{calendar_token(person)}.ics")
    assert response.ok
    return {
        str(event["uid"]): event for event in Calendar.from_ical(response.body()).walk("VEVENT")
    }


def test_chair_schedules_a_series_moves_one_meeting_and_the_member_feed_shows_it(
    coalition, page_as
):
    chair = page_as(coalition.wg_chair)
    chair.goto(f"/workgroups/{coalition.workgroup.slug}/")
    chair.get_by_role("link", name="Schedule a series").first.click()
    chair.get_by_label("Title").fill("Monthly meeting")
    chair.locator("label", has_text="Monthly, on a set weekday").click()
    chair.get_by_label("Weekday", exact=True).select_option(label="Tuesday")
    chair.get_by_label("Which week (monthly meetings)").select_option(label="Second")
    chair.get_by_label("Start time").fill("18:00")
    chair.get_by_label("First date").fill(timezone.localdate().isoformat())
    chair.get_by_role("button", name="Schedule the meetings").click()
    chair.get_by_text("Monthly meeting is scheduled.").wait_for()

    member = page_as(coalition.wg_member)
    before = feed_events(member, coalition.wg_member)
    assert len(before) >= 5
    assert {event.decoded("dtstart").time() for event in before.values()} == {datetime.time(18)}

    chair.get_by_role("link", name="Monthly meeting", exact=True).nth(1).click()
    moved = Meeting.objects.order_by("starts_at")[1]
    new_date = moved.starts_at.astimezone(moved.local_zone).date() + datetime.timedelta(days=2)
    chair.get_by_role("link", name="Edit or move this meeting").click()
    chair.get_by_label("Date", exact=True).fill(new_date.isoformat())
    chair.get_by_label("Start time").fill("12:30")
    chair.get_by_role("button", name="Save the meeting").click()
    chair.get_by_text("The meeting is saved.").wait_for()

    after = feed_events(member, coalition.wg_member)
    uid = f"meeting-{moved.uid}@mhap-hub"
    assert after.keys() == before.keys()
    start = after[uid].decoded("dtstart")
    assert (start.date(), start.time()) == (new_date, datetime.time(12, 30))
    assert after[uid]["sequence"] > before[uid]["sequence"]
    untouched = [key for key in after if key != uid]
    assert all(after[key].decoded("dtstart") == before[key].decoded("dtstart") for key in untouched)
