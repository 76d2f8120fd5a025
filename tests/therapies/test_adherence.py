"""Adherence on hand-computed examples, the way a pharmacist would count."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from therapies.adherence import (
    LATE,
    MISSED,
    TAKEN,
    DaysCovered,
    DoseAdherence,
    Logged,
    dose_adherence,
    infusion_adherence,
    infusion_schedule,
    period_days,
    proportion_of_days_covered,
    status_for,
)
from therapies.schedules import Schedule, expand_days

BERLIN = ZoneInfo("Europe/Berlin")
TWICE_DAILY = Schedule.from_dict({"kind": "daily", "times": ["08:00", "20:00"]})
JUNE_1 = date(2024, 6, 1)
JUNE_30 = date(2024, 6, 30)
AFTER_JUNE = datetime(2024, 7, 1, 12, tzinfo=UTC)


def june_doses():
    return expand_days(TWICE_DAILY, JUNE_1, None, JUNE_1, JUNE_30, BERLIN)


def test_twice_daily_60_due_51_taken_in_window_is_85_percent():
    doses = june_doses()
    assert len(doses) == 60
    logs = {d: Logged(TAKEN, d + timedelta(minutes=30)) for d in doses[:51]}
    result = dose_adherence(doses, logs, TWICE_DAILY.window, AFTER_JUNE)
    assert result == DoseAdherence(scheduled=60, taken_in_window=51, unlogged=9)
    assert result.percent == 85.0


def test_late_and_missed_doses_do_not_count_as_taken_in_window():
    doses = june_doses()
    logs = {d: Logged(TAKEN, d - timedelta(minutes=5)) for d in doses[:48]}
    logs.update({d: Logged(LATE, d + timedelta(hours=3)) for d in doses[48:54]})
    logs.update({d: Logged(MISSED) for d in doses[54:58]})
    logs[doses[58]] = Logged(TAKEN, doses[58] + timedelta(hours=2))  # the window's edge counts
    result = dose_adherence(doses, logs, TWICE_DAILY.window, AFTER_JUNE)
    assert result == DoseAdherence(
        scheduled=60, taken_in_window=49, taken_outside_window=6, missed=4, unlogged=1
    )
    assert result.percent == pytest.approx(81.7)


def test_a_dose_whose_window_is_open_counts_only_once_logged():
    doses = june_doses()[:2]  # 1 June 08:00 and 20:00 local
    morning_plus_one_hour = doses[0] + timedelta(hours=1)
    assert dose_adherence(doses, {}, TWICE_DAILY.window, morning_plus_one_hour).scheduled == 0
    logs = {doses[0]: Logged(TAKEN, doses[0])}
    result = dose_adherence(doses, logs, TWICE_DAILY.window, morning_plus_one_hour)
    assert (result.scheduled, result.percent) == (1, 100.0)
    later = doses[0] + timedelta(hours=2, minutes=1)
    assert dose_adherence(doses, {}, TWICE_DAILY.window, later).unlogged == 1


def test_nothing_due_gives_no_percentage_rather_than_zero():
    assert dose_adherence([], {}, timedelta(hours=2), AFTER_JUNE).percent is None
    assert DaysCovered().percent is None


def test_pdc_twice_daily_counts_each_dose_as_half_a_day():
    doses = june_doses()
    # 51 taken, 9 not: 25.5 days of 30 covered, whatever the timing.
    logs = {d: Logged(TAKEN, d + timedelta(hours=5)) for d in doses[:51]}
    pdc = proportion_of_days_covered(doses, logs, BERLIN, JUNE_1, JUNE_30)
    assert (pdc.days_covered, pdc.days, pdc.percent) == (25.5, 30, 85.0)


def test_pdc_weekly_injection_covers_the_week_and_is_cut_at_the_period_edges():
    weekly = Schedule.from_dict({"kind": "every_n_days", "interval": 7})
    start = date(2024, 5, 27)  # Monday
    doses = expand_days(weekly, start, None, start, date(2024, 7, 7), BERLIN)
    taken = {d: Logged(TAKEN, d) for d in doses}
    del taken[doses[2]]  # 10 June not taken: 10-16 June uncovered
    pdc = proportion_of_days_covered(doses, taken, BERLIN, JUNE_1, JUNE_30)
    # 27 May's dose covers 1-2 June (2 days); 3 June: 7; 17 and 24 June: 14; 10 June: 0.
    assert (pdc.days_covered, pdc.days) == (23, 30)
    assert pdc.percent == pytest.approx(76.7)


def test_pdc_three_times_weekly_each_dose_covers_until_the_next():
    s = Schedule.from_dict({"kind": "weekdays", "weekdays": ["mon", "wed", "fri"]})
    first, last = date(2024, 6, 3), date(2024, 6, 9)  # Mon..Sun
    doses = expand_days(s, first, None, first, date(2024, 6, 10), BERLIN)
    logs = {doses[0]: Logged(TAKEN, doses[0]), doses[2]: Logged(TAKEN, doses[2])}  # Mon, Fri
    pdc = proportion_of_days_covered(doses, logs, BERLIN, first, last)
    assert (pdc.days_covered, pdc.days) == (5, 7)  # Mon-Tue and Fri-Sun


def test_infusions_given_on_time_late_and_overdue():
    six_monthly = Schedule.from_dict({"kind": "monthly", "interval": 6, "loading_days": [0, 14]})
    start = date(2022, 1, 10)
    now = datetime(2024, 3, 1, 12, tzinfo=UTC)
    doses = expand_days(six_monthly, start, None, start, date(2024, 12, 31), BERLIN)
    # 10 Jan 22, 24 Jan 22, 10 Jul 22, 10 Jan 23, 10 Jul 23, 10 Jan 24, 10 Jul 24
    logs = {
        doses[0]: Logged(TAKEN, doses[0]),
        doses[1]: Logged(TAKEN, doses[1] + timedelta(days=1)),
        doses[2]: Logged(TAKEN, doses[2] + timedelta(days=13)),
        doses[3]: Logged(TAKEN, doses[3] + timedelta(days=20)),
        doses[4]: Logged(MISSED),
    }
    rows = infusion_schedule(doses, logs, six_monthly.window, now, BERLIN)
    assert [(r.state, r.days_overdue) for r in rows] == [
        ("given", 0),
        ("given", 1),
        ("given", 13),
        ("given_late", 20),
        ("missed", 235),  # 10 Jul 2023 to 1 Mar 2024
        ("overdue", 51),  # 10 Jan 2024, window closed 24 Jan, not given
        ("upcoming", 0),
    ]
    result = infusion_adherence(rows, six_monthly.window, now)
    assert (result.scheduled, result.taken_in_window, result.percent) == (6, 3, 50.0)


def test_an_infusion_inside_its_window_is_due_not_overdue():
    s = Schedule.from_dict({"kind": "monthly", "interval": 6})
    due = expand_days(s, date(2024, 1, 10), None, date(2024, 1, 10), date(2024, 1, 10), BERLIN)
    rows = infusion_schedule(due, {}, s.window, due[0] + timedelta(days=5), BERLIN)
    assert (rows[0].state, rows[0].days_overdue) == ("due", 5)
    assert infusion_adherence(rows, s.window, due[0] + timedelta(days=5)).scheduled == 0


def test_status_from_time_taken():
    at = datetime(2024, 6, 1, 6, tzinfo=UTC)
    window = timedelta(hours=2)
    assert status_for(at, at + timedelta(hours=2), window) == TAKEN
    assert status_for(at, at + timedelta(hours=2, seconds=1), window) == LATE
    assert status_for(at, at - timedelta(hours=5), window) == TAKEN


@pytest.mark.parametrize(
    ("days", "start", "stop", "expected"),
    [
        (30, date(2024, 1, 1), None, (date(2024, 6, 1), JUNE_30)),
        (30, date(2024, 6, 20), None, (date(2024, 6, 20), JUNE_30)),  # before start ignored
        (30, date(2024, 1, 1), date(2024, 6, 10), (date(2024, 6, 1), date(2024, 6, 10))),
        (30, date(2024, 1, 1), date(2024, 5, 31), None),  # stopped before the period
        (30, date(2024, 7, 5), None, None),  # starts later
        (365, date(2024, 1, 1), None, (date(2024, 1, 1), JUNE_30)),
    ],
)
def test_period_ignores_days_before_start_and_after_stop(days, start, stop, expected):
    assert period_days(JUNE_30, days, start, stop) == expected


def test_overall_is_pooled_over_courses():
    a = DoseAdherence(scheduled=60, taken_in_window=51, unlogged=9)
    b = DoseAdherence(scheduled=2, taken_in_window=2)
    assert (a + b).percent == pytest.approx(85.5)
