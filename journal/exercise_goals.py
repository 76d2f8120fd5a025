"""Weekly aerobic exercise against a goal, as plain functions.

Default goal: 90 aerobic minutes in 3 sessions a week, i.e. 30 minutes 3 times
a week, after the MS exercise guidelines (Latimer-Cheung et al., Arch Phys
Med Rehabil 2013: "30 minutes of moderate intensity aerobic activity 2 times
per week"; Kalb et al., Mult Scler 2020 recommend 150 min/week as a target).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .vocabulary import AEROBIC, AEROBIC_GOAL_MINUTES, AEROBIC_GOAL_SESSIONS

DEFAULT_GOAL_MINUTES = AEROBIC_GOAL_MINUTES
DEFAULT_GOAL_SESSIONS = AEROBIC_GOAL_SESSIONS
__all__ = ["AEROBIC", "DEFAULT_GOAL_MINUTES", "DEFAULT_GOAL_SESSIONS"]


def week_start(day):
    """Monday of the ISO week that holds ``day``."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekSummary:
    start: date
    aerobic_minutes: int
    aerobic_sessions: int
    other_minutes: int
    goal_minutes: int
    goal_sessions: int

    @property
    def end(self):
        return self.start + timedelta(days=6)

    @property
    def goal_met(self):
        return (
            self.aerobic_minutes >= self.goal_minutes
            and self.aerobic_sessions >= self.goal_sessions
        )

    @property
    def minutes_percent(self):
        if not self.goal_minutes:
            return 100
        return min(100, round(100 * self.aerobic_minutes / self.goal_minutes))


def weekly_summaries(sessions, first_day, last_day, goal_minutes, goal_sessions):
    """One summary per ISO week from ``first_day`` to ``last_day``, newest first.

    ``sessions`` are (date, kind, minutes) tuples; only aerobic ones count toward
    the goal, the rest are reported as other minutes.
    """
    weeks = {}
    first = start = week_start(first_day)
    while start <= last_day:
        weeks[start] = [0, 0, 0]
        start += timedelta(days=7)
    for day, kind, minutes in sessions:
        if not first <= day < start:  # years of sessions, a few weeks wanted
            continue
        bucket = weeks.get(week_start(day))
        if bucket is None:
            continue
        if kind == AEROBIC:
            bucket[0] += minutes
            bucket[1] += 1
        else:
            bucket[2] += minutes
    return [
        WeekSummary(start, a_min, a_n, other, goal_minutes, goal_sessions)
        for start, (a_min, a_n, other) in sorted(weeks.items(), reverse=True)
    ]
