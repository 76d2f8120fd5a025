"""The named PIRA definitions, each shown on a history small enough to check by hand.

Day numbers count from 1 January 2020. The differential test
(`test_progression_vs_pymsprog.py`) checks every definition against pymsprog on
thousands of generated histories; these stories show what each one changes.
"""

from datetime import date, timedelta

import pytest

from journal import progression_definitions
from journal.progression import Classification, EventType, analyse_progression
from journal.progression_definitions import (
    CONFIRMED_24_WEEKS,
    DEFINITIONS,
    HIGH_SPECIFICITY,
    REBASELINE,
    STANDARD,
)

START = date(2020, 1, 1)


def day(n: int) -> date:
    return START + timedelta(days=n)


def events(definition, pairs, relapses=()):
    result = analyse_progression(
        "edss", [(day(n), v) for n, v in pairs], [day(n) for n in relapses], definition.settings
    )
    return [(e.type, e.classification, e.onset, e.baseline_value) for e in result.events]


# A relapse on day 100 leaves half a point behind (2.0 -> 2.5); a year later the EDSS
# reaches 3.0 with no relapse near: one point above the first baseline.
RESIDUAL = [(0, 2.0), (60, 2.0), (150, 2.5), (250, 2.5), (350, 2.5), (500, 3.0), (600, 3.0)]


def test_standard_counts_residual_relapse_damage_towards_a_later_pira():
    assert events(STANDARD, RESIDUAL, relapses=(100,)) == [
        (EventType.CDW, Classification.PIRA, day(500), 2.0)
    ]


def test_rebaseline_after_relapse_measures_the_later_rise_from_after_the_relapse():
    """From the post-relapse 2.5, +0.5 is below the +1.0 an EDSS of 2.5 needs."""
    assert events(REBASELINE, RESIDUAL, relapses=(100,)) == []


def test_rebaseline_still_finds_raw_within_90_days_of_the_relapse():
    pairs = [(0, 2.0), (60, 2.0), (150, 3.0), (250, 3.0), (400, 3.0)]

    assert events(REBASELINE, pairs, relapses=(100,)) == [
        (EventType.CDW, Classification.RAW, day(150), 2.0)
    ]


# Onset on day 200, a relapse on day 260, then 3.0 held on days 320 and 420.
DURING_CONFIRMATION = [(0, 2.0), (100, 2.0), (200, 3.0), (320, 3.0), (420, 3.0)]


def test_standard_accepts_pira_on_a_later_relapse_free_confirmation():
    result = analyse_progression(
        "edss", [(day(n), v) for n, v in DURING_CONFIRMATION], [day(260)], STANDARD.settings
    )

    (event,) = result.events
    assert event.classification is Classification.PIRA
    assert (event.confirmed, event.pira_confirmed) == (day(320), day(420))


def test_high_specificity_refuses_pira_with_a_relapse_between_onset_and_confirmation():
    assert events(HIGH_SPECIFICITY, DURING_CONFIRMATION, relapses=(260,)) == [
        (EventType.CDW, None, day(200), 2.0)
    ]


def test_high_specificity_keeps_pira_when_the_span_is_relapse_free():
    pairs = [(0, 2.0), (100, 2.0), (200, 3.0), (290, 3.0)]

    assert events(HIGH_SPECIFICITY, pairs, relapses=(30, 400)) == [
        (EventType.CDW, Classification.PIRA, day(200), 2.0)
    ]


def test_24_week_confirmation_needs_the_rise_held_for_24_weeks():
    pairs = [(0, 2.0), (100, 3.0), (190, 3.0), (300, 2.0)]

    assert events(STANDARD, pairs) == [(EventType.CDW, Classification.PIRA, day(100), 2.0)]
    assert events(CONFIRMED_24_WEEKS, pairs) == []


def test_every_definition_has_a_name_a_source_and_its_msprog_options():
    assert list(DEFINITIONS) == ["standard", "rebaseline", "high_specificity", "standard_24w"]
    for definition in DEFINITIONS.values():
        assert definition.name
        assert definition.changes
        assert definition.source
        options = definition.msprog_options()
        assert options["conf_days"] == definition.settings.confirmation_days
        assert options["relapse_rebl"] is definition.settings.rebaseline_after_relapse
    assert HIGH_SPECIFICITY.msprog_options()["relapse_indep"] == {
        "prec": (0, 0),
        "event": (90, None),
        "conf": (None, 30),
    }


def test_get_falls_back_to_standard_only_for_no_key():
    assert progression_definitions.get(None) is STANDARD
    assert progression_definitions.get("rebaseline") is REBASELINE
    with pytest.raises(KeyError):
        progression_definitions.get("lenient")
