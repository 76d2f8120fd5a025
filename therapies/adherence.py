"""Adherence measures, computed the way a pharmacist would. Pure Python, no Django.

Inputs are the expected doses from ``therapies.schedules.expand`` (aware
instants) and what the patient logged, keyed by the scheduled instant. Three
measures, each named after its source:

* **Dose adherence (timing)** for self-administered drugs: scheduled doses
  taken within their window divided by scheduled doses ("taking adherence"
  with a timing window, as in electronic-monitoring studies; Vrijens et al.,
  ABC taxonomy, Br J Clin Pharmacol 2012). ``dose_adherence``.
* **Proportion of days covered (PDC)**: days covered by a taken dose divided
  by days in the period (Pharmacy Quality Alliance definition, with each
  logged taken dose standing in for the supply a refill would give: it covers
  the days until the next scheduled dose; doses sharing a day share it).
  ``proportion_of_days_covered``. PDC ignores timing; 80% is the usual
  threshold for "adherent".
* **Infusions given on time** for clinic-given drugs: whether each due dose
  was given within its window, and how many days it is or was overdue.
  ``infusion_schedule`` and ``infusion_adherence``.

A dose is *due* (counted) once its window has closed, or earlier if it has
been logged: an unlogged dose whose window is still open is neither taken nor
missed yet, so tapping "Taken" counts at once and nothing counts against the
patient before they could act.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

TAKEN = "taken"
LATE = "late"
MISSED = "missed"
PERIODS = (30, 90, 365)


@dataclass(frozen=True)
class Logged:
    """What the patient recorded for one scheduled dose."""

    status: str  # taken, late or missed
    taken_at: datetime | None = None

    @property
    def was_taken(self):
        return self.status in (TAKEN, LATE) and self.taken_at is not None


def in_window(scheduled_for, taken_at, window):
    """Whether ``taken_at`` lies within ``window`` either side of ``scheduled_for``."""
    return taken_at is not None and abs(taken_at - scheduled_for) <= window


def status_for(scheduled_for, taken_at, window):
    """The status a dose taken at ``taken_at`` earns: late after its window, else taken.

    A dose taken before its window opened stays "taken" (it was taken) but is not
    within its window, so it does not count towards dose adherence.
    """
    return LATE if taken_at > scheduled_for + window else TAKEN


def is_due(scheduled_for, window, logged, now):
    """Whether a dose counts yet: logged, or its window has closed by ``now``."""
    return logged is not None or scheduled_for + window <= now


def percent(part, whole):
    """``part / whole`` as a percentage to one decimal, or ``None`` when nothing was due."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


@dataclass(frozen=True)
class DoseAdherence:
    """Counts behind a dose-adherence figure (doses due, how they went)."""

    scheduled: int = 0
    taken_in_window: int = 0
    taken_outside_window: int = 0
    missed: int = 0  # logged as missed
    unlogged: int = 0  # window closed, nothing logged: counted as not taken

    @property
    def percent(self):
        return percent(self.taken_in_window, self.scheduled)

    def __add__(self, other):
        return DoseAdherence(
            *(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True))
        )

    def as_tuple(self):
        return (
            self.scheduled,
            self.taken_in_window,
            self.taken_outside_window,
            self.missed,
            self.unlogged,
        )


def dose_adherence(expected, logs, window, now):
    """Dose adherence = doses taken within their window / doses due.

    ``expected``: scheduled instants in the period; ``logs``: mapping of
    scheduled instant to ``Logged``; ``window``: the schedule's window (a
    ``timedelta`` either side); ``now``: the moment of the calculation.
    Example: twice daily for 30 days, 60 due, 51 taken within ±2 h → 85.0%.
    """
    scheduled = in_time = outside = missed = unlogged = 0
    for scheduled_for in expected:
        logged = logs.get(scheduled_for)
        if not is_due(scheduled_for, window, logged, now):
            continue
        scheduled += 1
        if logged is None:
            unlogged += 1
        elif logged.was_taken:
            if in_window(scheduled_for, logged.taken_at, window):
                in_time += 1
            else:
                outside += 1
        else:
            missed += 1
    return DoseAdherence(scheduled, in_time, outside, missed, unlogged)


@dataclass(frozen=True)
class DaysCovered:
    """Counts behind a PDC figure; ``days_covered`` may be fractional (doses share days)."""

    days_covered: float = 0.0
    days: int = 0

    @property
    def percent(self):
        return percent(self.days_covered, self.days)

    def __add__(self, other):
        return DaysCovered(self.days_covered + other.days_covered, self.days + other.days)


