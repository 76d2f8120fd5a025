"""The "Your data" page and the delete-account page, in the browser's words."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from journal.models import CheckIn
from mstracker.accounts.models import User
from mstracker.portability.export_json import json_chunks
from tests.factories import PASSWORD, current_code, enable_two_factor, sign_in
from tests.journal.page_text import visible_words
from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db


def test_your_data_offers_four_downloads_and_says_what_each_holds(patient_client):
    response = patient_client.get("/accounts/data/")
    text = visible_words(response.content.decode())
    for title in ("Download JSON", "Download CSV", "Download FHIR R4", "Download FHIR NDJSON"):
        assert title in text
    assert "This is the file you can import again." in text
    assert 'href="/api/v1/export/?format=ndjson"' in response.content.decode()


def test_the_profile_links_to_your_data_and_deletion(patient_client):
    text = patient_client.get("/accounts/profile/").content.decode()
    assert 'href="/accounts/data/"' in text
    assert 'href="/accounts/delete/"' in text


def test_an_upload_imports_and_a_bad_file_says_why_next_to_the_field(
    patient_client, patient, other_patient
):
    every_kind_of_record(other_patient)
    document = json.loads(b"".join(json_chunks(other_patient)))
    document["checkins"][1]["wellbeing"] = 11
    bad = SimpleUploadedFile("x.json", json.dumps(document).encode())
    text = visible_words(patient_client.post("/accounts/data/", {"file": bad}).content.decode())
    assert "checkins[1].wellbeing: Ensure this value is less than or equal to 10." in text
    assert not CheckIn.objects.filter(user=patient).exists()

    document["checkins"][1]["wellbeing"] = 7
    good = SimpleUploadedFile("x.json", json.dumps(document).encode())
    text = visible_words(patient_client.post("/accounts/data/", {"file": good}).content.decode())
    assert "Imported:" in text
    assert CheckIn.objects.filter(user=patient).count() == 2


def test_deleting_needs_the_password_and_offers_the_export_first(patient_client, patient):
    page = patient_client.get("/accounts/delete/")
    assert "Keep a copy first" in visible_words(page.content.decode())
    text = visible_words(
        patient_client.post("/accounts/delete/", {"password": "nope"}).content.decode()
    )
    assert "This is not your password." in text
    assert User.objects.filter(pk=patient.pk).exists()

    response = patient_client.post("/accounts/delete/", {"password": PASSWORD}, follow=True)
    assert "Your account and all its records are deleted." in visible_words(
        response.content.decode()
    )
    assert not User.objects.filter(username="alice").exists()
    assert patient_client.get("/accounts/data/").status_code == 302  # logged out


def test_clinicians_have_no_data_page(client, clinician):
    sign_in(client, clinician)
    assert client.get("/accounts/data/").status_code == 403


def test_with_two_factor_on_deleting_also_needs_a_code(client, patient):
    enable_two_factor(patient)
    sign_in(client, patient)
    page = visible_words(client.get("/accounts/delete/").content.decode())
    assert "Two-factor code" in page

    text = visible_words(client.post("/accounts/delete/", {"password": PASSWORD}).content.decode())
    assert "Two-factor authentication is on: type the code from your app" in text
    wrong = {"password": PASSWORD, "otp": "000000"}
    if current_code(patient) == "000000":
        wrong["otp"] = "111111"
    text = visible_words(client.post("/accounts/delete/", wrong).content.decode())
    assert "This code is wrong or expired." in text
    assert User.objects.filter(pk=patient.pk).exists()

    # django-otp slows the device after a miss; a fresh device state lets the right code in.
    patient.totpdevice_set.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    right = {"password": PASSWORD, "otp": current_code(patient)}
    response = client.post("/accounts/delete/", right, follow=True)
    assert "Your account and all its records are deleted." in visible_words(
        response.content.decode()
    )
    assert not User.objects.filter(pk=patient.pk).exists()


def test_without_two_factor_the_page_asks_no_code(patient_client):
    assert "Two-factor code" not in visible_words(
        patient_client.get("/accounts/delete/").content.decode()
    )
