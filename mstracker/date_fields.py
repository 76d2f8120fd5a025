"""Form and filter fields that accept only the dates of ``mstracker.date_range``.

Used by every API list filter (``?date_from=&date_to=``) and by the history
pages' filter form, so a date outside the range is a field error (a 400 in
the API) instead of a query that overflows.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from journal.rules import RuleViolation
from mstracker import date_range

RANGE_HELP = (
    f"A date from {date_range.EARLIEST.isoformat()} to {date_range.PLANNED_YEARS_AHEAD} "
    "years after today."
)


def check_filter_date(value):
    """A ``ValidationError`` for a filter date outside ``date_range.filter_window``.

    Today is the active zone's (the user's on pages, UTC in the API): a day's
    difference at the far end of a five-year window does not matter here.
    """
    try:
        date_range.check_filter(value, timezone.localdate(), "date")
    except RuleViolation as violation:
        raise ValidationError(violation.message, code=violation.code) from None


class FilterDateField(forms.DateField):
    default_validators = [check_filter_date]


class FilterDateFilter(django_filters.DateFilter):
    """A ``DateFilter`` of ``FilterDateField``, documented with ``RANGE_HELP``."""

    field_class = FilterDateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", RANGE_HELP)
        super().__init__(*args, **kwargs)
