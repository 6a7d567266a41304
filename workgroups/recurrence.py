"""Meeting recurrence with python-dateutil's rrule (RFC 5545).

Occurrences are computed on naive local wall-clock times and only then put in
the series' zone, so a 6 pm meeting is at 6 pm before and after a
daylight-saving change.
"""

import datetime
import zoneinfo

from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, rrule, rrulestr

from workgroups.enums import Frequency, WeekOfMonth

WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# Legacy and technical names in the tz database that no person would pick.
_TECHNICAL_ZONES = ("Etc/", "SystemV/", "posix/", "right/", "US/", "Canada/", "Mexico/", "Brazil/")


def time_zone_choices():
    """Region/City time zones for a select, the coalition's own first."""
    from django.conf import settings

    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(_TECHNICAL_ZONES)
    )
    first = [settings.TIME_ZONE] if settings.TIME_ZONE in names else []
    ordered = first + [name for name in names if name not in first]
    return [(name, name.replace("_", " ")) for name in ordered]


def build_rule(*, frequency: str, weekday: int, week_of_month: int | None = None) -> str:
    """The RRULE for a frequency, e.g. 'FREQ=MONTHLY;BYDAY=+2TU'."""
    day = WEEKDAYS[weekday]
    # Naive on purpose: rules work on local wall-clock time; only the RRULE line is kept.
    start = datetime.datetime(2000, 1, 1)  # noqa: DTZ001
    if frequency == Frequency.WEEKLY:
        rule = rrule(WEEKLY, byweekday=day, dtstart=start)
    elif frequency == Frequency.BIWEEKLY:
        rule = rrule(WEEKLY, interval=2, byweekday=day, dtstart=start)
    elif frequency == Frequency.MONTHLY:
        rule = rrule(MONTHLY, byweekday=day(week_of_month or WeekOfMonth.FIRST), dtstart=start)
    else:
        raise ValueError(f"Unknown frequency {frequency!r}")
    return str(rule).split("RRULE:", 1)[1]


def parse_rule(rule: str) -> dict:
    """The form's view of a rule: frequency, weekday, week_of_month."""
    parsed = rrulestr(f"RRULE:{rule}", dtstart=datetime.datetime(2000, 1, 1))  # noqa: DTZ001
    weekday_rule = next(iter(parsed._byweekday or ()), None)
    nth = parsed._bynweekday[0] if parsed._bynweekday else None
    if parsed._freq == MONTHLY and nth:
        return {"frequency": Frequency.MONTHLY, "weekday": nth[0], "week_of_month": nth[1]}
    frequency = Frequency.BIWEEKLY if parsed._interval == 2 else Frequency.WEEKLY
    return {"frequency": frequency, "weekday": weekday_rule, "week_of_month": None}


def describe_rule(rule: str) -> str:
    parts = parse_rule(rule)
    day = WEEKDAY_NAMES[parts["weekday"]]
    if parts["frequency"] == Frequency.MONTHLY:
        return f"Monthly on the {ORDINALS[parts['week_of_month']]} {day}"
    if parts["frequency"] == Frequency.BIWEEKLY:
        return f"Every other {day}"
    return f"Every {day}"


def occurrences(
    *,
    rule: str,
    starts_on: datetime.date,
    start_time: datetime.time,
    time_zone: str,
    until: datetime.date | None,
    after: datetime.datetime,
    before: datetime.datetime,
) -> list[datetime.datetime]:
    """Aware start times of the occurrences between two aware datetimes."""
    zone = zoneinfo.ZoneInfo(time_zone)
    dtstart = datetime.datetime.combine(starts_on, start_time)
    recurrence = rrulestr(f"RRULE:{rule}", dtstart=dtstart)
    if until is not None:
        recurrence = recurrence.replace(until=datetime.datetime.combine(until, datetime.time.max))
    # Compare in local wall-clock time, a day of margin either side for the
    # zone offset, then filter exactly once the times are aware.
    window_start = after.astimezone(zone).replace(tzinfo=None) - datetime.timedelta(days=1)
    window_end = before.astimezone(zone).replace(tzinfo=None) + datetime.timedelta(days=1)
    starts = [
        local.replace(tzinfo=zone)
        for local in recurrence.between(window_start, window_end, inc=True)
    ]
    return [start for start in starts if after <= start <= before]
