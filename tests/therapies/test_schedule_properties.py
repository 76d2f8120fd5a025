"""Properties of ``expand`` for every schedule kind, in zones with DST and across month ends.

Expanded doses are in range, sorted, unique and aware; over whole local days
their count equals what a plain day-by-day count of the schedule gives; and
splitting a range in two never loses or duplicates a dose.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from mstracker.wallclock import add_months
from therapies.schedules import (
    COURSES,
    DAILY,
    EVERY_N_DAYS,
    MONTHLY,
    WEEKDAYS,
    Schedule,
    expand,
    expand_days,
)

ZONES = [ZoneInfo(name) for name in ("Europe/Berlin", "America/New_York", "UTC")]
# Around the 2024 DST changes in both zones, and over several month ends.
DAYS = st.dates(min_value=date(2023, 12, 1), max_value=date(2025, 3, 31))
# Times of day at least two hours apart (what a schedule allows); minutes 0..1439.
TIMES = (
    st.lists(st.integers(0, 1439), min_size=1, max_size=4, unique=True)
    .filter(lambda ms: all(b - a >= 120 for a, b in zip(sorted(ms), sorted(ms)[1:], strict=False)))
    .map(lambda ms: [time(m // 60, m % 60) for m in ms])
)


@st.composite
def schedules(draw):
    kind = draw(st.sampled_from([DAILY, WEEKDAYS, EVERY_N_DAYS, MONTHLY, COURSES]))
    times = tuple(draw(TIMES))
    weekdays = tuple(draw(st.sets(st.integers(0, 6), min_size=1))) if kind == WEEKDAYS else ()
    interval = {EVERY_N_DAYS: draw(st.integers(1, 60)), MONTHLY: draw(st.integers(1, 12))}.get(
        kind, 1
    )
    loading = draw(st.sets(st.integers(0, 400), min_size=1 if kind == COURSES else 0, max_size=6))
    max_doses = draw(st.none() | st.integers(1, 20)) if kind in (EVERY_N_DAYS, MONTHLY) else None
    return Schedule(
        kind=kind,
        times=times,
        weekdays=weekdays,
        interval=interval,
        loading_days=tuple(loading),
        max_doses=max_doses,
    )


@st.composite
def courses(draw):
    start = draw(DAYS)
    stop = draw(st.none() | st.integers(0, 400).map(lambda n: start + timedelta(days=n)))
    return start, stop


def oracle_days(s, start, stop, first, last):
    """Dose dates counted the slow, obvious way: look at every day of the course."""
    days = set()
    series = []
    day = start
    end = last if stop is None else min(last, stop)
    if s.kind == MONTHLY:
        k = 1 if s.loading_days else 0
        while add_months(start, k * s.interval) <= end:
            series.append(add_months(start, k * s.interval))
            k += 1
    elif s.kind == EVERY_N_DAYS:
        k = 1 if s.loading_days else 0
        while start + timedelta(days=k * s.interval) <= end:
            series.append(start + timedelta(days=k * s.interval))
            k += 1
    if s.max_doses is not None:
        series = series[: max(0, s.max_doses - len(s.loading_days))]
    while day <= end:
        offset = (day - start).days
        if (
            offset in s.loading_days
            or s.kind == DAILY
            or (s.kind == WEEKDAYS and day.weekday() in s.weekdays)
            or day in series
        ) and day >= first:
            days.add(day)
        day += timedelta(days=1)
    return days


@settings(max_examples=300, deadline=None)
@given(
    schedules(),
    courses(),
    DAYS,
    st.integers(0, 120),
    st.sampled_from(ZONES),
)
def test_whole_days_are_sorted_unique_in_range_and_counted_right(s, course, first, span, tz):
    start, stop = course
    last = first + timedelta(days=span)
    doses = expand_days(s, start, stop, first, last, tz)

    assert doses == sorted(set(doses))
    assert all(d.tzinfo is not None for d in doses)
    local_days = [d.astimezone(tz).date() for d in doses]
    assert all(first <= d <= last for d in local_days)
    assert all(d >= start and (stop is None or d <= stop) for d in local_days)
    # Every dose day carries one dose per time of day (a skipped time moves, never vanishes).
    expected_days = oracle_days(s, start, stop, first, last)
    assert len(doses) == len(expected_days) * len(s.times)
    assert set(local_days) == expected_days


@settings(max_examples=200, deadline=None)
@given(
    schedules(),
    courses(),
    st.datetimes(min_value=datetime(2023, 12, 1), max_value=datetime(2025, 3, 31)),
    st.integers(0, 60 * 24 * 40),
    st.integers(0, 60 * 24 * 40),
    st.sampled_from(ZONES),
)
def test_any_range_of_instants_is_respected_and_splits_cleanly(s, course, at, m1, m2, tz):
    start, stop = course
    range_start = at.replace(tzinfo=UTC)
    middle = range_start + timedelta(minutes=m1)
    range_end = middle + timedelta(minutes=m2)
    whole = expand(s, start, stop, range_start, range_end, tz)

    assert all(range_start <= d < range_end for d in whole)
    assert whole == sorted(set(whole))
    left = expand(s, start, stop, range_start, middle, tz)
    right = expand(s, start, stop, middle, range_end, tz)
    assert left + right == whole


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 60), DAYS, st.integers(0, 365), st.sampled_from(ZONES))
def test_every_n_days_count_matches_the_interval(interval, start, span, tz):
    s = Schedule(kind=EVERY_N_DAYS, times=(time(9),), interval=interval)
    last = start + timedelta(days=span)
    doses = expand_days(s, start, None, start, last, tz)
    assert len(doses) == span // interval + 1
    dates = [d.astimezone(tz).date() for d in doses]
    gaps = {(b - a).days for a, b in zip(dates, dates[1:], strict=False)}
    assert gaps <= {interval}
