"""The pure "next fire time" rules, across the daylight-saving changes of 2025.

A patient's 20:00 reminder stays at 20:00 on their wall clock on both sides
of each change; a time skipped by the spring-forward jump fires once at the
first valid minute after it; a time repeated by the fall-back change fires
once, the first time round.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mstracker.reminders.schedule import (
    EVERY_DAY,
    in_quiet_hours,
    mask_weekdays,
    next_fire,
    weekday_mask,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def fires(local_time, tz, start, count, **kwargs):
    """``count`` consecutive fire instants after ``start``, each computed from the last."""
    out, after = [], start
    for _ in range(count):
        fire = next_fire(local_time, tz, after, **kwargs)
        out.append(fire)
        after = fire.at
    return out


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("tz", "first_day", "expected_utc"),
    [
        # Berlin springs forward on 30 March 2025: CET (+1) then CEST (+2).
        (
            BERLIN,
            date(2025, 3, 29),
            [utc(2025, 3, 29, 19), utc(2025, 3, 30, 18), utc(2025, 3, 31, 18)],
        ),
        # Berlin falls back on 26 October 2025: CEST then CET.
        (
            BERLIN,
            date(2025, 10, 25),
            [utc(2025, 10, 25, 18), utc(2025, 10, 26, 19), utc(2025, 10, 27, 19)],
        ),
        # New York springs forward on 9 March 2025: EST (-5) then EDT (-4).
        (
            NEW_YORK,
            date(2025, 3, 8),
            [utc(2025, 3, 9, 1), utc(2025, 3, 10, 0), utc(2025, 3, 11, 0)],
        ),
        # New York falls back on 2 November 2025: EDT then EST.
        (
            NEW_YORK,
            date(2025, 11, 1),
            [utc(2025, 11, 2, 0), utc(2025, 11, 3, 1), utc(2025, 11, 4, 1)],
        ),
    ],
)
def test_a_20_00_reminder_stays_at_20_00_local_across_the_change(tz, first_day, expected_utc):
    start = datetime.combine(first_day, time(12), tzinfo=tz)
    got = fires(time(20), tz, start, 3)
    assert [f.at for f in got] == expected_utc
    for offset, fire in enumerate(got):
        local = fire.at.astimezone(tz)
        assert (local.date(), local.time()) == (first_day + timedelta(days=offset), time(20))
        assert fire.slot == f"{first_day + timedelta(days=offset)}T20:00"


def test_new_york_20_00_on_the_change_days_themselves():
    """The issue's dates: 2025-03-09 and 2025-11-02 at 20:00 New York time."""
    for day in (date(2025, 3, 9), date(2025, 11, 2)):
        fire = next_fire(time(20), NEW_YORK, datetime.combine(day, time(0), tzinfo=NEW_YORK))
        assert fire.at.astimezone(NEW_YORK).replace(tzinfo=None) == datetime.combine(day, time(20))


@pytest.mark.parametrize(
    ("tz", "day", "first_valid_utc"),
    [
        (BERLIN, date(2025, 3, 30), utc(2025, 3, 30, 1)),  # 03:00 CEST
        (NEW_YORK, date(2025, 3, 9), utc(2025, 3, 9, 7)),  # 03:00 EDT
    ],
)
def test_a_time_skipped_by_spring_forward_fires_once_at_the_first_valid_minute(
    tz, day, first_valid_utc
):
    start = datetime.combine(day - timedelta(days=2), time(12), tzinfo=tz)
    before, on_the_day, after = fires(time(2, 30), tz, start, 3)
    assert before.at.astimezone(tz).time() == time(2, 30)
    assert on_the_day.at == first_valid_utc
    assert on_the_day.at.astimezone(tz).time() == time(3, 0)
    assert on_the_day.slot == f"{day}T02:30"
    assert after.at.astimezone(tz).replace(tzinfo=None) == datetime.combine(
        day + timedelta(days=1), time(2, 30)
    )


