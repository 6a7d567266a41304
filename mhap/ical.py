"""Assembling iCalendar files from the apps' events."""

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event


def calendar_bytes(events: Iterable[Event], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.COALITION_SHORT_NAME} Hub//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    # A VTIMEZONE for every TZID the events use, as RFC 5545 asks.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def simple_event(*, uid: str, starts_at, ends_at, summary: str, url: str, location: str = ""):
    """A VEVENT for an event without a calendar of its own (a summit, a session)."""
    event = Event()
    event.add("uid", f"{uid}@mhap-hub")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", summary)
    event.add("url", url)
    if location:
        event.add("location", location)
    return event


def calendar_response(events: Iterable[Event], *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar_bytes(events, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
