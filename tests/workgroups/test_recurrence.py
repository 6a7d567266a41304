import datetime
import zoneinfo

from workgroups import recurrence
from workgroups.enums import Frequency

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
UTC = datetime.UTC


def test_monthly_on_the_second_tuesday():
    rule = recurrence.build_rule(frequency=Frequency.MONTHLY, weekday=1, week_of_month=2)

    starts = recurrence.occurrences(
        rule=rule,
        starts_on=datetime.date(2026, 1, 1),
        start_time=datetime.time(18, 0),
        time_zone="America/Chicago",
        until=None,
        after=datetime.datetime(2026, 1, 1, tzinfo=UTC),
        before=datetime.datetime(2026, 4, 30, tzinfo=UTC),
    )

    assert rule == "FREQ=MONTHLY;BYDAY=+2TU"
    assert [start.date() for start in starts] == [
        datetime.date(2026, 1, 13),
        datetime.date(2026, 2, 10),
        datetime.date(2026, 3, 10),
        datetime.date(2026, 4, 14),
    ]


def test_wall_clock_time_holds_across_daylight_saving_changes():
    rule = recurrence.build_rule(frequency=Frequency.MONTHLY, weekday=1, week_of_month=2)

    starts = recurrence.occurrences(
        rule=rule,
        starts_on=datetime.date(2026, 1, 1),
        start_time=datetime.time(18, 0),
        time_zone="America/Chicago",
        until=None,
        after=datetime.datetime(2026, 1, 1, tzinfo=UTC),
        before=datetime.datetime(2026, 12, 31, tzinfo=UTC),
    )

    local_times = {start.astimezone(CHICAGO).time() for start in starts}
    utc_hours = {start.astimezone(UTC).hour for start in starts}
    assert local_times == {datetime.time(18, 0)}
    assert utc_hours == {0, 23}  # 6 pm CST is 00:00 UTC, 6 pm CDT is 23:00 UTC
    march = next(start for start in starts if start.month == 3)
    november = next(start for start in starts if start.month == 11)
    assert march.astimezone(UTC).hour == 23  # after the change on 8 March
    assert november.astimezone(UTC).hour == 0  # after the change on 1 November


def test_every_other_wednesday_and_an_end_date():
    rule = recurrence.build_rule(frequency=Frequency.BIWEEKLY, weekday=2)

    starts = recurrence.occurrences(
        rule=rule,
        starts_on=datetime.date(2026, 11, 4),
        start_time=datetime.time(12, 0),
        time_zone="America/Chicago",
        until=datetime.date(2026, 12, 16),
        after=datetime.datetime(2026, 11, 1, tzinfo=UTC),
        before=datetime.datetime(2027, 3, 1, tzinfo=UTC),
    )

    assert [start.day for start in starts] == [4, 18, 2, 16]


def test_rules_read_back_into_the_forms_terms():
    rule = recurrence.build_rule(frequency=Frequency.MONTHLY, weekday=3, week_of_month=-1)

    assert recurrence.parse_rule(rule) == {
        "frequency": Frequency.MONTHLY,
        "weekday": 3,
        "week_of_month": -1,
    }
    assert recurrence.describe_rule(rule) == "Monthly on the last Thursday"
    assert recurrence.describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE") == "Every other Wednesday"
