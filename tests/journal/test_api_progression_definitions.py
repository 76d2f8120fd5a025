"""GET /api/v1/progression/?definition=: the named PIRA definition chosen, and named in
every answer with its options; a clinician's default applies when none is asked for."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from journal.api.progression import ProgressionQuerySerializer
from journal.progression_definitions import HIGH_SPECIFICITY, REBASELINE, STANDARD
from mstracker.care.models import ClinicianPreferences
from tests.care.factories import ShareFactory
from tests.journal.factories import MeasureFactory, RelapseFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/progression/"


@pytest.fixture
def relapse_during_confirmation(patient):
    """EDSS 2.0 -> 3.0 400 days ago, a relapse 340 days ago, 3.0 still 280 and 180 days
    ago: PIRA on the later confirmation for the standard definition, no label for the
    high-specificity one."""
    today = patient.local_today()
    for days, value in ((600, 2.0), (500, 2.0), (400, 3.0), (280, 3.0), (180, 3.0)):
        MeasureFactory(user=patient, date=today - timedelta(days=days), value=value)
    onset = today - timedelta(days=340)
    RelapseFactory(user=patient, onset=onset, end=onset + timedelta(days=20))
    return today


def labels(body):
    return [(e["type"], e["classification"]) for e in body["events"]]


def test_the_answer_names_the_standard_definition_with_its_options(
    patient_api, relapse_during_confirmation
):
    body = patient_api.get(URL).json()

    definition = body["definition"]
    assert (definition["key"], definition["name"]) == ("standard", "Standard")
    assert "Müller" in definition["source"]
    assert definition["options"]["confirmation_days"] == 84
    assert definition["options"]["pira_relapse_free_span"] is False
    assert definition["msprog_options"]["relapse_indep"] == {
        "prec": [0, 0],
        "event": [90, 30],
        "conf": [90, 30],
    }
    assert labels(body) == [("CDW", "PIRA")]


def test_high_specificity_leaves_a_worsening_with_a_relapse_during_confirmation_unlabelled(
    patient_api, relapse_during_confirmation
):
    standard = patient_api.get(URL, {"definition": "standard"}).json()
    strict = patient_api.get(URL, {"definition": "high_specificity"}).json()

    assert labels(standard) == [("CDW", "PIRA")]
    assert labels(strict) == [("CDW", None)]
    assert strict["definition"]["key"] == "high_specificity"
    assert strict["definition"]["options"]["pira_relapse_free_span"] is True
    assert strict["definition"]["msprog_options"]["relapse_indep"]["event"] == [90, None]
    assert strict["figures"]["event_counts"]["pira"] == 0
    assert strict["figures"]["event_counts"]["unclassified"] == 1


def test_rebaseline_names_msprog_relapse_rebl(patient_api, relapse_during_confirmation):
    body = patient_api.get(URL, {"definition": "rebaseline"}).json()

    assert body["definition"]["key"] == "rebaseline"
    assert body["definition"]["msprog_options"]["relapse_rebl"] is True


@pytest.mark.parametrize("bad", ["lenient", "STANDARD", "9" * 5000])
def test_an_unknown_definition_is_a_400_naming_the_choices(patient_api, bad):
    response = patient_api.get(URL, {"definition": bad})

    assert response.status_code == 400
    assert "standard, rebaseline, high_specificity" in response.json()["definition"][0]


def test_a_nul_in_the_definition_is_a_400(patient_api):
    response = patient_api.get(URL, {"definition": "standard\x00"})

    assert response.status_code == 400
    assert "definition" in response.json()


def test_an_empty_definition_is_the_default_as_for_the_other_parameters(
    patient_api, relapse_during_confirmation
):
    assert patient_api.get(URL, {"definition": ""}).json()["definition"]["key"] == "standard"


def query(reader, **params):
    serializer = ProgressionQuerySerializer(
        data=params,
        context={"today": reader.local_today(), "request": SimpleNamespace(user=reader)},
    )
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data["definition"]


def test_a_clinicians_chosen_default_applies_when_no_definition_is_asked_for(clinician):
    assert query(clinician) is STANDARD
    ClinicianPreferences.objects.create(clinician=clinician, progression_definition="rebaseline")

    assert query(clinician) is REBASELINE
    assert query(clinician, definition="high_specificity") is HIGH_SPECIFICITY


def test_a_patient_always_defaults_to_the_standard_definition(patient):
    assert query(patient) is STANDARD


# The clinician's route: the same view behind the access gate ---------------------------


def test_on_the_clinicians_route_their_default_applies_and_is_named(
    clinician_api, clinician, patient, relapse_during_confirmation
):
    ShareFactory(patient=patient, clinician=clinician)
    ClinicianPreferences.objects.create(
        clinician=clinician, progression_definition="high_specificity"
    )
    url = f"/api/v1/clinician/patients/{patient.pk}/progression/"

    chosen = clinician_api.get(url).json()
    asked = clinician_api.get(url, {"definition": "standard"}).json()

    assert chosen["definition"]["key"] == "high_specificity"
    assert labels(chosen) == [("CDW", None)]
    assert asked["definition"]["key"] == "standard"
    assert labels(asked) == [("CDW", "PIRA")]


def test_on_the_clinicians_route_an_unshared_patient_is_a_404(
    clinician_api, patient, relapse_during_confirmation
):
    response = clinician_api.get(f"/api/v1/clinician/patients/{patient.pk}/progression/")

    assert response.status_code == 404
