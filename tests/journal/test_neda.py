"""NEDA-3 per calendar year on hand-made histories, including the unknown years, and
silent progression (PIRA while the scans are quiet)."""

from datetime import date

import pytest

from journal import neda
from journal.dashboard_types import DateRange
from journal.progression import analyse_progression

SPAN = DateRange(date(2022, 1, 1), date(2025, 12, 31))


def scan(day, activity):
    return neda.Scan(day, activity)


def by_label(periods):
    return {p.label: p for p in periods}


def test_each_part_and_unknown_years():
    edss = [
        (date(2022, 2, 1), 2.0),
        (date(2022, 9, 1), 2.0),
        (date(2023, 3, 1), 2.0),
        (date(2023, 9, 1), 3.0),  # onset of a worsening confirmed in 2024
        (date(2024, 1, 10), 3.0),
        (date(2025, 6, 1), 3.0),
    ]
    result = analyse_progression("edss", edss, [])
    scans = [
        scan(date(2022, 5, 1), "quiet"),
        scan(date(2023, 5, 1), "active"),
        scan(date(2024, 5, 1), "unknown"),
        # 2025: no scan at all
    ]
    onsets = [date(2024, 8, 1)]
    periods = by_label(
        neda.periods(SPAN, onsets, scans, [d for d, _ in edss], result.events, "EDSS")
    )

    y2022 = periods["2022"]
    assert (y2022.relapse_free.value, y2022.mri_quiet.value, y2022.no_worsening.value) == (
        True,
        True,
        True,
    )
    assert y2022.neda is True
    assert y2022.mri_quiet.basis == "1 scan, all quiet"

    y2023 = periods["2023"]
    assert y2023.mri_quiet.value is False
    assert y2023.no_worsening.value is False  # CDW onset in 2023
    assert "RAW" not in y2023.no_worsening.basis
    assert y2023.neda is False

    y2024 = periods["2024"]
    assert y2024.relapse_free.value is False
    assert y2024.mri_quiet.value is None  # the report did not say: never "quiet"
    assert y2024.neda is False  # a relapse is enough

    y2025 = periods["2025"]
    assert y2025.relapse_free.value is True
    assert y2025.mri_quiet.value is None
    assert y2025.mri_quiet.basis == "no scan"
    assert y2025.no_worsening.value is True
    assert y2025.neda is None  # unknown, not a reassuring yes

    whole = periods["2022-01-01/2025-12-31"]
    assert whole.is_range
    assert whole.neda is False
    assert whole.to_dict() == {
        "period": "2022-01-01/2025-12-31",
        "start": date(2022, 1, 1),
        "end": date(2025, 12, 31),
        "relapse_free": False,
        "mri_quiet": False,
        "no_worsening": False,
        "neda": False,
    }


def test_a_year_without_assessments_is_unknown_and_a_quiet_year_is_neda():
    span = DateRange(date(2024, 3, 15), date(2025, 2, 1))
    scans = [scan(date(2024, 6, 1), "quiet"), scan(date(2025, 1, 20), "quiet")]
    periods = by_label(neda.periods(span, [], scans, [date(2024, 4, 1)], [], "EDSS"))
    assert periods["2024"].start == date(2024, 3, 15)  # clipped to the range
    assert periods["2024"].neda is True
    assert periods["2025"].no_worsening.value is None
    assert periods["2025"].no_worsening.basis == "no EDSS assessment"
    assert periods["2025"].neda is None


def test_quiet_and_unknown_scans_together_are_unknown():
    part = neda.mri_part([scan(date(2024, 1, 1), "quiet"), scan(date(2024, 6, 1), "unknown")],
                         date(2024, 1, 1), date(2024, 12, 31))  # fmt: skip
    assert part.value is None


def test_pseudo_relapses_never_reach_neda():
    # The caller passes episode onsets without pseudo-relapses (dashboard.gather); an
    # empty list is a relapse-free year.
    assert neda.relapse_part([], date(2024, 1, 1), date(2024, 12, 31)).value is True


def edss_pira():
    # 3.0 -> 4.0 without a relapse, confirmed 6 months later: PIRA.
    edss = [(date(2024, 1, 1), 3.0), (date(2024, 7, 1), 4.0), (date(2025, 1, 1), 4.0)]
    return analyse_progression("edss", edss, []).events


def test_silent_progression_needs_quiet_scans_between_baseline_and_confirmation():
    events = edss_pira()
    assert events[0].classification.value == "PIRA"
    quiet = [scan(date(2024, 4, 1), "quiet"), scan(date(2024, 12, 1), "quiet")]
    [found] = neda.silent_progression(events, quiet)
    assert found.event is events[0]
    assert len(found.scans) == 2


@pytest.mark.parametrize(
    "scans",
    [
        [],  # no scan: no claim
        [scan(date(2024, 4, 1), "quiet"), scan(date(2024, 12, 1), "active")],
        [scan(date(2024, 4, 1), "unknown")],
        [scan(date(2023, 6, 1), "quiet")],  # before the baseline: not this period
    ],
)
def test_no_silent_progression_without_quiet_scans_in_the_period(scans):
    assert neda.silent_progression(edss_pira(), scans) == ()


def test_raw_is_never_silent_progression():
    edss = [(date(2024, 1, 1), 3.0), (date(2024, 3, 1), 4.0), (date(2024, 9, 1), 4.0)]
    events = analyse_progression("edss", edss, [date(2024, 2, 1)]).events
    assert events[0].classification.value == "RAW"
    assert neda.silent_progression(events, [scan(date(2024, 5, 1), "quiet")]) == ()


@pytest.mark.django_db
def test_neda3_in_the_progression_api(patient, patient_api):
    import time_machine

    from tests.journal.factories import MeasureFactory, MriFactory, RelapseFactory

    with time_machine.travel(date(2025, 3, 1), tick=False):
        MeasureFactory(user=patient, kind="edss", date=date(2023, 2, 1), value=2.0)
        MeasureFactory(user=patient, kind="edss", date=date(2023, 8, 1), value=2.0)
        RelapseFactory(user=patient, onset=date(2024, 4, 1), end=date(2024, 4, 20))
        RelapseFactory(  # a pseudo-relapse never counts
            user=patient, onset=date(2023, 5, 1), end=date(2023, 5, 3), fever_or_infection=True
        )
        MriFactory(user=patient, date=date(2023, 6, 1), new_t2_lesions=0, enhancing_lesions=0)
        MriFactory(user=patient, date=date(2024, 6, 1), new_t2_lesions=None, contrast=False,
                   enhancing_lesions=None)  # fmt: skip
        response = patient_api.get(
            "/api/v1/progression/", {"date_from": "2023-01-01", "date_to": "2024-12-31"}
        )
    assert response.status_code == 200
    assert response.json()["neda3"] == [
        {"period": "2023", "start": "2023-01-01", "end": "2023-12-31", "relapse_free": True,
         "mri_quiet": True, "no_worsening": True, "neda": True},
        {"period": "2024", "start": "2024-01-01", "end": "2024-12-31", "relapse_free": False,
         "mri_quiet": None, "no_worsening": None, "neda": False},
        {"period": "2023-01-01/2024-12-31", "start": "2023-01-01", "end": "2024-12-31",
         "relapse_free": False, "mri_quiet": None, "no_worsening": True, "neda": False},
    ]  # fmt: skip
