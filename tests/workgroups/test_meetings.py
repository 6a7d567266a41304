import datetime
import zoneinfo

import pytest
from django.utils import timezone

from tests.factories import (
    ActionItemFactory,
    MeetingFactory,
    UserFactory,
    WorkgroupFactory,
    WorkgroupUpdateFactory,
)
from workgroups import selectors
from workgroups.enums import MeetingStatus
from workgroups.models import Meeting, MinutesRevision
from workgroups.services import meetings as services

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def schedule(workgroup, **overrides):
    fields = {
        "title": "Monthly meeting",
        "rule": "FREQ=MONTHLY;BYDAY=+2TU",
        "starts_on": timezone.localdate(),
        "start_time": datetime.time(18, 0),
        "duration_minutes": 90,
        "time_zone": "America/Chicago",
        "until": None,
        "meeting_link": "",
    }
    return services.schedule_series(workgroup=workgroup, actor=None, **{**fields, **overrides})


def test_a_series_makes_its_meetings_up_to_the_horizon(settings):
    settings.MEETING_HORIZON_DAYS = 180
    series = schedule(WorkgroupFactory())

    meetings = list(series.meetings.order_by("starts_at"))

    assert 5 <= len(meetings) <= 7
    assert all(m.starts_at.astimezone(CHICAGO).time() == datetime.time(18, 0) for m in meetings)
    assert all(m.ends_at - m.starts_at == datetime.timedelta(minutes=90) for m in meetings)
    assert services.extend_series(series=series) == 0  # nothing twice


def test_the_horizon_moves_forward_with_time(settings):
    settings.MEETING_HORIZON_DAYS = 60
    series = schedule(WorkgroupFactory())
    before = series.meetings.count()

    settings.MEETING_HORIZON_DAYS = 400
    added = services.extend_series(series=series)

    assert added > 0
    assert series.meetings.count() == before + added


def test_moving_one_meeting_detaches_it_and_raises_its_sequence():
    series = schedule(WorkgroupFactory())
    meeting = series.meetings.order_by("starts_at")[1]
    new_start = meeting.starts_at + datetime.timedelta(days=2)

    services.edit_meeting(
        meeting=meeting,
        actor=None,
        starts_at=new_start,
        duration_minutes=60,
        title=meeting.title,
    )

    meeting.refresh_from_db()
    assert meeting.starts_at == new_start
    assert meeting.is_detached
    assert meeting.sequence == 1


def test_editing_the_series_moves_future_meetings_but_not_one_moved_on_its_own():
    series = schedule(WorkgroupFactory())
    _first, second, *_rest = list(series.meetings.order_by("starts_at"))
    moved_start = second.starts_at + datetime.timedelta(days=1)
    services.edit_meeting(
        meeting=second, actor=None, starts_at=moved_start, duration_minutes=90, title="Moved"
    )
    uids_before = {m.pk: m.uid for m in series.meetings.all()}

    services.update_series(
        series=series, actor=None, rule="FREQ=MONTHLY;BYDAY=+2WE", start_time=datetime.time(12, 0)
    )

    second.refresh_from_db()
    assert second.starts_at == moved_start  # left alone
    others = list(series.meetings.filter(is_detached=False).scheduled().order_by("starts_at"))
    assert all(m.starts_at.astimezone(CHICAGO).weekday() == 2 for m in others)
    assert all(m.starts_at.astimezone(CHICAGO).time() == datetime.time(12, 0) for m in others)
    moved_rows = [m for m in others if m.pk in uids_before]
    assert moved_rows and all(m.uid == uids_before[m.pk] for m in moved_rows)
    assert all(m.sequence >= 1 for m in moved_rows)


def test_an_end_date_cancels_the_meetings_after_it():
    series = schedule(WorkgroupFactory())
    count = series.meetings.count()
    last_kept = series.meetings.order_by("starts_at")[1].starts_at.astimezone(CHICAGO).date()

    services.update_series(series=series, actor=None, until=last_kept)

    assert series.meetings.scheduled().count() == 2
    assert series.meetings.filter(status=MeetingStatus.CANCELLED).count() == count - 2


