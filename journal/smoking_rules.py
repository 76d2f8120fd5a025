"""Smoking: consistency rules and the smoke-free streak, as plain functions.

Smoking is linked to faster disability worsening in MS, and stopping helps
(Ramanujam et al., JAMA Neurol 2015;72:1117-1123).
"""

from mstracker import date_range

from .rules import RuleViolation

NEVER = "never"
FORMER = "former"
CURRENT = "current"


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


def smoke_free_days(status, quit_date, today):
    """Days without smoking since the quit date; None when it does not apply
    (never smoked, smoking now, or no quit date known)."""
    if status != FORMER or quit_date is None:
        return None
    return max(0, (today - quit_date).days)