@pytest.mark.parametrize(
    ("tz", "day", "local_time", "first_occurrence_utc"),
    [
        (BERLIN, date(2025, 10, 26), time(2, 30), utc(2025, 10, 26, 0, 30)),  # 02:30 CEST
        (NEW_YORK, date(2025, 11, 2), time(1, 30), utc(2025, 11, 2, 5, 30)),  # 01:30 EDT
    ],
)
def test_a_time_repeated_by_fall_back_fires_once_the_first_time_round(
    tz, day, local_time, first_occurrence_utc
):
    start = datetime.combine(day - timedelta(days=2), time(12), tzinfo=tz)
    _, on_the_day, next_day = fires(local_time, tz, start, 3)
    assert on_the_day.at == first_occurrence_utc
    # The second 02:30 (an hour later) is not a fire: the next one is tomorrow.
    assert next_day.local_date == day + timedelta(days=1)
    assert next_day.at - on_the_day.at == timedelta(hours=25)


def test_next_fire_is_strictly_after_the_given_instant():
    at = datetime(2025, 6, 2, 20, 0, tzinfo=BERLIN)
    assert next_fire(time(20), BERLIN, at).local_date == date(2025, 6, 3)
    assert next_fire(time(20), BERLIN, at - timedelta(seconds=1)).local_date == date(2025, 6, 2)


def test_weekdays_pick_the_next_chosen_day():
    sunday = weekday_mask([6])
    monday_noon = datetime(2025, 6, 2, 12, tzinfo=BERLIN)  # a Monday
    fire = next_fire(time(18), BERLIN, monday_noon, weekdays=sunday)
    assert fire.local_date == date(2025, 6, 8)
    assert mask_weekdays(weekday_mask([0, 2, 4])) == (0, 2, 4)
    assert next_fire(time(18), BERLIN, monday_noon, weekdays=0) is None


def test_monthly_fires_on_the_day_or_the_months_last_day():
    after = datetime(2025, 1, 31, 12, tzinfo=BERLIN)
    got = fires(time(10), BERLIN, after, 3, month_day=31)
    assert [f.local_date for f in got] == [date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]
    first = next_fire(time(10), BERLIN, datetime(2025, 3, 1, 9, tzinfo=BERLIN), month_day=1)
    assert first.local_date == date(2025, 3, 1)


@pytest.mark.parametrize(
    ("moment", "start", "end", "quiet"),
    [
        (time(23), time(22), time(7), True),
        (time(6, 59), time(22), time(7), True),
        (time(7), time(22), time(7), False),
        (time(21, 59), time(22), time(7), False),
        (time(13), time(12), time(14), True),
        (time(14), time(12), time(14), False),
        (time(13), None, time(14), False),
        (time(13), time(13), time(13), False),
    ],
)
def test_quiet_hours_include_the_start_and_exclude_the_end(moment, start, end, quiet):
    assert in_quiet_hours(moment, start, end) is quiet


ZONES = st.sampled_from(
    ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata"]
)


@given(
    zone=ZONES,
    start=st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 1, 1)),
    local_time=st.times(),
)
def test_every_day_gets_exactly_one_fire_in_any_zone(zone, start, local_time):
    """Property: consecutive fires are one per local day, in order, never at the same instant."""
    tz = ZoneInfo(zone)
    local_time = local_time.replace(second=0, microsecond=0)
    got = fires(local_time, tz, start.replace(tzinfo=UTC), 5)
    days = [f.local_date for f in got]
    assert days == [days[0] + timedelta(days=n) for n in range(5)]
    assert all(b.at > a.at for a, b in zip(got, got[1:], strict=False))
    for fire in got:
        chosen = datetime.combine(fire.local_date, local_time)
        wall = fire.at.astimezone(tz).replace(tzinfo=None)
        if wall != chosen:
            # The chosen time was skipped: the fire is the first valid instant after it.
            assert wall > chosen
            assert (fire.at - timedelta(seconds=1)).astimezone(tz).replace(tzinfo=None) < chosen


def test_every_day_mask_has_seven_days():
    assert mask_weekdays(EVERY_DAY) == tuple(range(7))
