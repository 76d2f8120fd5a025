"""The dates the app accepts, in one place. Plain Python, no Django.

Every date a patient enters, and every date a page or the API is asked about,
lies in a documented range:

* nothing before ``EARLIEST`` (1 January 1900): no one living with MS has a
  record older than that, and a date such as 0001-01-01 is a typing slip that
  would break every time axis drawn from it;
* an observation (a check-in, relapse, measure, questionnaire, exercise,
  vitamin D, smoking record, side effect) happened on or before the patient's
  own today;
* a planned date (a therapy course's first or last day) lies at most
  ``PLANNED_YEARS_AHEAD`` years after today;
* a filter (``?date_from=``/``?date_to=``, the dose calendar's month) asks
  about dates in ``[EARLIEST, latest_planned(today)]``.

The model rules (and through ``full_clean()`` every form and serializer), the
API filters and the page filters all call these functions, so they agree.
Rows saved before these rules existed may still hold other dates: the
dashboard reads only ``stored_window(today)``.
"""

from datetime import date

from journal.rules import RuleViolation

EARLIEST = date(1900, 1, 1)
PLANNED_YEARS_AHEAD = 5

TOO_EARLY = "too_early"
FUTURE = "future_date"
TOO_FAR_AHEAD = "too_far_ahead"


def latest_planned(today: date) -> date:
    """The last day a plan may name: ``PLANNED_YEARS_AHEAD`` years after ``today``
    (28 February when today is 29 February and that year has none)."""
    year = today.year + PLANNED_YEARS_AHEAD
    try:
        return today.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def stored_window(today: date) -> tuple[date, date]:
    """The observation dates a view can trust: ``EARLIEST`` to ``today``."""
    return EARLIEST, today


def filter_window(today: date) -> tuple[date, date]:
    """The dates a filter may ask about: ``EARLIEST`` to ``latest_planned(today)``."""
    return EARLIEST, latest_planned(today)


def _too_early(field):
    return RuleViolation(field, f"Enter a date from {EARLIEST:%d %B %Y} on.", TOO_EARLY)


def check_observed(
    value,
    today,
    field="date",
    future_message="The date cannot be in the future.",
    future_code=FUTURE,
):
    """Something that happened: on or after ``EARLIEST`` and not after ``today``
    (``today`` None: the owner is not known yet, only the lower bound applies)."""
    if value is None:
        return
    if value < EARLIEST:
        raise _too_early(field)
    if today is not None and value > today:
        raise RuleViolation(field, future_message, future_code)


def check_planned(value, today, field):
    """A planned date: on or after ``EARLIEST`` and at most
    ``PLANNED_YEARS_AHEAD`` years after ``today``."""
    if value is None:
        return
    if value < EARLIEST:
        raise _too_early(field)
    if today is not None and value > latest_planned(today):
        raise RuleViolation(
            field,
            f"Enter a date at most {PLANNED_YEARS_AHEAD} years ahead "
            f"(until {latest_planned(today):%d %B %Y}).",
            TOO_FAR_AHEAD,
        )


def check_filter(value, today, field):
    """A date a page or the API is asked to filter by: within ``filter_window``."""
    if value is None:
        return
    first, last = filter_window(today)
    if not first <= value <= last:
        raise RuleViolation(
            field,
            f"Give a date from {first.isoformat()} to {last.isoformat()}.",
            TOO_EARLY if value < first else TOO_FAR_AHEAD,
        )
