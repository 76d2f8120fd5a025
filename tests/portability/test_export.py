"""GET /api/v1/export/: four formats, the whole account, only the patient's own rows."""

import csv
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.care.factories import ShareFactory
from tests.factories import api_token
from tests.journal.factories import CheckInFactory, MeasureFactory
from tests.journal.history import seed_history
from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def download(client, fmt):
    response = client.get(f"/api/v1/export/?format={fmt}")
    assert response.status_code == 200, response.content
    return response, b"".join(response.streaming_content)


@pytest.fixture
def account(patient):
    return every_kind_of_record(patient)


@pytest.mark.parametrize(
    ("fmt", "content_type", "name"),
    [
        ("json", "application/json", "json"),
        ("csv", "application/zip", "csv.zip"),
        ("fhir", "application/fhir+json", "fhir.json"),
        ("ndjson", "application/zip", "ndjson.zip"),
    ],
)
def test_each_format_downloads_with_its_type_and_file_name(
    account, patient_api, fmt, content_type, name
):
    response, body = download(patient_api, fmt)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="mstracker-alice-')
    assert response["Content-Disposition"].endswith(f'.{name}"')
    assert body


def test_json_holds_every_kind_with_scores_and_episodes(account, patient_api):
    _, body = download(patient_api, "json")
    document = json.loads(body)
    assert document["schema_version"] == 1
    assert document["profile"]["time_zone"] == "Europe/Berlin"
    assert "password" not in document["profile"]
    first = document["checkins"][0]
    assert first["date"] == "2024-05-01"
    assert first["scores"] == {"fatigue": 7, "my_tremor": 2}
    assert first["note"] == "Tired, «ça va»"
    assert document["checkins"][1]["scores"] == {}
    assert [r["episode_of_onset"] for r in document["relapses"]] == [None, "2024-03-01", None]
    assert document["journal_settings"][0]["hidden_symptoms"] == ["heat"]
    assert document["symptoms"][0]["code"] == "my_tremor"
    own, fumarate = sorted(document["courses"], key=lambda c: c["drug_code"])
    assert fumarate["drug"] is None
    assert fumarate["drug_code"] == "dimethyl-fumarate"
    assert own["drug"] == document["drugs"][0]["id"]
    assert {d["status"] for d in document["dose_logs"]} == {"taken", "missed", "late"}
    assert {q["kind"]: (q["score"], q["band"]) for q in document["questionnaires"]} == {
        "gad7": (5, "mild"),
        "phq9": (9, "mild"),
    }


def test_csv_has_a_file_per_kind_and_a_score_column_per_symptom(account, patient_api):
    _, body = download(patient_api, "csv")
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert "checkins.csv" in archive.namelist()
    assert "dose_logs.csv" in archive.namelist()
    text = archive.read("checkins.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["date"] == "2024-05-01"
    assert rows[0]["fatigue"] == "7"
    assert rows[0]["my_tremor"] == "2"
    assert rows[0]["walking"] == ""
    assert list(rows[0])[-1] == "my_tremor"  # own symptoms after the catalogue's
    relapses = list(csv.DictReader(io.StringIO(archive.read("relapses.csv").decode("utf-8-sig"))))
    assert relapses[0]["functions"] == '["vision", "walking"]'
    assert relapses[0]["steroids"] == "true"


def test_another_patients_rows_are_not_in_the_export(account, other_patient, patient_api):
    CheckInFactory(user=other_patient, date="2024-05-03", note="bob's day")
    MeasureFactory(user=other_patient, kind="edss", value=6.5)
    ShareFactory(patient=other_patient, clinician=account.shares_given.first().clinician)
    for fmt in ("json", "fhir"):
        _, body = download(patient_api, fmt)
        assert b"bob" not in body
        # Numbers, not bytes: a timestamp's "...:46.5..." is not Bob's EDSS.
        assert 6.5 not in numbers(json.loads(body))
    shares = json.loads(download(patient_api, "json")[1])["shares"]
    assert len(shares) == account.shares_given.count()


def numbers(value):
    """Every number in a parsed JSON document."""
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in numbers(v)]
    return [value] if isinstance(value, int | float) and not isinstance(value, bool) else []


def test_a_bad_format_is_a_400_naming_it(patient_api):
    response = patient_api.get("/api/v1/export/?format=xml")
    assert response.status_code == 400
    assert response.json() == {"format": ["Choose one of json, csv, fhir, ndjson."]}


def test_clinicians_and_anonymous_visitors_get_no_export(clinician_api, api_client):
    assert clinician_api.get("/api/v1/export/").status_code == 403
    assert api_client.get("/api/v1/export/").status_code == 401


def test_the_browser_session_downloads_too(account, patient_client):
    response = patient_client.get("/api/v1/export/?format=json")
    assert response.status_code == 200
    assert json.loads(b"".join(response.streaming_content))["checkins"]


@pytest.mark.parametrize("fmt", ["json", "csv", "fhir", "ndjson"])
def test_queries_do_not_grow_with_the_history(patient, other_patient, patient_api, fmt):
    """One query per kind whatever the account's size (rows stream from cursors)."""
    seed_history(patient, 0.1)
    seed_history(other_patient, 1)
    other_api = token_client(other_patient)
    with CaptureQueriesContext(connection) as month:
        download(patient_api, fmt)
    with CaptureQueriesContext(connection) as year:
        download(other_api, fmt)
    assert len(year) == len(month)
