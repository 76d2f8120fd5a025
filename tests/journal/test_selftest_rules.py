"""The self-tests' pure rules: scoring by hand-made cases, plausibility, thresholds."""

import random

import pytest

from journal import selftest_rules as rules
from journal.progression import Classification, EventType, Outcome, analyse_progression
from journal.rules import RuleViolation

PAIRING = [3, 1, 4, 5, 9, 2, 6, 8, 7]  # symbol 0 is 3, symbol 1 is 1, ...


def test_a_pairing_is_each_digit_once_and_items_never_repeat_at_once():
    pairing = rules.new_pairing(random.Random(1))
    assert sorted(pairing) == list(range(1, 10))
    items = rules.new_items(600, random.Random(2))
    assert len(items) == 600
    assert set(items) <= set(range(9))
    assert all(a != b for a, b in zip(items, items[1:], strict=False))


def test_symbol_digit_counts_correct_and_wrong_answers_and_the_median_time():
    items = [0, 1, 2, 3, 4]
    # 3 right (0->3, 1->1, 3->5), 1 wrong (2->9 instead of 4), then one after 90 s.
    answers = [(3, 1000.0), (1, 1800.0), (9, 3000.0), (5, 3500.0), (9, 90_001.0)]
    score = rules.score_sdt(items, PAIRING, answers)
    assert (score.correct, score.errors) == (3, 1)
    assert score.median_ms == 900  # times 1000, 800, 1200, 500
    assert rules.score_sdt(items, PAIRING, []).median_ms is None


def test_tapping_counts_alternate_hits_misses_and_regularity():
    taps = [(0, 100.0), (1, 300.0), (1, 400.0), (None, 450.0), (0, 500.0), (1, 700.0)]
    score = rules.score_tapping(taps)
    assert (score.taps, score.misses) == (4, 2)  # the second 1 and the tap beside both
    assert score.mean_interval_ms == 200
    assert score.cv == 0
    irregular = rules.score_tapping([(0, 0.0), (1, 100.0), (0, 400.0)])
    assert irregular.cv == pytest.approx(0.5)  # intervals 100, 300: sd 100, mean 200
    late = rules.score_tapping([(0, 9_999.0), (1, 10_001.0)])
    assert late.taps == 1


def test_plausible_uploads_pass():
    items = [0, 1, 2, 3]
    assert rules.check_sdt(items, [[3, 500], [1, 1000]], [[1, 700]]) == [(3, 500.0), (1, 1000.0)]
    assert rules.check_tapping([[0, 100], [None, 200], [1, 300]])[1] == (None, 200.0)


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ([[3, 100], [1, 200], [4, 300]], "too_fast"),  # three answers under 150 ms in a row
        ([[3, 1000], [1, 900]], "not_increasing"),
        ([[3, 92_000]], "too_long"),  # past 90 s and the grace
        ([[0, 1000]], "invalid"),  # not a digit 1-9
        ([[3, "soon"]], "invalid"),
        ([[3, float("nan")]], "invalid"),
        ([[3, -5]], "invalid"),
        ([[3, 10**400]], "invalid"),
        ([[True, 500]], "invalid"),
        ([3, 500], "invalid"),
        ({"a": 1}, "invalid"),
        ([[3, 500]] * 5, "too_many"),  # more answers than the 4 items shown
    ],
)
def test_crafted_symbol_digit_uploads_are_refused(answers, code):
    with pytest.raises(RuleViolation) as refused:
        rules.check_sdt([0, 1, 2, 3], answers)
    assert refused.value.code == code
    assert refused.value.field == "answers"


def test_two_fast_answers_are_allowed_but_not_three():
    rules.check_sdt([0, 1, 2, 3], [[3, 100], [1, 200], [4, 1000]])
    with pytest.raises(RuleViolation):
        rules.check_sdt([0, 1, 2, 3], [[3, 1000], [1, 1100], [4, 1200], [5, 1300]])


@pytest.mark.parametrize(
    ("taps", "code"),
    [
        ([[0, 10], [1, 20], [0, 30]], "too_fast"),
        ([[0, 12_000]], "too_long"),
        ([[2, 100]], "invalid"),
        ([[0, 300], [1, 200]], "not_increasing"),
    ],
)
def test_crafted_tapping_uploads_are_refused(taps, code):
    with pytest.raises(RuleViolation) as refused:
        rules.check_tapping(taps)
    assert refused.value.code == code


def test_the_first_three_runs_are_practice():
    assert [rules.is_practice(n) for n in range(5)] == [True, True, True, False, False]


def test_minimum_changes_are_4_points_or_10_percent_and_20_percent():
    assert rules.sdt_minimum_change(60) == 4  # 10% would be 6: 4 points come first
    assert rules.sdt_minimum_change(30) == 3  # 10% of 30
    assert rules.tap_minimum_change(50) == 10


def test_a_confirmed_drop_in_symbol_digit_is_a_worsening_and_labelled():
    from datetime import date, timedelta

    start = date(2025, 1, 1)
    scores = [55, 55, 55, 50, 50, 50]  # a drop of 5 from 55: more than 4 points
    series = [(start + timedelta(days=60 * i), v) for i, v in enumerate(scores)]
    result = analyse_progression(Outcome.SDT, series)
    [event] = result.events
    assert event.type is EventType.CDW
    assert event.classification is Classification.PIRA
    assert (event.baseline_value, event.confirmed_value) == (55, 50)
    # A relapse 30 days before the drop makes it relapse-associated.
    raw = analyse_progression(Outcome.SDT, series, [series[3][0] - timedelta(days=30)])
    assert raw.events[0].classification is Classification.RAW
    # A rise is an improvement; a drop of 3 from 55 is no change.
    up = analyse_progression(Outcome.SDT, [(d, 110 - v) for d, v in series])
    assert up.events[0].type is EventType.CDI
    small = analyse_progression(Outcome.SDT, [(d, 55 if v == 55 else 52) for d, v in series])
    assert small.events == ()


def test_tapping_needs_a_20_percent_fall():
    from datetime import date, timedelta

    start = date(2025, 1, 1)

    def events(after):
        values = [50, 50, after, after, after]
        return analyse_progression(
            Outcome.TAP_DOMINANT,
            [(start + timedelta(days=60 * i), v) for i, v in enumerate(values)],
        ).events

    assert events(41) == ()  # 18% fewer taps
    assert events(40)[0].type is EventType.CDW  # 20% fewer
