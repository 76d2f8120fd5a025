"""A clinician's export of a sharing patient (issue 12): the share's scopes decide which
kinds are in it, in every format; one access-log row; refused like a missing patient
when the share has ended."""

import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from rest_framework.test import APIClient

from mstracker.care.models import AccessEvent
from mstracker.care.scopes import Scope
from mstracker.portability.kinds import KINDS
from tests.care.factories import ShareFactory
from tests.factories import ClinicianFactory, api_token
from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db

# What a share of symptoms and relapses/measures opens, kind by kind.
SYMPTOMS_AND_MEASURES = {
    "profile",
    "symptoms",
    "checkins",
    "relapses",
    "measures",
    "mri_reports",
    "self_tests",
    "visit_note",
}
NEVER_TO_A_CLINICIAN = {
    "journal_settings",
    "reminders",
    "notifications",
    "shares",
    "access_log",
    "clinical_notes",
}


@pytest.fixture
def account(patient):
    return every_kind_of_record(patient)


@pytest.fixture
def clinician():
    return ClinicianFactory(first_name="Ida", last_name="Imaging")


def client_of(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


def export(client, patient, fmt):
    response = client.get(f"/api/v1/clinician/patients/{patient.pk}/export/?format={fmt}")
    assert response.status_code == 200, response.content
    return response, b"".join(response.streaming_content)


@pytest.fixture
def shared(account, clinician):
    ShareFactory(
        patient=account, clinician=clinician, scopes=[Scope.SYMPTOMS, Scope.RELAPSES_MEASURES]
    )
    return client_of(clinician)


def test_json_holds_only_what_the_share_covers_and_says_so(account, shared, patient_api):
    response, body = export(shared, account, "json")
    document = json.loads(body)
    assert response["Content-Type"] == "application/json"
    assert f'filename="mstracker-{account.username}-shared-' in response["Content-Disposition"]
    kinds = set(document) - {"schema_version", "exported_at", "shared_scopes"}
    assert kinds == SYMPTOMS_AND_MEASURES
    assert document["shared_scopes"] == ["relapses_measures", "symptoms"]
    assert not kinds & NEVER_TO_A_CLINICIAN

    # The rows are the patient's own export's rows of those kinds.
    own = json.loads(b"".join(patient_api.get("/api/v1/export/?format=json").streaming_content))
    for kind in kinds:
        assert document[kind] == own[kind], kind


def test_every_kind_a_share_can_cover_reaches_a_clinician_of_every_scope(account, clinician):
    ShareFactory(patient=account, clinician=clinician)  # every scope
    _, body = export(client_of(clinician), account, "json")
    kinds = set(json.loads(body)) - {"schema_version", "exported_at", "shared_scopes"}
    assert kinds == {k.name for k in KINDS} - NEVER_TO_A_CLINICIAN


def test_the_csv_zip_has_one_file_per_covered_kind(account, shared):
    response, body = export(shared, account, "csv")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert set(archive.namelist()) == {f"{k}.csv" for k in SYMPTOMS_AND_MEASURES}
    checkins = list(csv.reader(io.StringIO(archive.read("checkins.csv").decode("utf-8-sig"))))
    assert len(checkins) == 3  # the header and two days


def test_fhir_validates_and_leaves_out_what_is_not_shared(account, clinician):
    ShareFactory(patient=account, clinician=clinician, scopes=[Scope.THERAPIES])
    response, body = export(client_of(clinician), account, "fhir")
    assert response["Content-Type"] == "application/fhir+json"
    bundle = Bundle.model_validate_json(body)
    types = {entry.resource.get_resource_type() for entry in bundle.entry}
    assert types == {
        "Patient",
        "Condition",
        "Observation",  # monitoring labs belong to the therapies scope
        "MedicationStatement",
        "MedicationAdministration",
    }
    observations = [
        e.resource for e in bundle.entry if e.resource.get_resource_type() == "Observation"
    ]
    assert {o.category[0].coding[0].code for o in observations} == {"laboratory"}
    conditions = [e.resource for e in bundle.entry if e.resource.get_resource_type() == "Condition"]
    assert [c.code.coding[0].code for c in conditions] == ["24700007"]  # MS, no relapse
    names = {
        e.resource.medicationCodeableConcept.text
        for e in bundle.entry
        if e.resource.get_resource_type() == "MedicationAdministration"
    }
    assert "Vitamin D (cholecalciferol)" not in names  # lifestyle is not shared


def test_ndjson_has_files_only_for_the_shared_resource_types(account, shared):
    _, body = export(shared, account, "ndjson")
    archive = zipfile.ZipFile(io.BytesIO(body))
    sizes = {name: len(archive.read(name)) for name in archive.namelist()}
    assert sizes["MedicationStatement.ndjson"] == 0
    assert sizes["MedicationAdministration.ndjson"] == 0
    assert sizes["Observation.ndjson"] > 0


def test_each_export_is_one_access_log_row_the_patient_sees(
    account, shared, clinician, patient_api
):
    before = AccessEvent.objects.filter(patient=account).count()
    export(shared, account, "json")
    assert AccessEvent.objects.filter(patient=account).count() == before + 1
    event = AccessEvent.objects.filter(patient=account).latest("at")
    assert (event.reader, event.what) == (clinician, "export")
    log = patient_api.get("/api/v1/access-log/").json()
    rows = log["results"] if isinstance(log, dict) else log
    assert any(row["what"] == "export" for row in rows)


@pytest.mark.parametrize("ended", ["expired", "revoked", "never", "other_patient"])
def test_an_ended_share_looks_like_a_missing_patient(account, clinician, other_patient, ended):
    now = timezone.now()
    if ended == "expired":
        ShareFactory(patient=account, clinician=clinician, expires_at=now - timedelta(minutes=1))
    elif ended == "revoked":
        ShareFactory(patient=account, clinician=clinician, revoked_at=now)
    elif ended == "other_patient":
        ShareFactory(patient=other_patient, clinician=clinician)
    client = client_of(clinician)
    missing = client.get("/api/v1/clinician/patients/999999/export/?format=json")
    response = client.get(f"/api/v1/clinician/patients/{account.pk}/export/?format=json")
    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()
    assert not AccessEvent.objects.filter(patient=account, what="export").exists()


def test_a_bad_format_is_a_400_naming_it(account, shared):
    response = shared.get(f"/api/v1/clinician/patients/{account.pk}/export/?format=xml")
    assert response.status_code == 400
    assert "format" in response.json()
