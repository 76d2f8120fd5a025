"""Schedule expansion: each kind on hand-checked dates, across DST and month ends."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from mstracker.wallclock import add_months, local_to_utc
from therapies.schedules import (
    Schedule,
    ScheduleError,
    expand,
    expand_days,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def local(instants, tz):
    return [i.astimezone(tz).strftime("%Y-%m-%d %H:%M") for i in instants]


def test_twice_daily_at_eight_and_twenty_local():
    s = Schedule.from_dict({"kind": "daily", "times": ["20:00", "08:00"]})
    doses = expand_days(s, date(2024, 5, 1), None, date(2024, 5, 1), date(2024, 5, 2), BERLIN)
    assert local(doses, BERLIN) == [
        "2024-05-01 08:00",
        "2024-05-01 20:00",
        "2024-05-02 08:00",
        "2024-05-02 20:00",
    ]
    assert doses[0] == utc(2024, 5, 1, 6)  # CEST is UTC+2


def test_three_times_weekly_on_chosen_weekdays():
    s = Schedule.from_dict({"kind": "weekdays", "weekdays": ["mon", "wed", "fri"]})
    doses = expand_days(s, date(2024, 5, 1), None, date(2024, 5, 1), date(2024, 5, 12), BERLIN)
    assert [d.astimezone(BERLIN).strftime("%a %d") for d in doses] == [
        "Wed 01",
        "Fri 03",
        "Mon 06",
        "Wed 08",
        "Fri 10",
    ]


def test_every_other_day_counts_from_the_start():
    s = Schedule.from_dict({"kind": "every_n_days", "interval": 2, "times": ["21:00"]})
    doses = expand_days(s, date(2024, 4, 29), None, date(2024, 5, 1), date(2024, 5, 6), BERLIN)
    assert [d.astimezone(BERLIN).day for d in doses] == [1, 3, 5]


def test_every_14_days_from_the_start_keeps_local_time_across_dst():
    s = Schedule.from_dict({"kind": "every_n_days", "interval": 14, "times": ["19:00"]})
    doses = expand_days(s, date(2024, 3, 20), None, date(2024, 3, 1), date(2024, 4, 30), BERLIN)
    assert local(doses, BERLIN) == ["2024-03-20 19:00", "2024-04-03 19:00", "2024-04-17 19:00"]
    assert [d.hour for d in doses] == [18, 17, 17]  # UTC+1 before 31 March, UTC+2 after


def test_six_monthly_infusion_after_split_first_dose_across_month_ends():
    s = Schedule.from_dict({"kind": "monthly", "interval": 6, "loading_days": [0, 14]})
    doses = expand_days(s, date(2023, 8, 31), None, date(2023, 1, 1), date(2025, 12, 31), BERLIN)
    assert [d.astimezone(BERLIN).date().isoformat() for d in doses] == [
        "2023-08-31",
        "2023-09-14",
        "2024-02-29",  # leap year: the 31st becomes the month's last day
        "2024-08-31",
        "2025-02-28",
        "2025-08-31",
    ]
    assert s.window == timedelta(days=14)


def test_ofatumumab_weeks_0_1_2_then_monthly():
    s = Schedule.from_dict({"kind": "monthly", "interval": 1, "loading_days": [0, 7, 14]})
    doses = expand_days(s, date(2024, 1, 8), None, date(2024, 1, 1), date(2024, 4, 30), BERLIN)
    assert [d.astimezone(BERLIN).date().isoformat() for d in doses] == [
        "2024-01-08",
        "2024-01-15",
        "2024-01-22",
        "2024-02-08",
        "2024-03-08",
        "2024-04-08",
    ]


def test_yearly_treatment_courses_only_on_their_days():
    alemtuzumab = Schedule.from_dict(
        {"kind": "courses", "loading_days": [0, 1, 2, 3, 4, 365, 366, 367]}
    )
    doses = expand_days(
        alemtuzumab, date(2023, 1, 9), None, date(2022, 1, 1), date(2026, 1, 1), BERLIN
    )
    assert [d.astimezone(BERLIN).date().isoformat() for d in doses] == [
        "2023-01-09",
        "2023-01-10",
        "2023-01-11",
        "2023-01-12",
        "2023-01-13",
        "2024-01-09",
        "2024-01-10",
        "2024-01-11",
    ]


def test_mitoxantrone_stops_at_its_lifetime_dose_limit():
    s = Schedule.from_dict({"kind": "monthly", "interval": 3, "max_doses": 11})
    doses = expand_days(s, date(2020, 1, 15), None, date(2020, 1, 1), date(2030, 1, 1), BERLIN)
    assert len(doses) == 11
    assert doses[-1].astimezone(BERLIN).date() == date(2022, 7, 15)
    later = expand_days(s, date(2020, 1, 15), None, date(2022, 8, 1), date(2030, 1, 1), BERLIN)
    assert later == []


def test_stopping_a_course_stops_expected_doses_after_the_last_day():
    s = Schedule.from_dict({"kind": "daily", "times": ["08:00", "20:00"]})
    doses = expand_days(
        s, date(2024, 5, 1), date(2024, 5, 3), date(2024, 4, 1), date(2024, 6, 1), BERLIN
    )
    assert len(doses) == 6
    assert doses[-1].astimezone(BERLIN).date() == date(2024, 5, 3)
    assert expand_days(s, date(2024, 5, 1), None, date(2024, 4, 1), date(2024, 4, 30), BERLIN) == []


@pytest.mark.parametrize(
    ("tz", "day", "expected_local", "expected_utc"),
    [
        # Clocks spring forward 02:00 → 03:00: 02:30 does not exist, the dose is at 03:00.
        (BERLIN, date(2024, 3, 31), "03:00", utc(2024, 3, 31, 1)),
        (NEW_YORK, date(2024, 3, 10), "03:00", utc(2024, 3, 10, 7)),
    ],
)
def test_a_skipped_wall_clock_time_moves_to_the_change(tz, day, expected_local, expected_utc):
    s = Schedule.from_dict({"kind": "daily", "times": ["02:30"]})
    doses = expand_days(s, day - timedelta(days=1), None, day, day, tz)
    assert doses == [expected_utc]
    assert doses[0].astimezone(tz).strftime("%H:%M") == expected_local


@pytest.mark.parametrize(
    ("tz", "day"), [(BERLIN, date(2024, 3, 31)), (NEW_YORK, date(2024, 3, 10))]
)
def test_doses_two_hours_apart_stay_distinct_on_spring_forward_day(tz, day):
    s = Schedule.from_dict({"kind": "daily", "times": ["02:00", "04:00", "06:00"]})
    doses = expand_days(s, day, None, day, day, tz)
    assert [d.astimezone(tz).strftime("%H:%M") for d in doses] == ["03:00", "04:00", "06:00"]


@pytest.mark.parametrize(
    ("tz", "day", "at", "first_occurrence"),
    [
        (BERLIN, date(2024, 10, 27), "02:30", utc(2024, 10, 27, 0, 30)),
        (NEW_YORK, date(2024, 11, 3), "01:30", utc(2024, 11, 3, 5, 30)),
    ],
)
def test_a_repeated_wall_clock_time_is_due_once(tz, day, at, first_occurrence):
    s = Schedule.from_dict({"kind": "daily", "times": [at]})
    assert expand_days(s, day, None, day, day, tz) == [first_occurrence]


@pytest.mark.parametrize(
    ("tz", "first", "last"),
    [
        (BERLIN, date(2024, 3, 29), date(2024, 4, 2)),
        (BERLIN, date(2024, 10, 25), date(2024, 10, 29)),
        (NEW_YORK, date(2024, 3, 8), date(2024, 3, 12)),
        (NEW_YORK, date(2024, 11, 1), date(2024, 11, 5)),
    ],
)
def test_twice_daily_stays_at_local_times_through_dst(tz, first, last):
    s = Schedule.from_dict({"kind": "daily", "times": ["08:00", "20:00"]})
    doses = expand_days(s, date(2024, 1, 1), None, first, last, tz)
    assert len(doses) == 10
    assert {d.astimezone(tz).strftime("%H:%M") for d in doses} == {"08:00", "20:00"}


def test_a_range_of_instants_is_half_open():
    s = Schedule.from_dict({"kind": "daily", "times": ["08:00"]})
    start = utc(2024, 5, 1, 6)  # 08:00 Berlin
    assert expand(s, date(2024, 1, 1), None, start, start + timedelta(days=1), BERLIN) == [start]
    assert expand(s, date(2024, 1, 1), None, start + timedelta(seconds=1), start, BERLIN) == []


def test_naive_range_is_refused():
    s = Schedule.from_dict({"kind": "daily"})
    with pytest.raises(ValueError, match="aware"):
        expand(s, date(2024, 1, 1), None, datetime(2024, 1, 1), datetime(2024, 1, 2), BERLIN)


def test_local_to_utc_on_a_normal_day():
    assert local_to_utc(date(2024, 1, 15), time(8), BERLIN) == utc(2024, 1, 15, 7)


def plain_local_to_utc(day, at, tz):
    """``local_to_utc`` as first written (round trip through naive datetimes), the oracle."""
    naive = datetime.combine(day, at)
    instant = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) == naive:
        return instant
    low = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    after = instant.astimezone(tz).utcoffset()
    lo, hi = 0, int((instant - low).total_seconds())
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if (low + timedelta(seconds=mid)).astimezone(tz).utcoffset() == after:
            hi = mid
        else:
            lo = mid
    return low + timedelta(seconds=hi)


@pytest.mark.parametrize(
    "zone",
    [
        "Europe/Berlin",
        "America/New_York",
        "Australia/Lord_Howe",  # half-hour changes
        "Pacific/Apia",  # skipped 30 December 2011
        "America/Santiago",  # changes at midnight
        "Europe/Dublin",  # "negative" DST in the zone data
        "Asia/Tehran",
    ],
)
def test_local_to_utc_agrees_with_the_plain_round_trip_around_every_change(zone):
    """Every quarter hour of the days around each change of 2011-2025 (and a time
    that carries ``fold=1``): the same instant as the plain round trip."""
    tz = ZoneInfo(zone)
    day, checked = date(2011, 1, 1), 0
    while day < date(2026, 1, 1):
        midnight = local_to_utc(day, time(0), tz)
        if (
            midnight.astimezone(tz).utcoffset()
            != (midnight + timedelta(days=1)).astimezone(tz).utcoffset()
        ):
            for near in (day - timedelta(days=1), day, day + timedelta(days=1)):
                for minutes in range(0, 24 * 60, 15):
                    for fold in (0, 1):
                        at = time(minutes // 60, minutes % 60, fold=fold)
                        assert local_to_utc(near, at, tz) == plain_local_to_utc(near, at, tz)
                        checked += 1
        day += timedelta(days=1)
    assert checked > 10_000


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 2, date(2024, 3, 31)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "fortnightly"}, "kind"),
        ({"kind": "daily", "times": []}, "times"),
        ({"kind": "daily", "times": ["25:00"]}, "times"),
        ({"kind": "daily", "times": ["08:00", "08:00"]}, "times"),
        ({"kind": "daily", "times": ["02:15", "02:45"]}, "times"),  # would meet in a DST gap
        ({"kind": "weekdays", "weekdays": []}, "weekdays"),
        ({"kind": "weekdays", "weekdays": ["funday"]}, "weekdays"),
        ({"kind": "every_n_days", "interval": 0}, "interval"),
        ({"kind": "monthly", "interval": 61}, "interval"),
        ({"kind": "courses"}, "loading_days"),
        ({"kind": "daily", "loading_days": [-1]}, "loading_days"),
        ({"kind": "daily", "window_hours": -1}, "window_hours"),
        ({"kind": "daily", "window_hours": "soon"}, "window_hours"),
        ({"kind": "daily", "max_doses": 3}, "max_doses"),
        ({"kind": "daily", "colour": "blue"}, "colour"),
        ("daily", "schedule"),
    ],
)
def test_bad_schedules_name_the_field_at_fault(data, field):
    with pytest.raises(ScheduleError) as caught:
        Schedule.from_dict(data)
    assert caught.value.field == field


def test_round_trip_and_description():
    data = {
        "kind": "weekdays",
        "weekdays": ["mon", "wed", "fri"],
        "times": ["20:00"],
        "window_hours": 24,
    }
    s = Schedule.from_dict(data)
    assert s.to_dict() == data
    assert s.describe() == "3× weekly (Mon, Wed and Fri) at 20:00"
    assert Schedule.from_dict({"kind": "daily", "times": ["08:00", "20:00"]}).describe() == (
        "Twice daily at 08:00 and 20:00"
    )
    assert Schedule.from_dict({"kind": "every_n_days", "interval": 28}).describe() == (
        "Every 4 weeks at 08:00"
    )


@pytest.mark.parametrize(
    ("data", "window"),
    [
        ({"kind": "daily", "times": ["08:00", "20:00"]}, timedelta(hours=2)),
        ({"kind": "daily"}, timedelta(hours=6)),
        ({"kind": "weekdays", "weekdays": [0, 2, 4]}, timedelta(days=1)),
        ({"kind": "every_n_days", "interval": 7}, timedelta(days=1)),
        ({"kind": "every_n_days", "interval": 14}, timedelta(days=3.5)),
        ({"kind": "every_n_days", "interval": 168}, timedelta(days=14)),
        ({"kind": "monthly", "interval": 6}, timedelta(days=14)),
    ],
)
def test_default_windows(data, window):
    assert Schedule.from_dict(data).window == window
