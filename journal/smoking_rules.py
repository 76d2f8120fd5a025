"""Smoking: consistency rules, as plain functions (the smoke-free streak is
`journal.figures.quit_date` and `smoke_free_streak`, the one implementation).

Smoking is linked to faster disability worsening in MS, and stopping helps
(Ramanujam et al., JAMA Neurol 2015;72:1117-1123).
"""

from mstracker import date_range

from .rules import RuleViolation
from .vocabulary import SmokingStatus

NEVER = SmokingStatus.NEVER.value
FORMER = SmokingStatus.FORMER.value
CURRENT = SmokingStatus.CURRENT.value


def check_record(status, cigarettes, quit_date, on_date, today):
    """Cigarettes per day only while smoking; a quit date only for former smokers,
    not after the record's date and not in the future."""
    date_range.check_observed(on_date, today, "date")
    if cigarettes is not None and not 0 <= cigarettes <= 100:
        raise RuleViolation("cigarettes", "Enter cigarettes per day from 0 to 100.", "out_of_range")
    if status != CURRENT and cigarettes:
        raise RuleViolation(
            "cigarettes",
            "Cigarettes per day are only for someone who smokes now. Choose 'Current "
            "smoker' or leave the number empty.",
            "not_smoking",
        )
    if quit_date is not None:
        if status != FORMER:
            raise RuleViolation(
                "quit_date", "A quit date is only for a former smoker.", "not_former"
            )
        date_range.check_observed(
            quit_date,
            today,
            "quit_date",
            future_message="The quit date cannot be in the future.",
            future_code="future",
        )
        if on_date is not None and quit_date > on_date:
            raise RuleViolation(
                "quit_date",
                "The quit date cannot be after the date of this record.",
                "after_record",
            )
