"""GET /api/v1/progression/: the patient's RAW/PIRA events and headline figures for a
measure and date range; other people get nothing, bad input a 400 with field messages."""

from datetime import timedelta

import pytest

from tests.journal.dashboard_story import tell_story

pytestmark = pytest.mark.django_db

URL = "/api/v1/progression/"


@pytest.fixture
def story(patient):
    return tell_story(patient)


def test_events_are_classified_over_the_whole_history(patient_api, story):
    response = patient_api.get(URL, {"measure": "edss"})
    assert response.status_code == 200
    body = response.json()
    assert body["measure"] == "edss"
    assert body["date_to"] == story.isoformat()
    # From the first record (the first EDSS; smoking statuses do not start follow-up).
    assert body["date_from"] == (story - timedelta(days=700)).isoformat()
    assert [(e["type"], e["classification"]) for e in body["events"]] == [
        ("CDW", "RAW"),
        ("CDW", "PIRA"),
    ]
    raw, pira = body["events"]
    assert raw["onset"] == (story - timedelta(days=520)).isoformat()
    assert raw["confirmed"] == (story - timedelta(days=400)).isoformat()
    assert (raw["baseline_value"], raw["value"]) == (2.0, 3.0)
    assert (pira["baseline_value"], pira["value"]) == (3.0, 4.0)


def test_the_headline_figures(patient_api, story):
    figures = patient_api.get(URL).json()["figures"]
    assert figures["event_counts"] == {"raw": 1, "pira": 1, "unclassified": 0, "improvements": 0}
    assert figures["disability_change"]["relapse_free"] == 1.0
    assert figures["disability_change"]["around_relapses"] == 1.0
    assert figures["disability_change"]["net"] == 2.0
    # Two relapses (the pseudo-relapse is left out) in the 701 days of records.
    rate = figures["relapse_rate"]
    assert rate["relapses"] == 2
    assert rate["rate"] == pytest.approx(2 / rate["years"], abs=1e-3)
    assert sum(y["relapses"] for y in rate["per_year"]) == 2
    assert figures["time_since_last_relapse"]["days"] == 30
    burden = figures["symptom_burden"]
    assert (burden["after_relapse"], burden["after_relapse_days"]) == (8.0, 10)
    assert (burden["relapse_free"], burden["relapse_free_days"]) == (2.0, 10)
    assert figures["adherence"]["drug"] == "Dimethyl fumarate"
    assert figures["aerobic_exercise"]["goal_minutes"] == 90
    assert figures["vitamin_d"]["latest"]["band"] == "insufficient"
    assert figures["vitamin_d"]["supplementation_days_last_30"] == 15
    assert figures["smoking"] == {
        "status": "former",
        "quit_date": (story - timedelta(days=100)).isoformat(),
        "smoke_free_days": 100,
    }


def test_a_range_shows_its_own_events_classified_with_earlier_relapses(patient_api, story):
    """The RAW onset's relapse lies before the range: it still counts."""
    body = patient_api.get(
        URL,
        {
            "date_from": (story - timedelta(days=530)).isoformat(),
            "date_to": (story - timedelta(days=450)).isoformat(),
        },
    ).json()
    assert [e["classification"] for e in body["events"]] == ["RAW"]
    assert body["figures"]["event_counts"]["pira"] == 0
    assert body["figures"]["relapse_rate"]["relapses"] == 0
    # "Now" figures are as of date_to: the last relapse then was the first one.
    assert body["figures"]["time_since_last_relapse"]["days"] == 580 - 450
    assert body["figures"]["smoking"]["status"] == "current"


def test_another_measure(patient_api, story):
    body = patient_api.get(URL, {"measure": "t25fw"}).json()
    assert body["measure"] == "t25fw"
    assert body["events"] == []


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"measure": "iq"}, "measure", "Choose one of: edss, pdds"),
        ({"date_from": "last week"}, "date_from", "Date has wrong format"),
        ({"date_from": "2025-02-30"}, "date_from", "Date has wrong format"),
        ({"date_from": "2025-03-01", "date_to": "2025-02-01"}, "date_from", "on or before"),
        ({"date_to": "2999-01-01"}, "date_to", "cannot be in the future"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(patient_api, params, field, message):
    response = patient_api.get(URL, params)
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])


def test_only_the_owner_sees_their_progression(api_client, other_patient_api, clinician_api, story):
    assert other_patient_api.get(URL).json()["events"] == []
    assert clinician_api.get(URL).status_code == 403
    assert api_client.get(URL).status_code == 401


def test_a_patient_without_records_gets_empty_figures(patient_api):
    body = patient_api.get(URL).json()
    assert body["events"] == []
    figures = body["figures"]
    assert figures["relapse_rate"] is None
    assert figures["time_since_last_relapse"] is None
    assert figures["adherence"] is None
    assert figures["vitamin_d"]["latest"] is None
    assert figures["smoking"]["status"] is None


def test_documented_with_its_response_and_example(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/progression/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"measure", "date_from", "date_to"}
    content = operation["responses"]["200"]["content"]["application/json"]
    assert content["schema"]["$ref"].endswith("/Progression")
    assert content["examples"]
    event = schema["components"]["schemas"]["ProgressionEvent"]["properties"]
    assert {"type", "classification", "onset", "confirmed", "baseline_value", "value"} <= set(event)
