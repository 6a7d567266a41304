"""Scheduling meetings, their minutes, attendance, action items and updates."""

import datetime
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateformat import format as date_format

from reminders.services import notify
from workgroups import recurrence
from workgroups.enums import MeetingStatus
from workgroups.models import (
    ActionItem,
    Attendance,
    Meeting,
    MeetingLink,
    MeetingSeries,
    Membership,
    MinutesRevision,
    Workgroup,
    WorkgroupUpdate,
)
from workgroups.reminder_kinds import MEETING_CHANGED


class MeetingError(Exception):
    pass


def horizon() -> datetime.datetime:
    """Occurrences exist as rows this far ahead (reminders and calendars read them)."""
    return timezone.now() + datetime.timedelta(days=settings.MEETING_HORIZON_DAYS)


def _slots(series: MeetingSeries, *, after: datetime.datetime) -> list[datetime.datetime]:
    return recurrence.occurrences(
        rule=series.rule,
        starts_on=series.starts_on,
        start_time=series.start_time,
        time_zone=series.time_zone,
        until=series.until,
        after=after,
        before=horizon(),
    )


def _series_start(series: MeetingSeries) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(series.time_zone)
    return datetime.datetime.combine(series.starts_on, datetime.time.min, tzinfo=zone)


@transaction.atomic
def schedule_series(*, workgroup: Workgroup, actor, **fields) -> MeetingSeries:
    series = MeetingSeries.objects.create(workgroup=workgroup, created_by=actor, **fields)
    extend_series(series=series)
    return series


@transaction.atomic
def extend_series(*, series: MeetingSeries) -> int:
    """Create the occurrences missing up to the horizon; returns how many."""
    after = max(_series_start(series), timezone.now() - datetime.timedelta(days=1))
    taken = set(
        Meeting.objects.filter(series=series, original_start__gte=after).values_list(
            "original_start", flat=True
        )
    )
    duration = datetime.timedelta(minutes=series.duration_minutes)
    new = [
        Meeting(
            workgroup=series.workgroup,
            series=series,
            title=series.title,
            starts_at=start,
            ends_at=start + duration,
            time_zone=series.time_zone,
            original_start=start,
            meeting_link=series.meeting_link,
        )
        for start in _slots(series, after=after)
        if start not in taken
    ]
    # A concurrent extension (beat, a series edit) may have made some already.
    Meeting.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def update_series(*, series: MeetingSeries, actor, **fields) -> MeetingSeries:
    """Change the series; its future occurrences that were not changed on their
    own move with it, keeping their identity (same uid, higher sequence)."""
    for name, value in fields.items():
        setattr(series, name, value)
    series.save(update_fields=list(fields))
    now = timezone.now()
    future = list(
        Meeting.objects.select_for_update()
        .filter(series=series, starts_at__gte=now, is_detached=False)
        .scheduled()
        .order_by("starts_at")
    )
    slots = _slots(series, after=max(now, _series_start(series)))
    # Free the slots first: the unique (series, original_start) must hold at
    # every step while occurrences trade places.
    Meeting.objects.filter(pk__in=[meeting.pk for meeting in future]).update(original_start=None)
    duration = datetime.timedelta(minutes=series.duration_minutes)
    detached_slots = set(
        Meeting.objects.filter(series=series, is_detached=True).values_list(
            "original_start", flat=True
        )
    )
    slots = [slot for slot in slots if slot not in detached_slots]
    for meeting, start in zip(future, slots, strict=False):
        meeting.starts_at, meeting.ends_at, meeting.original_start = start, start + duration, start
        meeting.title, meeting.time_zone = series.title, series.time_zone
        meeting.meeting_link = series.meeting_link
        meeting.sequence += 1
        meeting.save(
            update_fields=[
                "starts_at",
                "ends_at",
                "original_start",
                "title",
                "time_zone",
                "meeting_link",
                "sequence",
                "updated_at",
            ]
        )
    for meeting in future[len(slots) :]:
        # No slot left for it (an end date, a rarer rule): calendars are told.
        meeting.status = MeetingStatus.CANCELLED
        meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence", "updated_at"])
    extend_series(series=series)
    return series


@transaction.atomic
def schedule_meeting(
    *,
    workgroup: Workgroup,
    actor,
    title: str,
    starts_at: datetime.datetime,
    duration_minutes: int,
    time_zone: str,
    meeting_link: str = "",
    location: str = "",
    agenda: str = "",
) -> Meeting:
    return Meeting.objects.create(
        workgroup=workgroup,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=duration_minutes),
        time_zone=time_zone,
        meeting_link=meeting_link,
        location=location,
        agenda=agenda,
    )