def proportion_of_days_covered(expected, logs, tz, first_day, last_day):
    """PDC = days covered / days from ``first_day`` to ``last_day`` (local dates, inclusive).

    Each taken dose (on time or not; PDC measures possession, not timing)
    covers the local days from its scheduled date up to the date of the next
    scheduled dose; when several doses fall on one date each covers an equal
    share of it (a twice-daily dose covers half a day). ``expected`` should
    reach one dose before ``first_day`` and one after ``last_day`` so the days
    at the period's edges are credited to the right dose; the last dose in the
    list covers as long as the gap before it. Coverage outside the period is
    cut off, so PDC never exceeds 100%.
    """
    dates = [instant.astimezone(tz).date() for instant in expected]
    return Coverage(expected, dates, logs).over(first_day, last_day)


class Coverage:
    """The days each taken dose of a course covers (``proportion_of_days_covered``'s
    rule), worked out once so that PDC over several periods costs one pass over the
    doses, not one per period: ``over(first, last)`` sums only the doses that reach
    into the period. ``dates`` holds each expected instant's local date."""

    def __init__(self, expected, dates, logs):
        per_date = Counter(dates)
        ordered = sorted(per_date)
        next_date = dict(zip(ordered, ordered[1:], strict=False))
        if ordered:
            gap = (ordered[-1] - ordered[-2]).days if len(ordered) > 1 else 1
            next_date[ordered[-1]] = ordered[-1] + timedelta(days=gap)
        # (date, next date, doses that date) of each taken dose, in ``expected``'s order.
        self._taken = []
        for instant, day in zip(expected, dates, strict=True):
            logged = logs.get(instant)
            if logged is not None and logged.was_taken:
                self._taken.append((day, next_date[day], per_date[day]))
        self._days = [day for day, _, _ in self._taken]
        # Local dates follow the instants except where a clock change sends one back
        # over midnight; only then is every dose visited for each period.
        self._sorted = all(a <= b for a, b in zip(self._days, self._days[1:], strict=False))

    def over(self, first_day, last_day):
        """PDC from ``first_day`` to ``last_day`` (local dates, inclusive)."""
        if last_day < first_day:
            return DaysCovered()
        after_last = last_day + timedelta(days=1)
        taken = self._taken
        low, high = 0, len(taken)
        if self._sorted:
            # Doses dated after the period cover none of it; of those before it only
            # the doses of the last date before it can (their cover reaches into it).
            high = bisect_right(self._days, last_day)
            low = bisect_left(self._days, first_day, 0, high)
            while low > 0 and taken[low - 1][1] > first_day:
                low -= 1
        covered = 0.0
        for day, next_day, shared in taken[low:high]:
            start = max(day, first_day)
            end = min(next_day, after_last)
            if end > start:
                covered += (end - start).days / shared
        days = (last_day - first_day).days + 1
        return DaysCovered(round(min(covered, days), 4), days)


@dataclass(frozen=True)
class InfusionDue:
    """One due dose of a clinic-given drug and what became of it."""

    due: datetime
    window_end: datetime
    state: str  # given, given_late, given_early, due, overdue, missed, upcoming
    given_at: datetime | None
    days_overdue: int

    @property
    def within_window(self):
        return self.state == "given"


def infusion_schedule(expected, logs, window, now, tz):
    """Each expected infusion with its state and days overdue, on the patient's dates.

    ``days_overdue`` is local days from the due date to the day it was given,
    or to today while it has not been given (0 when given on or before the due
    date, or not yet due). Given within ±window is "given"; after it,
    "given_late"; a logged miss is "missed"; no log yet is "due" while the
    window is open and "overdue" after it.
    """
    today = now.astimezone(tz).date()
    rows = []
    for scheduled_for in expected:
        logged = logs.get(scheduled_for)
        due_day = scheduled_for.astimezone(tz).date()
        window_end = scheduled_for + window
        given_at = logged.taken_at if logged is not None and logged.was_taken else None
        if given_at is not None:
            if in_window(scheduled_for, given_at, window):
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
        rows.append(InfusionDue(scheduled_for, window_end, state, given_at, overdue))
    return rows


def infusion_adherence(rows, window, now):
    """Infusions given within their window / infusions due (same counting rule as pills)."""
    logs = {}
    for row in rows:
        if row.given_at is not None:
            logs[row.due] = Logged(TAKEN, row.given_at)
        elif row.state == "missed":
            logs[row.due] = Logged(MISSED)
    return dose_adherence([row.due for row in rows], logs, window, now)


def period_days(today, days, course_start, course_stop):
    """The local dates a ``days``-day period ending ``today`` shares with a course.

    Returns ``(first, last)`` inclusive, or ``None`` when the course was not
    running in the period: days before the start and after the stop are ignored.
    """
    first = max(today - timedelta(days=days - 1), course_start)
    last = today if course_stop is None else min(today, course_stop)
    if last < first:
        return None
    return first, last


def completed_days(first, last, today):
    """The part of ``first..last`` that is over (before ``today``), for PDC."""
    last = min(last, today - timedelta(days=1))
    return (first, last) if last >= first else None
