"""Clinical stories for the progression engine, each small enough to check by hand.

Day numbers count from 1 January 2020; `history(...)` turns (day, value) pairs into
dated assessments and `onsets(...)` turns days into relapse onset dates.
"""

import json
from datetime import date, timedelta

import pytest

from journal.progression import (
    Baseline,
    Classification,
    EventType,
    Outcome,
    ProgressionSettings,
    analyse_progression,
    minimum_change,
)

START = date(2020, 1, 1)


def day(n: int) -> date:
    return START + timedelta(days=n)


def history(*pairs: tuple[int, float]) -> list[tuple[date, float]]:
    return [(day(n), value) for n, value in pairs]


def onsets(*days: int) -> list[date]:
    return [day(n) for n in days]


def edss(*pairs: tuple[int, float], relapses: tuple[int, ...] = (), **settings):
    return analyse_progression(
        "edss", history(*pairs), onsets(*relapses), ProgressionSettings(**settings)
    )


# Relapses, RAW and PIRA ------------------------------------------------------------


def test_stable_edss_with_two_fully_recovered_relapses_has_no_event():
    result = edss(
        (0, 2.0),
        (90, 2.0),
        (200, 3.5),
        (290, 2.0),
        (400, 2.0),
        (500, 4.0),
        (600, 2.0),
        (700, 2.0),
        relapses=(190, 495),
    )

    assert result.events == ()
    assert result.baselines == (Baseline(day(0), 2.0),)


def test_worsening_sixty_days_after_a_relapse_confirmed_at_six_months_is_raw():
    result = edss((0, 2.0), (100, 2.0), (180, 3.0), (360, 3.0), relapses=(120,))

    (event,) = result.events
    assert event.type is EventType.CDW
    assert event.classification is Classification.RAW
    assert (event.onset, event.confirmed) == (day(180), day(360))
    assert (event.baseline_date, event.baseline_value, event.value) == (day(0), 2.0, 3.0)
    assert event.pira_confirmed is None


def test_worsening_after_two_relapse_free_years_confirmed_at_12_weeks_is_pira():
    quarterly = [(n, 2.0) for n in range(0, 800, 90)]
    result = edss(*quarterly, (800, 3.0), (884, 3.0), relapses=(60,))

    (event,) = result.events
    assert event.classification is Classification.PIRA
    assert (event.onset, event.confirmed, event.pira_confirmed) == (day(800), day(884), day(884))
    assert result.count(Classification.PIRA) == 1


def test_rise_confirmed_only_ten_days_after_a_new_relapse_is_not_confirmed():
    result = edss((0, 2.0), (100, 3.0), (184, 3.0), relapses=(174,))

    assert result.events == ()
    # Without that relapse the same assessments confirm the worsening.
    assert len(edss((0, 2.0), (100, 3.0), (184, 3.0)).events) == 1


def test_relapse_sixty_days_after_onset_leaves_the_worsening_unclassified():
    """Not RAW (the relapse follows the onset), not PIRA (it is within 90 days before
    the only confirmation); the relapse is 60 days before that confirmation, so the
    confirmation itself is valid."""
    result = edss((0, 2.0), (100, 3.0), (220, 3.0), relapses=(160,))

    (event,) = result.events
    assert event.type is EventType.CDW
    assert event.classification is None


def test_relapse_within_thirty_days_after_onset_rules_out_pira():
    result = edss((0, 2.0), (100, 3.0), (190, 3.0), (400, 3.0), relapses=(130,))

    assert [e.classification for e in result.events] == [None]


def test_pira_can_rest_on_a_later_relapse_free_confirmation():
    """A relapse 10 days after the 12-week confirmation spoils that one for PIRA, but
    the worsening still holds at a later eligible assessment with no relapse near it."""
    result = edss((0, 2.0), (100, 3.0), (190, 3.0), (400, 3.0), relapses=(200,))

    (event,) = result.events
    assert event.classification is Classification.PIRA
    assert event.confirmed == day(190)
    assert event.pira_confirmed == day(400)


