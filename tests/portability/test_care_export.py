"""The care team in the export: shares, the access log and clinical notes are exported
(JSON, CSV), never imported, and go with the account."""

import csv
import io
import json
import zipfile

import pytest

from mstracker.care.models import AccessEvent, ClinicalNote, Invitation, PatientSummary, Share
from mstracker.portability.deletion import delete_account
from mstracker.portability.export_json import json_chunks
from tests.care.factories import AccessEventFactory, ShareFactory
from tests.factories import PatientFactory
from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(patient):
    return every_kind_of_record(patient)


def download(client, fmt):
    response = client.get(f"/api/v1/export/?format={fmt}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_json_names_each_share_s_clinician_and_status_not_an_account_id(account, patient_api):
    shares = json.loads(download(patient_api, "json"))["shares"]
    by_status = {s["status"]: s for s in shares}
    assert set(by_status) == {"active", "revoked", "pending"}
    active = by_status["active"]
    assert active["clinician_name"] == "Nora Neuro"
    assert active["clinician_email"] == "nora@clinic.example.org"
    assert active["scopes"] == ["symptoms", "relapses_measures"]
    assert None not in (active["accepted_at"], active["expires_at"], active["last_viewed_at"])
    assert by_status["revoked"]["revoked_at"]
    assert by_status["pending"]["clinician_name"] is None
    assert by_status["pending"]["invited_email"] == "new.neuro@clinic.example.org"
    assert all("clinician" not in s and "patient" not in s for s in shares)


def test_json_holds_the_access_log_and_clinical_notes(account, patient_api):
    document = json.loads(download(patient_api, "json"))
    assert [
        (e["reader_name"], e["what"], e["object_id"], e["ip"]) for e in document["access_log"]
    ] == [
        ("Nora Neuro", "summary", "", "192.0.2.7"),
        ("Nora Neuro", "relapses", "12", "192.0.2.7"),
    ]
    assert all(e["at"] and "reader" not in e for e in document["access_log"])
    (note,) = document["clinical_notes"]
    assert (note["clinician_name"], note["text"]) == ("Nora Neuro", "Keep walking daily.")
    assert note["created_at"]


def test_csv_has_a_file_for_shares_the_access_log_and_notes(account, patient_api):
    archive = zipfile.ZipFile(io.BytesIO(download(patient_api, "csv")))
    log = list(csv.DictReader(io.StringIO(archive.read("access_log.csv").decode("utf-8-sig"))))
    assert [row["what"] for row in log] == ["summary", "relapses"]
    shares = list(csv.DictReader(io.StringIO(archive.read("shares.csv").decode("utf-8-sig"))))
    assert {row["status"] for row in shares} == {"active", "revoked", "pending"}
    assert "Keep walking daily." in archive.read("clinical_notes.csv").decode("utf-8-sig")


def test_fhir_leaves_the_care_team_out(account, patient_api):
    assert b"Nora" not in download(patient_api, "fhir")


def test_another_patients_shares_and_log_are_not_in_the_export(account, other_patient, patient_api):
    share = ShareFactory(patient=other_patient, scopes=["lifestyle"])
    AccessEventFactory(patient=other_patient, reader=share.clinician, what="bob-only")
    document = json.loads(download(patient_api, "json"))
    assert {s["scopes"][0] for s in document["shares"]} == {"symptoms", "lifestyle", "therapies"}
    assert len(document["shares"]) == 3
    assert "bob-only" not in {e["what"] for e in document["access_log"]}


def test_an_import_skips_the_care_team_and_says_why(account, api_client):
    exported = json.loads(b"".join(json_chunks(account)))
    newcomer = PatientFactory(username="alice-again")
    api_client.force_authenticate(newcomer)

    response = api_client.post("/api/v1/import/", exported, format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    not_imported = body["not_imported"]
    assert {k: v["rows"] for k, v in not_imported.items()} == {
        "shares": 3,
        "access_log": 2,
        "clinical_notes": 1,
    }
    assert "evidence of who read your record" in not_imported["access_log"]["reason"]
    assert body["skipped"] == {}
    assert not Share.objects.filter(patient=newcomer).exists()
    assert not AccessEvent.objects.filter(patient=newcomer).exists()
    assert not ClinicalNote.objects.filter(patient=newcomer).exists()


def test_deletion_removes_the_care_team_but_the_app_still_cannot_delete_the_log(
    account, other_patient
):
    bobs = AccessEventFactory(patient=other_patient)
    nora = account.shares_given.get(revoked_at=None, clinician__isnull=False).clinician
    pk = account.pk

    delete_account(account)

    for model in (Share, ClinicalNote, PatientSummary, AccessEvent):
        assert not model.objects.filter(patient_id=pk).exists(), model
    assert not Invitation.objects.filter(share__patient_id=pk).exists()
    assert list(AccessEvent.objects.all()) == [bobs]
    assert not nora.shares_received.exists()  # the share ended with the account
    with pytest.raises(PermissionError):
        AccessEvent.objects.filter(pk=bobs.pk).delete()
    with pytest.raises(PermissionError):
        bobs.delete()
    with pytest.raises(PermissionError):
        AccessEvent.objects.filter(pk=bobs.pk).update(what="x")
