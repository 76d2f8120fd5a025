"""Which date a check-in belongs to, and what a check-in may hold. No Django.

A patient filling in the check-in shortly after midnight is usually closing
the day that just ended, so between 00:00 and 03:00 local time the form
offers the previous date (and preselects it).
"""

from datetime import timedelta

from mstracker import date_range

from .rules import RuleViolation

LATE_NIGHT_UNTIL_HOUR = 3
SCORE_MIN = 0
SCORE_MAX = 10


def date_choices(local_now):
    """The dates the Today check-in offers, the suggested one first."""
    today = local_now.date()
    if local_now.hour < LATE_NIGHT_UNTIL_HOUR:
        return [today - timedelta(days=1), today]
    return [today]


def check_date(on_date, today):
    date_range.check_observed(
        on_date, today, "date", future_message="A check-in cannot be for a future date."
    )


def check_score(value, field="scores"):
    if isinstance(value, bool) or not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
        raise RuleViolation(field, "Scores are whole numbers from 0 to 10.", "bad_score")
