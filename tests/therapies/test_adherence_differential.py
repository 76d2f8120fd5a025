"""The adherence report against the implementation it replaced, on generated histories.

`therapies.services._report` was made linear (each course's doses expanded, dated
and matched to their logs once, periods cut from them) so ten years of doses cost
little. Its figures must not move: for every course type (self-administered with
windows, clinic-given infusions, PDC, stopped courses, fixed treatment days) in
zones with DST changes, a skipped day and a midnight change, each generated
history's report equals what the previous implementation, kept below as the
oracle, computes from the same courses and logs.
"""

import functools
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from therapies import adherence, services
from therapies.adherence import LATE, MISSED, TAKEN, DaysCovered, DoseAdherence, Logged
from therapies.models import Course, Drug
from therapies.schedules import Schedule, expand_days

ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # a half-hour DST change
    "Pacific/Apia",  # skipped 30 December 2011
    "America/Santiago",  # changes at midnight
    "Europe/Dublin",  # "negative" DST in the zone data
    "Asia/Kolkata",
    "UTC",
)
SEEDS = 240
SCHEDULES = (
    ({"kind": "daily", "times": ["08:00", "20:00"]}, False),
    ({"kind": "daily", "times": ["09:00"]}, False),
    ({"kind": "daily", "times": ["00:00", "02:30", "23:30"], "window_hours": 1}, False),
    ({"kind": "weekdays", "weekdays": ["mon", "wed", "fri"], "times": ["20:00"]}, False),
    ({"kind": "every_n_days", "interval": 2, "times": ["21:00"]}, False),
    ({"kind": "every_n_days", "interval": 14, "times": ["02:30"], "window_hours": 0}, False),
    ({"kind": "monthly", "interval": 1, "loading_days": [0, 7, 14], "times": ["08:00"]}, False),
    ({"kind": "courses", "loading_days": [0, 1, 2, 3, 4, 365, 366, 367]}, False),
    ({"kind": "every_n_days", "interval": 28, "times": ["10:00"]}, True),
    ({"kind": "monthly", "interval": 6, "loading_days": [0, 14], "window_hours": 336}, True),
    ({"kind": "every_n_days", "interval": 168, "loading_days": [0, 14], "max_doses": 5}, True),
    ({"kind": "courses", "loading_days": [0, 1, 2, 3, 4, 365, 366, 367]}, True),
)


def generated_history(seed):
    """(courses, logs, periods, today, now, tz) for one random patient."""
    rng = random.Random(seed)
    tz = ZoneInfo(rng.choice(ZONES))
    today = date(2010, 1, 1) + timedelta(days=rng.randrange(16 * 365))
    if str(tz) == "Pacific/Apia":  # histories around the day it skipped
        today = date(2011, 12, 20) + timedelta(days=rng.randrange(700))
    if rng.random() < 0.3:  # the dashboard's past range: the last instant of its day
        now = datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=tz)
        now -= timedelta(microseconds=1)
    else:
        now = datetime.combine(today, datetime.min.time(), tzinfo=tz) + timedelta(
            minutes=rng.randrange(24 * 60)
        )
    now = now.astimezone(UTC)
    long_history = rng.random() < 0.15
    periods = rng.choice(
        [adherence.PERIODS, (30,), (30, 90, 365, rng.randrange(1, 4000)), (7, 3650)]
    )
    courses, logs = [], {}
    for pk in range(1, rng.randint(1, 4) + 1):
        spec, clinic = rng.choice(SCHEDULES)
        drug = Drug(code=f"drug-{pk}", name=f"Drug {pk}", schedule=spec, clinic_administered=clinic)
        start = today - timedelta(days=rng.randrange(3700 if long_history else 800))
        stop = None
        if rng.random() < 0.5:
            stop = start + timedelta(days=rng.randrange((today - start).days + 60))
        course = Course(pk=pk, drug=drug, start=start, stop=stop, dose=1)
        courses.append(course)
        schedule = course.schedule
        window = schedule.window
        # The stop as entered may be ignored by a log made before it (a course shortened).
        for instant in expand_days(schedule, start, None, start, today + timedelta(days=3), tz):
            if instant > now + window:
                break
            logs[(pk, instant)] = random_log(rng, instant, window)
        for _ in range(rng.randrange(3)):  # logs of doses the schedule does not expect
            stray = datetime.combine(start, datetime.min.time(), tzinfo=tz).astimezone(UTC)
            stray += timedelta(minutes=rng.randrange(60 * 24 * 400))
            logs[(pk, stray)] = Logged(TAKEN, stray)
    courses.sort(key=lambda c: (c.start, c.pk))
    return courses, logs, periods, today, now, tz