def test_relapse_ninety_days_before_onset_is_raw_and_ninety_one_is_not():
    raw = edss((0, 2.0), (100, 2.0), (200, 3.0), (290, 3.0), relapses=(110,))
    pira = edss((0, 2.0), (100, 2.0), (200, 3.0), (290, 3.0), relapses=(109,))

    assert raw.events[0].classification is Classification.RAW
    assert pira.events[0].classification is Classification.PIRA


def test_relapse_long_before_the_first_assessment_still_makes_a_raw():
    """Deliberate difference from pymsprog, which drops relapses more than 30 days
    before the first assessment: a patient's recorded relapse 60 days before the
    first EDSS is within 90 days of a worsening 20 days later (DESIGN.md section 4)."""
    result = edss((0, 2.0), (20, 3.0), (110, 3.0), relapses=(-60,))

    assert result.events[0].classification is Classification.RAW


def test_assessment_within_thirty_days_after_relapse_onset_is_not_a_baseline():
    result = edss((0, 3.5), (60, 2.0), (150, 3.0), (240, 3.0), relapses=(-10,))

    assert result.baselines[0] == Baseline(day(60), 2.0)
    (event,) = result.events
    assert (event.baseline_date, event.baseline_value) == (day(60), 2.0)
    # Thirty days after the onset is far enough: that assessment is the baseline.
    assert edss((0, 3.5), (60, 2.0), relapses=(-30,)).baselines[0] == Baseline(day(0), 3.5)


# Confirmation ------------------------------------------------------------------------


def test_confirmation_may_come_a_week_early_but_not_earlier():
    """pymsprog's default tolerance, `conf_tol_days=[7, 730.5]`: 12 weeks means from
    day 77 after the onset; an assessment at day 76 is not a confirmation, and the
    worsening must then hold at the next eligible one."""
    assert edss((0, 2.0), (100, 3.0), (177, 3.0)).events[0].confirmed == day(177)
    assert edss((0, 2.0), (100, 3.0), (176, 3.0)).events == ()
    assert edss((0, 2.0), (100, 3.0), (176, 3.0), (260, 3.0)).events[0].confirmed == day(260)


def test_a_dip_before_confirmation_breaks_it():
    result = edss((0, 2.0), (100, 3.0), (140, 2.5), (190, 3.0))

    assert result.events == ()


def test_a_rise_at_the_last_assessment_is_not_confirmed():
    assert edss((0, 2.0), (100, 2.0), (200, 4.0)).events == ()


def test_24_week_confirmation_option():
    pairs = ((0, 2.0), (100, 3.0), (190, 3.0), (270, 2.0))

    assert len(edss(*pairs).events) == 1
    assert edss(*pairs, confirmation_days=168).events == ()
    (event,) = edss((0, 2.0), (100, 3.0), (190, 3.0), (270, 3.0), confirmation_days=168).events
    assert event.confirmed == day(270)


# Minimum change -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "rise", "counts"),
    [(5.5, 6.0, True), (4.0, 4.5, False), (4.0, 5.0, True), (0.0, 1.0, False), (0.0, 1.5, True)],
)
def test_edss_minimum_change(baseline, rise, counts):
    result = edss((0, baseline), (100, rise), (190, rise))

    assert bool(result.events) is counts


def test_edss_cutoff_setting_decides_the_half_point_from_five_and_a_half():
    """The cut-off is the highest baseline that still needs +1.0. At the 5.0 default
    a rise 5.5 -> 6.0 counts; with the 5.5 option it does not. From 5.0 both settings
    need +1.0, so 5.0 -> 5.5 never counts and 5.0 -> 6.0 always does."""
    settings = ProgressionSettings(edss_cutoff=5.5)

    assert len(edss((0, 5.5), (100, 6.0), (190, 6.0)).events) == 1
    assert edss((0, 5.5), (100, 6.0), (190, 6.0), edss_cutoff=5.5).events == ()
    assert edss((0, 5.0), (100, 5.5), (190, 5.5)).events == ()
    assert edss((0, 5.0), (100, 5.5), (190, 5.5), edss_cutoff=5.5).events == ()
    assert minimum_change("edss", 5.5) == 0.5
    assert minimum_change("edss", 5.5, settings) == 1.0


