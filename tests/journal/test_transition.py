"""The possible-transition signal (objective SPMS definition, Lorscheider et al., Brain
2016) on named, hand-made cases: where it fires and where it stays quiet."""

from datetime import date

import pytest

from journal.transition import Status, TransitionSettings, transition_signal


def visits(*pairs):
    return [(date.fromisoformat(d), v) for d, v in pairs]


RISE_TO_4 = visits(("2023-01-10", 3.0), ("2023-07-01", 4.0), ("2023-10-15", 4.0))


def test_fires_on_a_confirmed_rise_of_one_point_to_4_without_relapse():
    signal = transition_signal(RISE_TO_4, [], "rrms")
    assert signal.status is Status.FIRES
    assert (signal.baseline_value, signal.value) == (3.0, 4.0)
    assert signal.onset == date(2023, 7, 1)
    assert signal.confirmed == date(2023, 10, 15)


def test_half_a_point_is_enough_from_6_and_not_below():
    assert transition_signal(
        visits(("2023-01-01", 6.0), ("2023-05-01", 6.5), ("2023-09-01", 6.5)), [], "rrms"
    ).fires
    # 5.5 -> 6.0 is half a point from 5.5: the definition needs 1.0 there.
    assert not transition_signal(
        visits(("2023-01-01", 5.5), ("2023-05-01", 6.0), ("2023-09-01", 6.0)), [], "rrms"
    ).fires
    assert transition_signal(
        visits(("2023-01-01", 5.5), ("2023-05-01", 6.5), ("2023-09-01", 6.5)), [], "rrms"
    ).fires


@pytest.mark.parametrize(
    ("name", "edss", "onsets"),
    [
        ("below EDSS 4", visits(("2023-01-01", 2.0), ("2023-05-01", 3.0), ("2023-09-01", 3.0)), []),
        ("not confirmed 3 months later",
         visits(("2023-01-01", 3.0), ("2023-05-01", 4.0), ("2023-07-15", 4.0)), []),
        ("fell back before confirmation",
         visits(("2023-01-01", 3.0), ("2023-05-01", 4.0), ("2023-07-01", 3.0),
                ("2023-09-01", 4.0)), []),
        ("a relapse before the confirmation",
         visits(("2023-01-01", 3.0), ("2023-05-01", 4.0), ("2023-09-01", 4.0)),
         [date(2023, 7, 1)]),
        ("a relapse just before the onset",
         visits(("2023-01-01", 3.0), ("2023-05-01", 4.0), ("2023-09-01", 4.0)),
         [date(2023, 3, 1)]),
        ("worse only after a relapse (RAW)",
         visits(("2023-01-01", 3.0), ("2023-03-15", 4.0), ("2023-09-01", 4.0)),
         [date(2023, 3, 1)]),
        ("rise of only 0.5 at 3.5", visits(("2023-01-01", 3.5), ("2023-05-01", 4.0),
                                           ("2023-09-01", 4.0)), []),
    ],
)  # fmt: skip
def test_stays_quiet(name, edss, onsets):
    assert transition_signal(edss, onsets, "rrms").status is Status.QUIET, name


def test_a_relapse_step_moves_the_baseline_and_a_later_relapse_free_rise_fires():
    # The relapse leaves 4.0 (RAW); later a relapse-free rise from 4.0 to 5.0 fires.
    edss = visits(
        ("2022-01-01", 3.0),
        ("2022-04-01", 4.0),
        ("2022-09-01", 4.0),
        ("2023-03-01", 5.0),
        ("2023-07-01", 5.0),
    )
    signal = transition_signal(edss, [date(2022, 3, 10)], "rrms")
    assert signal.fires
    assert signal.baseline_value == 4.0
    assert signal.onset == date(2023, 3, 1)


def test_off_for_cis_and_progressive_courses_and_too_few_assessments():
    assert transition_signal(RISE_TO_4, [], "cis").status is Status.OFF
    assert transition_signal(RISE_TO_4, [], "spms").status is Status.OFF
    assert transition_signal(RISE_TO_4, [], "unknown").status is Status.OFF
    assert transition_signal(RISE_TO_4[:1], [], "rrms").status is Status.TOO_FEW


def test_the_courses_are_a_setting():
    wider = TransitionSettings(courses=frozenset({"rrms", "unknown"}))
    assert transition_signal(RISE_TO_4, [], "unknown", wider).fires