def random_log(rng, instant, window):
    """Nothing, taken on time, early, late or at the window's edge, or missed."""
    roll = rng.random()
    if roll < 0.2:
        return None
    if roll < 0.3:
        return Logged(MISSED)
    if roll < 0.6:
        taken_at = instant + rng.uniform(-1, 1) * window
    elif roll < 0.7:
        taken_at = instant + rng.choice((window, -window))
    elif roll < 0.85:
        taken_at = instant + window + timedelta(minutes=rng.randrange(1, 60 * 24 * 20))
    else:
        taken_at = instant - window - timedelta(minutes=rng.randrange(1, 60 * 24 * 3))
    if rng.random() < 0.05:
        return Logged(LATE, None)  # a status without a time: not taken
    return Logged(adherence.status_for(instant, taken_at, window), taken_at)


@functools.cache
def case(seed):
    """A generated history (without its unlogged doses) and the oracle's report of it."""
    courses, logs, periods, today, now, tz = generated_history(seed)
    logs = {key: logged for key, logged in logs.items() if logged is not None}
    history = (courses, logs, periods, today, now, tz)
    return history, oracle_report(*history)


@pytest.mark.parametrize("seed", range(SEEDS))
def test_report_equals_the_previous_implementation(seed):
    history, expected = case(seed)
    assert services._report(*history) == expected


def test_the_generated_histories_reach_every_case():
    """The differential test above is only as good as its histories."""
    seen = Counter()
    for seed in range(SEEDS):
        (courses, _, _, today, _, tz), report = case(seed)
        for row in report.courses:
            seen["clinic" if row.clinic else "self"] += 1
            seen["stopped"] += row.course.stop is not None and row.course.stop < today
            for figures in row.periods:
                seen["pdc"] += figures.pdc is not None and figures.pdc.days > 0
                for name in ("taken_outside_window", "missed", "unlogged"):
                    seen[name] += getattr(figures.doses, name) > 0
            seen.update(infusion.state for infusion in row.infusions)
        seen["dropped"] += len(courses) - len(report.courses)
        seen[str(tz)] += 1
    for name in ("clinic", "self", "stopped", "pdc", "dropped", "taken_outside_window"):
        assert seen[name] >= 10, name
    for name in ("missed", "unlogged", "given", "given_late", "given_early", "overdue"):
        assert seen[name] >= 3, name
    assert all(seen[zone] >= 10 for zone in ZONES)


def test_coverage_follows_the_rule_with_a_local_date_out_of_order():
    """Were a zone's data ever to send a dose's local date back over midnight, PDC
    would still credit each dose by the rule (every dose visited, not a bisected run)."""
    schedule = Schedule.from_dict({"kind": "daily", "times": ["08:00", "20:00"]})
    tz = ZoneInfo("Europe/Berlin")
    expected = expand_days(schedule, date(2024, 1, 1), None, date(2024, 1, 1), date(2024, 3, 1), tz)
    dates = [instant.astimezone(tz).date() for instant in expected]
    dates[90] -= timedelta(days=35)  # a taken dose (every third is) on 11 January
    logs = {instant: Logged(TAKEN, instant) for instant in expected[::3]}
    coverage = adherence.Coverage(expected, dates, logs)
    for first, last in (
        (date(2024, 1, 5), date(2024, 2, 1)),
        (date(2024, 1, 10), date(2024, 1, 12)),
    ):
        assert coverage.over(first, last) == oracle_days_covered(expected, dates, logs, first, last)


# --- the previous implementation (services._report before it went linear) -------------


def oracle_report(courses, logs, periods, today, now, tz):
    first_day = today - timedelta(days=max(periods) - 1)
    courses = [c for c in courses if c.stop is None or c.stop >= first_day]
    results = [oracle_course(course, logs, periods, today, now, tz) for course in courses]
    overall = []
    for days in periods:
        figures = [r.period(days) for r in results]
        doses = sum((f.doses for f in figures), DoseAdherence())
        pdcs = [f.pdc for f in figures if f.pdc is not None]
        overall.append(
            services.PeriodFigures(days, doses, sum(pdcs, DaysCovered()) if pdcs else None)
        )
    return services.AdherenceReport(today, results, overall)