@pytest.mark.parametrize("outcome", ["t25fw", "nhpt_dominant", "nhpt_nondominant"])
@pytest.mark.parametrize(
    ("baseline", "later", "counts"),
    [
        (10.0, 12.0, True),  # exactly +20%: pymsprog's `>=` is inclusive
        (10.0, 11.99, False),  # +19.9%
        (6.5, 7.8, True),  # exactly +20% in decimals, though 7.8 - 6.5 < 1.3 in floats
        (10.0, 8.0, True),  # -20%: an improvement
        (10.0, 8.01, False),
    ],
)
def test_timed_tests_need_twenty_percent(outcome, baseline, later, counts):
    result = analyse_progression(outcome, history((0, baseline), (100, later), (190, later)))

    assert bool(result.events) is counts


def test_pdds_one_step_counts_both_ways():
    worse = analyse_progression("pdds", history((0, 2), (100, 3), (190, 3)))
    better = analyse_progression("pdds", history((0, 2), (100, 1), (190, 1)))
    sideways = analyse_progression("pdds", history((0, 2), (100, 2), (190, 2)))

    assert [e.type for e in worse.events] == [EventType.CDW]
    assert [e.type for e in better.events] == [EventType.CDI]
    assert sideways.events == ()


# Improvement and the roving baseline -------------------------------------------------


def test_confirmed_improvement_is_a_cdi_and_the_baseline_follows_it():
    result = edss((0, 4.0), (100, 3.0), (190, 3.0), (300, 4.0), (390, 4.0))

    assert [(e.type, e.classification) for e in result.events] == [
        (EventType.CDI, None),
        (EventType.CDW, Classification.PIRA),
    ]
    assert result.events[1].baseline_value == 3.0


def test_roving_baseline_makes_a_second_step_a_second_event():
    result = edss((0, 2.0), (100, 3.0), (190, 3.0), (300, 4.0), (390, 4.0))

    assert [(e.onset, e.baseline_value, e.value) for e in result.events] == [
        (day(100), 2.0, 3.0),
        (day(300), 3.0, 4.0),
    ]
    # Each confirmation becomes the next reference, the last one included.
    assert result.baselines == (
        Baseline(day(0), 2.0),
        Baseline(day(190), 3.0),
        Baseline(day(390), 4.0),
    )
    assert len(result.worsenings) == 2
    assert result.improvements == ()


# Input handling and output ------------------------------------------------------------


def test_assessments_may_come_in_any_order_and_the_last_of_a_day_wins():
    result = analyse_progression(
        Outcome.EDSS, [(day(190), 3.0), (day(0), 2.0), (day(100), 2.5), (day(100), 3.0)]
    )

    assert [e.onset for e in result.events] == [day(100)]


def test_result_serialises_to_json():
    result = edss((0, 2.0), (180, 3.0), (360, 3.0), relapses=(120,))

    payload = json.loads(json.dumps(result.to_dict(), default=date.isoformat))

    assert payload == {
        "outcome": "edss",
        "events": [
            {
                "type": "CDW",
                "classification": "RAW",
                "onset": "2020-06-29",
                "value": 3.0,
                "confirmed": "2020-12-26",
                "confirmed_value": 3.0,
                "baseline_date": "2020-01-01",
                "baseline_value": 2.0,
                "pira_confirmed": None,
            }
        ],
        "baselines": [
            {"date": "2020-01-01", "value": 2.0},
            {"date": "2020-12-26", "value": 3.0},
        ],
    }


def test_no_assessments_means_no_events():
    result = analyse_progression("t25fw", [], onsets(10))

    assert (result.events, result.baselines) == ((), ())


@pytest.mark.parametrize(
    ("outcome", "value"),
    [("edss", 10.5), ("edss", -1.0), ("pdds", 9), ("t25fw", 0.0), ("edss", float("nan"))],
)
def test_impossible_values_are_refused(outcome, value):
    with pytest.raises(ValueError, match=str(day(0))):
        analyse_progression(outcome, history((0, value)))


def test_unknown_outcome_and_negative_windows_are_refused():
    with pytest.raises(ValueError, match="sdmt"):
        analyse_progression("sdmt", history((0, 50.0)))
    with pytest.raises(ValueError, match="relapse_to_baseline_days"):
        ProgressionSettings(relapse_to_baseline_days=-1)