@transaction.atomic
def edit_meeting(
    *,
    meeting: Meeting,
    actor,
    starts_at: datetime.datetime,
    duration_minutes: int,
    **fields,
) -> Meeting:
    """Edit one meeting. It is then detached from its series: a later change of
    the series leaves its time, title and link as they were set here. Moving a
    meeting still ahead tells its workgroup."""
    was = meeting.starts_at
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.starts_at = starts_at
    meeting.ends_at = starts_at + datetime.timedelta(minutes=duration_minutes)
    meeting.is_detached = True
    meeting.sequence += 1
    meeting.save()
    if starts_at != was and max(starts_at, was) > timezone.now() and not meeting.is_cancelled:
        _tell_workgroup(meeting, actor, what="moved", was=was)
    return meeting


def _tell_workgroup(meeting: Meeting, actor, *, what: str, was=None) -> None:
    """Its members hear that a meeting moved or was cancelled, in the
    meeting's own time zone."""

    def local(moment):
        return date_format(moment.astimezone(meeting.local_zone), "l j F, g:i A T")

    when = local(meeting.starts_at)
    who = actor.full_name if actor else "The workgroup"
    if what == "moved":
        subject = f"Moved: {meeting.workgroup.name}, {meeting.title}, now {when}"
        body = f"{who} moved the meeting from {local(was)} to {when}."
    else:
        subject = f"Cancelled: {meeting.workgroup.name}, {meeting.title}, {when}"
        body = f"{who} cancelled the meeting of {when}."
    members = Membership.objects.current().filter(workgroup=meeting.workgroup)
    notify(
        kind=MEETING_CHANGED.name,
        people=[
            m.person
            for m in members.select_related("person")
            if actor is None or m.person_id != actor.pk
        ],
        key=f"meeting_{what}:{meeting.pk}:{meeting.sequence}",
        subject=subject,
        body=body,
        path=meeting.get_absolute_url(),
    )


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, actor) -> Meeting:
    updated = Meeting.objects.filter(pk=meeting.pk, status=MeetingStatus.SCHEDULED).update(
        status=MeetingStatus.CANCELLED, sequence=F("sequence") + 1, is_detached=True
    )
    if not updated:
        raise MeetingError("This meeting is already cancelled.")
    meeting.refresh_from_db()
    if meeting.starts_at > timezone.now():
        _tell_workgroup(meeting, actor, what="cancelled")
    return meeting


@transaction.atomic
def save_minutes(
    *, meeting: Meeting, author, text: str, based_on_id: int | None
) -> tuple[MinutesRevision, MinutesRevision | None]:
    """Save a revision. Returns (the saved revision, the newer revision it
    conflicts with or None). A conflicting text is kept, never dropped."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one save at a time
    latest = (
        MinutesRevision.objects.filter(meeting=meeting, is_conflict=False)
        .order_by("-created_at", "-pk")
        .first()
    )
    conflict = latest is not None and latest.pk != based_on_id
    revision = MinutesRevision.objects.create(
        meeting=meeting,
        text=text,
        author=author,
        based_on_id=based_on_id,
        is_conflict=conflict,
    )
    return revision, (latest if conflict else None)


@transaction.atomic
def record_attendance(*, meeting: Meeting, actor, present: list) -> None:
    Attendance.objects.filter(meeting=meeting).exclude(person__in=present).delete()
    already = set(Attendance.objects.filter(meeting=meeting).values_list("person_id", flat=True))
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, person=person)
            for person in present
            if person.pk not in already
        ]
    )


@transaction.atomic
def add_action_item(
    *, workgroup: Workgroup, meeting: Meeting | None, actor, description: str, owner, due_on
) -> ActionItem:
    return ActionItem.objects.create(
        workgroup=workgroup,
        meeting=meeting,
        description=description,
        owner=owner,
        due_on=due_on,
        created_by=actor,
    )


@transaction.atomic
def complete_action_item(*, item: ActionItem, actor) -> ActionItem:
    updated = ActionItem.objects.filter(pk=item.pk, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=actor
    )
    if not updated:
        raise MeetingError("This action item is already done.")
    item.refresh_from_db()
    return item


@transaction.atomic
def post_update(
    *, workgroup: Workgroup, author, happened: str, next_steps: str, needs: str = ""
) -> WorkgroupUpdate:
    return WorkgroupUpdate.objects.create(
        workgroup=workgroup,
        author=author,
        happened=happened,
        next_steps=next_steps,
        needs=needs,
    )


@transaction.atomic
def link_page(*, meeting: Meeting, actor, title: str, path: str) -> MeetingLink:
    return MeetingLink.objects.create(meeting=meeting, title=title, path=path, added_by=actor)


@transaction.atomic
def unlink_page(*, link: MeetingLink, actor) -> None:
    link.delete()
