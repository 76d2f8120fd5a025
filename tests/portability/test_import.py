"""POST /api/v1/import/: our own JSON export in, clear refusals, nothing partly imported."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from journal.models import CheckIn, Measure
from mstracker.portability.export_json import json_chunks
from tests.journal.factories import CheckInFactory
from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(other_patient):
    every_kind_of_record(other_patient)
    return json.loads(b"".join(json_chunks(other_patient)))


def test_import_as_a_json_body_answers_counts_per_kind(patient_api, patient, exported):
    response = patient_api.post("/api/v1/import/", exported, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["imported"]["checkins"] == 2
    assert body["imported"]["measures"] == 5
    assert CheckIn.objects.filter(user=patient).count() == 2


def test_import_as_a_multipart_file(patient_api, patient, exported):
    upload = SimpleUploadedFile("export.json", json.dumps(exported).encode(), "application/json")
    response = patient_api.post("/api/v1/import/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.json()
    assert Measure.objects.filter(user=patient).count() == 5


def test_a_wrong_schema_version_is_refused(patient_api, exported):
    response = patient_api.post("/api/v1/import/", {**exported, "schema_version": 7}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "schema_version"
    assert "schema_version 7" in response.json()["detail"]


def test_a_bad_row_names_its_kind_and_position_and_nothing_is_imported(
    patient_api, patient, exported
):
    exported["measures"][3]["value"] = 99
    response = patient_api.post("/api/v1/import/", exported, format="json")
    assert response.status_code == 400
    (problem,) = response.json()["errors"]
    assert problem["kind"] == "measures"
    assert problem["position"] == 3
    assert problem["field"] == "value"
    assert response.json()["detail"].startswith("measures[3].value: ")
    assert not CheckIn.objects.filter(
        user=patient
    ).exists()  # imported before measures, rolled back


def test_an_unknown_field_or_a_broken_reference_is_refused(patient_api, exported):
    exported["checkins"][0]["mood_ring"] = 3
    exported["dose_logs"][0]["course"] = 999999
    response = patient_api.post("/api/v1/import/", exported, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"message": "Unknown field.", "kind": "checkins", "position": 0, "field": "mood_ring"}
    ]


def test_a_file_that_is_not_json_is_a_400(patient_api):
    response = patient_api.post("/api/v1/import/", b"not json", content_type="application/json")
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]


def test_an_account_with_records_is_refused_unless_merge(patient_api, patient, exported):
    CheckInFactory(user=patient, date="2024-05-01", wellbeing=2, note="mine")
    response = patient_api.post("/api/v1/import/", exported, format="json")
    assert response.status_code == 400
    assert "already has records (1 checkins)" in response.json()["detail"]

    response = patient_api.post("/api/v1/import/?mode=merge", exported, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["imported"]["checkins"] == 1
    assert body["skipped"]["checkins"] == 1
    assert {"kind": "checkins", "position": 0, "reason": "Already there (date 2024-05-01)."} in (
        body["skipped_rows"]
    )
    mine = CheckIn.objects.get(user=patient, date="2024-05-01")
    assert (mine.wellbeing, mine.note) == (2, "mine")  # never overwritten


def test_a_merge_twice_adds_nothing_the_second_time(patient_api, patient, exported):
    assert (
        patient_api.post("/api/v1/import/?mode=merge", exported, format="json").status_code == 201
    )
    response = patient_api.post("/api/v1/import/?mode=merge", exported, format="json")
    assert response.status_code == 201, response.json()
    assert sum(response.json()["imported"].values()) == 0
    assert CheckIn.objects.filter(user=patient).count() == 2


def test_a_file_over_the_limit_is_refused(patient_api, exported, settings):
    settings.IMPORT_MAX_BYTES = 1000
    response = patient_api.post("/api/v1/import/", exported, format="json")
    assert response.status_code == 413
    assert "import limit" in response.json()["detail"]


def test_clinicians_cannot_import(clinician_api, exported):
    assert clinician_api.post("/api/v1/import/", exported, format="json").status_code == 403


@pytest.mark.parametrize(
    ("kind", "field_name", "value"),
    [
        ("measures", "id", [1]),
        ("courses", "id", {"a": 1}),
        ("dose_logs", "course", [1]),
        ("courses", "drug_code", ["ocrelizumab"]),
    ],
)
def test_an_id_or_code_that_is_not_a_plain_value_is_a_400(
    patient_api, patient, exported, kind, field_name, value
):
    assert exported[kind], f"the fixture account has no {kind}"
    exported[kind][0][field_name] = value
    response = patient_api.post("/api/v1/import/", exported, format="json")
    assert response.status_code == 400
    problem = response.json()["errors"][0]
    assert (problem["kind"], problem["position"], problem["field"]) == (kind, 0, field_name)
    assert not CheckIn.objects.filter(user=patient).exists()


def test_hidden_symptoms_that_are_not_a_list_are_a_400(patient_api, exported):
    exported["journal_settings"][0]["hidden_symptoms"] = 5
    response = patient_api.post("/api/v1/import/", exported, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "hidden_symptoms"


def test_a_nul_character_in_the_file_is_a_400(patient_api, patient, exported):
    exported["checkins"][0]["note"] = "bad\u0000note"
    response = patient_api.post("/api/v1/import/", exported, format="json")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert not CheckIn.objects.filter(user=patient).exists()


def test_json_nested_too_deep_is_a_400(patient_api):
    body = "[" * 100_000 + "]" * 100_000
    response = patient_api.generic("POST", "/api/v1/import/", body, content_type="application/json")
    assert response.status_code == 400


def test_the_upload_form_refuses_a_nul_character(patient_client, patient, exported):
    exported["checkins"][0]["note"] = "bad\u0000note"
    upload = SimpleUploadedFile("export.json", json.dumps(exported).encode(), "application/json")
    response = patient_client.post("/accounts/data/", {"file": upload})
    assert response.status_code == 200
    assert "NUL" in response.content.decode()
    assert not CheckIn.objects.filter(user=patient).exists()
