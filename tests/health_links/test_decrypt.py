"""A recipient opens a health link by an independent path and gets the FHIR export.

The test parses the ``shlink:/`` payload itself, posts to the manifest, fetches the
file, decrypts it with jwcrypto, validates the bundle with fhir.resources (R4B) and
compares its entries with ``GET /api/v1/export/?format=fhir``.
"""

import json

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from tests.health_links.shl_client import get_file, open_link, parse, post_manifest
from tests.journal.factories import MeasureFactory
from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db


def create(patient_api, **body):
    response = patient_api.post("/api/v1/health-links/", {"label": "For the ED", **body})
    assert response.status_code == 201, response.content
    return response.json()


def export_entries(patient_api):
    response = patient_api.get("/api/v1/export/?format=fhir")
    return json.loads(b"".join(response.streaming_content))["entry"]


def test_the_decrypted_bundle_validates_and_is_the_fhir_export(patient, patient_api):
    every_kind_of_record(patient)
    link = create(patient_api, passcode="blue-heron", expires_in_days=7)
    payload = parse(link["shlink"])
    assert payload["flag"] == "P"
    assert payload["label"] == "For the ED"
    assert payload["v"] == 1

    manifest, header, bundle = open_link(link["shlink"], passcode="blue-heron")

    (entry,) = manifest["files"]
    assert entry["contentType"] == "application/fhir+json"
    assert entry["fhirVersion"] == "4.0.1"
    assert header == {"alg": "dir", "enc": "A256GCM", "cty": "application/fhir+json"}
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    for item in bundle["entry"]:
        resource = item["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    assert bundle["entry"] == export_entries(patient_api)


def test_the_link_shows_the_data_as_it_is_at_each_request(patient, patient_api):
    link = create(patient_api)
    _, _, before = open_link(link["shlink"])
    MeasureFactory(user=patient)
    _, _, after = open_link(link["shlink"])
    assert len(after["entry"]) == len(before["entry"]) + 1


def test_a_snapshot_is_frozen_at_creation(patient, patient_api):
    link = create(patient_api, snapshot=True)
    MeasureFactory(user=patient)
    manifest, _, bundle = open_link(link["shlink"])
    assert manifest["files"][0]["status"] == "finalized"
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == ["Patient"]
    assert link["snapshot"] is True


def test_the_contents_narrow_the_bundle_and_bring_what_they_refer_to(patient, patient_api):
    every_kind_of_record(patient)
    conditions = create(patient_api, contents=["Condition"])
    _, _, bundle = open_link(conditions["shlink"])
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} == {"Patient", "Condition"}

    reports = create(patient_api, contents=["DiagnosticReport"])
    assert reports["contents"] == [
        "Patient",
        "Observation",
        "DiagnosticReport",
        "QuestionnaireResponse",
    ]
    _, _, bundle = open_link(reports["shlink"])
    urls = {e["fullUrl"] for e in bundle["entry"]}
    references = [part.split('"')[0] for part in json.dumps(bundle).split('"reference": "')[1:]]
    assert references
    assert set(references) <= urls


def test_embedded_when_the_client_allows_it_else_a_location(patient, patient_api):
    link = create(patient_api)
    payload = parse(link["shlink"])
    roomy = post_manifest(payload, embeddedLengthMax=10_000_000).json()["files"][0]
    assert "embedded" in roomy
    assert "location" not in roomy
    tight = post_manifest(payload, embeddedLengthMax=10).json()["files"][0]
    assert "location" in tight
    assert "embedded" not in tight
    assert get_file(tight["location"]).status_code == 200


def test_a_period_keeps_what_falls_in_it_as_the_visit_summary_counts_it(patient, patient_api):
    import datetime as dt

    import time_machine

    from tests.journal.factories import RelapseFactory

    patient.ms_course, patient.diagnosis_year = "rrms", 2015
    patient.save()
    with time_machine.travel(dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        every_kind_of_record(patient)
        MeasureFactory(user=patient, date=dt.date(2025, 5, 1))
        RelapseFactory(user=patient, onset=dt.date(2025, 4, 1), end=None)
        link = create(patient_api, period="6m")
        assert link["period"] == "6m"
        _, _, bundle = open_link(link["shlink"])
        whole = export_entries(patient_api)
    Bundle.model_validate(bundle)
    assert 0 < len(bundle["entry"]) < len(whole)
    days = [
        (e["resource"].get("effectiveDateTime") or e["resource"].get("authored") or "")[:10]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] in ("Observation", "QuestionnaireResponse")
    ]
    assert "2025-05-01" in days
    assert all("2024-12-01" <= day <= "2025-06-01" for day in days)
    conditions = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Condition"
    ]
    assert conditions[0]["onsetDateTime"] == "2015"  # MS itself, always
    assert "2025-04-01" in [c["onsetDateTime"] for c in conditions]
    urls = {e["fullUrl"] for e in bundle["entry"]}
    references = [part.split('"')[0] for part in json.dumps(bundle).split('"reference": "')[1:]]
    assert set(references) <= urls