def test_cancel_a_meeting_once():
    meeting = MeetingFactory()

    services.cancel_meeting(meeting=meeting, actor=None)

    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.sequence == 1
    with pytest.raises(services.MeetingError):
        services.cancel_meeting(meeting=meeting, actor=None)


def test_minutes_saved_on_an_old_revision_keep_both_texts():
    meeting = MeetingFactory()
    alice, bob = UserFactory(), UserFactory()
    first, _ = services.save_minutes(meeting=meeting, author=alice, text="v1", based_on_id=None)
    services.save_minutes(meeting=meeting, author=alice, text="Alice's v2", based_on_id=first.pk)

    saved, conflict = services.save_minutes(
        meeting=meeting, author=bob, text="Bob's v2", based_on_id=first.pk
    )

    assert conflict.text == "Alice's v2"
    assert saved.is_conflict
    assert selectors.current_minutes(meeting=meeting).text == "Alice's v2"
    assert set(MinutesRevision.objects.values_list("text", flat=True)) == {
        "v1",
        "Alice's v2",
        "Bob's v2",
    }


def test_minutes_saved_on_the_latest_revision_become_current():
    meeting = MeetingFactory()
    first, _ = services.save_minutes(meeting=meeting, author=None, text="v1", based_on_id=None)

    saved, conflict = services.save_minutes(
        meeting=meeting, author=None, text="v2", based_on_id=first.pk
    )

    assert conflict is None
    assert selectors.current_minutes(meeting=meeting) == saved


def test_open_action_items_are_carried_to_the_next_meeting_until_done():
    workgroup = WorkgroupFactory()
    earlier = MeetingFactory(
        workgroup=workgroup, starts_at=timezone.now() - datetime.timedelta(days=30)
    )
    item = ActionItemFactory(workgroup=workgroup, meeting=earlier)
    done = ActionItemFactory(workgroup=workgroup, meeting=earlier)
    services.complete_action_item(item=done, actor=None)
    upcoming = MeetingFactory(workgroup=workgroup)

    carried = list(selectors.open_action_items(workgroup=workgroup, before=upcoming.starts_at))

    assert carried == [item]
    with pytest.raises(services.MeetingError):
        services.complete_action_item(item=done, actor=None)


def test_attendance_records_exactly_who_was_there():
    meeting = MeetingFactory()
    ann, ben, cal = UserFactory(), UserFactory(), UserFactory()
    services.record_attendance(meeting=meeting, actor=None, present=[ann, ben])

    services.record_attendance(meeting=meeting, actor=None, present=[ben, cal])

    assert selectors.attendance_ids(meeting=meeting) == {ben.pk, cal.pk}


def test_core_group_agenda_has_each_updates_since_the_last_meeting_and_flags_the_missing():
    core = WorkgroupFactory(name="Core Group", is_core_group=True)
    medicaid = WorkgroupFactory(name="Medicaid & Workforce")
    data = WorkgroupFactory(name="Data")
    WorkgroupFactory(name="Governance", status="dormant")
    now = timezone.now()
    MeetingFactory(workgroup=core, starts_at=now - datetime.timedelta(days=14))
    meeting = MeetingFactory(workgroup=core, starts_at=now + datetime.timedelta(hours=1))
    WorkgroupUpdateFactory(workgroup=data, created_at=now - datetime.timedelta(days=20))
    old = WorkgroupUpdateFactory(workgroup=medicaid, created_at=now - datetime.timedelta(days=5))
    latest = WorkgroupUpdateFactory(workgroup=medicaid, created_at=now - datetime.timedelta(days=1))

    slots = {
        slot.workgroup.name: slot.update for slot in selectors.core_group_agenda(meeting=meeting)
    }

    assert slots == {"Data": None, "Medicaid & Workforce": latest}
    assert old != latest


def test_meetings_for_calendar_are_those_of_the_persons_workgroups(coalition):
    mine = MeetingFactory(workgroup=coalition.workgroup)
    MeetingFactory(workgroup=coalition.other_workgroup)

    found = list(
        selectors.meetings_for_calendar(
            person=coalition.wg_member, since=timezone.now() - datetime.timedelta(days=1)
        )
    )

    assert found == [mine]
    assert Meeting.objects.count() == 2
