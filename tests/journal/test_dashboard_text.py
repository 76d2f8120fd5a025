"""The dashboard's sentences: figures in words with the right plural, no database."""

from datetime import date

import pytest

from journal import dashboard_text as words
from journal.dashboard import months_before, preset_range
from journal.figures import TimeSince


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, "1 point"), (1.0, "1 point"), (0.5, "0.5 points"), (2, "2 points"), (1.04, "1 point")],
)
def test_quantities_take_the_singular_only_for_exactly_one(value, expected):
    assert words.quantity(value, "point") == expected


def test_counts_say_no_for_zero():
    assert words.count(0, "check-in day") == "no check-in days"
    assert words.count(1, "check-in day") == "1 check-in day"
    assert words.count(12, "check-in day") == "12 check-in days"


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        (TimeSince(date(2024, 1, 1), 0, 0, 0, 0), "today"),
        (TimeSince(date(2024, 1, 1), 1, 0, 0, 1), "1 day"),
        (TimeSince(date(2024, 1, 1), 31, 0, 1, 0), "1 month"),
        (TimeSince(date(2024, 1, 1), 400, 1, 1, 4), "1 year, 1 month and 4 days"),
        (TimeSince(date(2024, 1, 1), 735, 2, 0, 5), "2 years and 5 days"),
    ],
)
def test_durations_read_like_a_calendar(since, expected):
    assert words.duration(since) == expected


def test_signed_changes_carry_their_unit():
    assert words.signed_change(1.0, "edss") == "+1 point"
    assert words.signed_change(0.5, "edss") == "+0.5 points"
    assert words.signed_change(-1, "pdds") == "\u22121 step"
    assert words.signed_change(1.4, "t25fw") == "+1.4 seconds"
    assert words.signed_change(0, "edss") == "none"


@pytest.mark.parametrize(
    ("key", "today", "start"),
    [
        ("6m", date(2025, 5, 10), date(2024, 11, 11)),
        ("1y", date(2025, 5, 10), date(2024, 5, 11)),
        ("2y", date(2024, 2, 29), date(2022, 3, 1)),
        ("5y", date(2025, 5, 10), date(2020, 5, 11)),
        ("all", date(2025, 5, 10), date(2019, 3, 1)),
    ],
)
def test_range_presets_end_today(key, today, start):
    span = preset_range(key, today, first_record=date(2019, 3, 1))
    assert (span.start, span.end) == (start, today)


def test_all_without_records_shows_a_year():
    span = preset_range("all", date(2025, 5, 10), None)
    assert span.days == 365
    assert span.end == date(2025, 5, 10)


def test_months_before_clamps_to_the_shorter_month():
    assert months_before(date(2025, 8, 31), 6) == date(2025, 2, 28)
    assert months_before(date(2024, 8, 31), 6) == date(2024, 2, 29)
    assert months_before(date(2025, 1, 15), 1) == date(2024, 12, 15)
