"""Assembling iCalendar files from the apps' events."""

from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event


def calendar_response(events: Iterable[Event], *, name: str, filename: str) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.COALITION_SHORT_NAME} Hub//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    # A VTIMEZONE for every TZID the events use, as RFC 5545 asks.
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
