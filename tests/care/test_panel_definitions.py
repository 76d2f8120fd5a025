"""The panel's "new RAW or PIRA" flag follows the PIRA definition the clinician chose,
and says which when it is not the standard one; still in one query."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mstracker.care import summary
from mstracker.care.flags import flags
from mstracker.care.models import ClinicianPreferences
from tests.care.factories import ShareFactory
from tests.journal.factories import MeasureFactory, RelapseFactory

pytestmark = pytest.mark.django_db

PANEL = "/api/v1/clinician/patients/"


@pytest.fixture
def relapse_during_confirmation(patient, clinician):
    """EDSS 2.0 -> 3.0, a relapse 60 days after the onset, 3.0 held 120 and 220 days
    after it: PIRA under the standard definition, unlabelled under high specificity."""
    ShareFactory(patient=patient, clinician=clinician)
    today = patient.local_today()
    for days, value in ((600, 2.0), (500, 2.0), (400, 3.0), (280, 3.0), (180, 3.0)):
        MeasureFactory(user=patient, date=today - timedelta(days=days), value=value)
    onset = today - timedelta(days=340)
    RelapseFactory(user=patient, onset=onset, end=onset + timedelta(days=20))
    return summary.refresh(patient).facts


def cdw_flag(clinician_api):
    (row,) = clinician_api.get(PANEL).json()
    return [f["text"] for f in row["flags"] if f["code"] == "new_cdw"]


def test_the_summary_keeps_the_worsenings_of_every_definition(relapse_during_confirmation):
    facts = relapse_during_confirmation

    assert [e["classification"] for e in facts["cdw"]] == ["PIRA"]
    by_definition = facts["cdw_by_definition"]
    assert set(by_definition) == {"rebaseline", "high_specificity", "standard_24w"}
    assert [e["classification"] for e in by_definition["high_specificity"]] == [None]


def test_a_standard_clinician_is_flagged_the_pira(clinician_api, relapse_during_confirmation):
    (text,) = cdw_flag(clinician_api)

    assert "PIRA on EDSS" in text
    assert "definition" not in text


def test_a_high_specificity_clinician_is_not(clinician_api, clinician, relapse_during_confirmation):
    ClinicianPreferences.objects.create(
        clinician=clinician, progression_definition="high_specificity"
    )

    assert cdw_flag(clinician_api) == []


def test_the_flag_names_a_chosen_definition(clinician_api, clinician, relapse_during_confirmation):
    ClinicianPreferences.objects.create(clinician=clinician, progression_definition="rebaseline")

    (text,) = cdw_flag(clinician_api)

    assert text.endswith("(re-baseline after relapse definition).")


def test_facts_from_before_the_definitions_fall_back_to_the_standard_worsenings():
    event = {
        "measure": "edss",
        "onset": "2025-01-02",
        "confirmed": "2025-04-01",
        "classification": "PIRA",
        "first_seen": "2025-04-02T00:00:00+00:00",
    }
    today = date(2025, 6, 30)

    raised = flags({"cdw": [event]}, today, ["relapses_measures"], None, "high_specificity")

    assert [f.code for f in raised] == ["new_cdw"]


def test_the_panel_still_reads_in_one_query(clinician_api, clinician, relapse_during_confirmation):
    ClinicianPreferences.objects.create(clinician=clinician, progression_definition="rebaseline")

    with CaptureQueriesContext(connection) as queries:
        clinician_api.get(PANEL)

    assert len(queries) <= 3  # token, user, the panel's one query