def oracle_course(course, logs, periods, today, now, tz):
    schedule = course.schedule
    margin = schedule.nominal_gap().days + 1
    first = max(course.start, today - timedelta(days=max(periods) - 1 + margin))
    expected = expand_days(
        schedule, course.start, course.stop, first, today + timedelta(days=margin), tz
    )
    course_logs = {
        instant: logged for (course_id, instant), logged in logs.items() if course_id == course.pk
    }
    local_dates = [instant.astimezone(tz).date() for instant in expected]
    figures = []
    infusions = []
    for days in periods:
        span = adherence.period_days(today, days, course.start, course.stop)
        if span is None:
            figures.append(services.PeriodFigures(days, DoseAdherence(), None))
            continue
        in_period = [i for i in expected if span[0] <= i.astimezone(tz).date() <= span[1]]
        if course.clinic_administered:
            rows = oracle_infusion_schedule(in_period, course_logs, schedule.window, now, tz)
            doses = oracle_infusion_adherence(rows, schedule.window, now)
            figures.append(services.PeriodFigures(days, doses, None))
            continue
        doses = oracle_dose_adherence(in_period, course_logs, schedule.window, now)
        completed = adherence.completed_days(*span, today)
        pdc = (
            oracle_days_covered(expected, local_dates, course_logs, *completed)
            if completed and schedule.kind != "courses"
            else None
        )
        figures.append(services.PeriodFigures(days, doses, pdc))
    if course.clinic_administered:
        span_first = max(course.start, today - timedelta(days=max(periods) - 1))
        shown = [i for i in expected if i.astimezone(tz).date() >= span_first]
        infusions = oracle_infusion_schedule(shown, course_logs, schedule.window, now, tz)
    next_change = min(
        (t for instant in expected for t in (instant, instant + schedule.window) if t > now),
        default=None,
    )
    return services.CourseAdherence(course, figures, infusions, next_change)


def oracle_dose_adherence(expected, logs, window, now):
    counts = Counter()
    for scheduled_for in expected:
        logged = logs.get(scheduled_for)
        if not (logged is not None or scheduled_for + window <= now):
            continue
        counts["scheduled"] += 1
        if logged is None:
            counts["unlogged"] += 1
        elif logged.status in (TAKEN, LATE) and logged.taken_at is not None:
            if abs(logged.taken_at - scheduled_for) <= window:
                counts["taken_in_window"] += 1
            else:
                counts["taken_outside_window"] += 1
        else:
            counts["missed"] += 1
    return DoseAdherence(**counts)


def oracle_days_covered(expected, local_dates, logs, first_day, last_day):
    if last_day < first_day:
        return DaysCovered()
    per_date = Counter(local_dates)
    dates = sorted(per_date)
    next_date = dict(zip(dates, dates[1:], strict=False))
    if dates:
        gap = (dates[-1] - dates[-2]).days if len(dates) > 1 else 1
        next_date[dates[-1]] = dates[-1] + timedelta(days=gap)
    covered = 0.0
    for instant, day in zip(expected, local_dates, strict=True):
        logged = logs.get(instant)
        if logged is None or not (logged.status in (TAKEN, LATE) and logged.taken_at is not None):
            continue
        start = max(day, first_day)
        end = min(next_date[day], last_day + timedelta(days=1))
        if end > start:
            covered += (end - start).days / per_date[day]
    days = (last_day - first_day).days + 1
    return DaysCovered(round(min(covered, days), 4), days)


def oracle_infusion_schedule(expected, logs, window, now, tz):
    today = now.astimezone(tz).date()
    rows = []
    for scheduled_for in expected:
        logged = logs.get(scheduled_for)
        due_day = scheduled_for.astimezone(tz).date()
        window_end = scheduled_for + window
        taken = logged is not None and logged.status in (TAKEN, LATE) and logged.taken_at
        given_at = logged.taken_at if taken else None
        if given_at is not None:
            if abs(given_at - scheduled_for) <= window:
                state = "given"
            else:
                state = "given_late" if given_at > scheduled_for else "given_early"
            overdue = max(0, (given_at.astimezone(tz).date() - due_day).days)
        elif logged is not None:
            state, overdue = "missed", max(0, (today - due_day).days)
        elif scheduled_for > now:
            state, overdue = "upcoming", 0
        else:
            state = "due" if window_end > now else "overdue"
            overdue = max(0, (today - due_day).days)
        rows.append(adherence.InfusionDue(scheduled_for, window_end, state, given_at, overdue))
    return rows


def oracle_infusion_adherence(rows, window, now):
    logs = {}
    for row in rows:
        if row.given_at is not None:
            logs[row.due] = Logged(TAKEN, row.given_at)
        elif row.state == "missed":
            logs[row.due] = Logged(MISSED)
    return oracle_dose_adherence([row.due for row in rows], logs, window, now)
