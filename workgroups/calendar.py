"""Meetings as iCalendar events (RFC 5545), for feeds and downloads."""

import datetime

from django.conf import settings
from icalendar import Event

from workgroups.enums import MeetingStatus
from workgroups.models import Meeting


def meeting_event(meeting: Meeting, *, stamp: datetime.datetime) -> Event:
    """One VEVENT. The uid never changes; a moved or cancelled meeting carries a
    higher SEQUENCE so calendar programs update the event they have."""
    zone = meeting.local_zone
    event = Event()
    event.add("uid", f"meeting-{meeting.uid}@mhap-hub")
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", f"{meeting.workgroup.name}: {meeting.title}")
    url = settings.SITE_URL + meeting.get_absolute_url()
    event.add("url", url)
    description = [f"Agenda and minutes: {url}"]
    if meeting.link:
        description.insert(0, f"Join: {meeting.link}")
        event.add("location", meeting.link)
    elif meeting.location:
        event.add("location", meeting.location)
    event.add("description", "\n".join(description))
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event
