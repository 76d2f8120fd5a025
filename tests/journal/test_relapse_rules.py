"""The relapse rules as plain functions, at their exact borders."""

import datetime as dt

import pytest

from journal.relapse_rules import (
    Period,
    check_dates,
    check_minimum_duration,
    check_no_overlap,
    counted_onsets,
    is_possible_pseudo_relapse,
    link_episodes,
)
from journal.rules import RuleViolation

D = dt.date(2025, 3, 1)
TODAY = dt.date(2025, 6, 1)


def violation(check, *args):
    with pytest.raises(RuleViolation) as info:
        check(*args)
    return info.value


# --- 24 hours ---------------------------------------------------------------


def test_23_hours_is_refused_with_an_explanation():
    v = violation(check_minimum_duration, D, D + dt.timedelta(days=1), 23, TODAY)
    assert (v.field, v.code) == ("lasted_hours", "too_short")
    assert "less than 24 hours (23 h here) are not counted as a relapse" in v.message


def test_exactly_24_hours_is_a_relapse():
    check_minimum_duration(D, D + dt.timedelta(days=1), 24, TODAY)


def test_same_day_onset_and_end_is_under_24_hours():
    v = violation(check_minimum_duration, D, D, None, TODAY)
    assert (v.field, v.code) == ("end", "too_short")


def test_an_end_the_next_day_needs_the_hours():
    v = violation(check_minimum_duration, D, D + dt.timedelta(days=1), None, TODAY)
    assert (v.field, v.code) == ("lasted_hours", "hours_needed")


def test_an_end_two_days_later_is_long_enough_without_hours():
    check_minimum_duration(D, D + dt.timedelta(days=2), None, TODAY)


def test_an_open_relapse_that_began_today_has_not_lasted_24_hours():
    v = violation(check_minimum_duration, TODAY, None, None, TODAY)
    assert (v.field, v.code) == ("onset", "too_short")
    check_minimum_duration(TODAY - dt.timedelta(days=1), None, None, TODAY)


def test_more_hours_than_the_dates_allow_is_refused():
    v = violation(check_minimum_duration, D, D + dt.timedelta(days=1), 49, TODAY)
    assert v.code == "hours_exceed_dates"
    check_minimum_duration(D, D + dt.timedelta(days=1), 48, TODAY)


# --- Dates ------------------------------------------------------------------


def test_future_onset_end_before_onset_and_future_end_are_refused():
    assert violation(check_dates, TODAY + dt.timedelta(days=1), None, TODAY).field == "onset"
    v = violation(check_dates, D, D - dt.timedelta(days=1), TODAY)
    assert (v.field, v.message) == ("end", "The end date cannot be before the onset date.")
    assert violation(check_dates, D, TODAY + dt.timedelta(days=1), TODAY).code == "future_end"
    check_dates(TODAY, TODAY, TODAY)


# --- Overlaps ---------------------------------------------------------------


def test_an_open_relapse_blocks_a_later_onset():
    others = [Period(1, D)]
    v = violation(check_no_overlap, D + dt.timedelta(days=40), None, others)
    assert (v.field, v.code) == ("onset", "overlaps_open")
    assert "still open" in v.message


def test_a_new_open_relapse_over_a_closed_one_is_refused():
    others = [Period(1, D + dt.timedelta(days=10), D + dt.timedelta(days=20))]
    v = violation(check_no_overlap, D, None, others)
    assert (v.field, v.code) == ("end", "overlaps_open")


def test_closed_relapses_may_touch_but_not_overlap():
    others = [Period(1, D, D + dt.timedelta(days=10))]
    assert violation(check_no_overlap, D + dt.timedelta(days=10), None, others).code
    check_no_overlap(D + dt.timedelta(days=11), D + dt.timedelta(days=20), others)
    check_no_overlap(D - dt.timedelta(days=10), D - dt.timedelta(days=1), others)


# --- 30-day episodes --------------------------------------------------------


def test_an_onset_29_days_after_another_joins_its_episode():
    links = link_episodes([Period("a", D), Period("b", D + dt.timedelta(days=29))])
    assert links == {"a": None, "b": "a"}


def test_an_onset_exactly_30_days_after_another_is_a_new_episode():
    links = link_episodes([Period("a", D), Period("b", D + dt.timedelta(days=30))])
    assert links == {"a": None, "b": None}


def test_a_chain_of_close_onsets_is_one_episode_named_by_the_first():
    periods = [Period(k, D + dt.timedelta(days=n)) for k, n in (("a", 0), ("b", 20), ("c", 40))]
    assert link_episodes(periods) == {"a": None, "b": "a", "c": "a"}


def test_pseudo_relapses_are_flagged_and_neither_linked_nor_counted():
    assert is_possible_pseudo_relapse(True)
    assert not is_possible_pseudo_relapse(False)
    periods = [
        Period("a", D),
        Period("p", D + dt.timedelta(days=10), pseudo=True),
        Period("b", D + dt.timedelta(days=20)),
        Period("c", D + dt.timedelta(days=100)),
    ]
    assert link_episodes(periods) == {"a": None, "p": None, "b": "a", "c": None}
    assert counted_onsets(periods) == [D, D + dt.timedelta(days=100)]
