"""The patient's "what I want my neurologist to know" note: Today page, API, clinicians."""

import pytest
from django.test import Client

from mstracker.care.models import AccessEvent, ClinicalNote, VisitNote
from tests.care.factories import ShareFactory
from tests.factories import sign_in
from tests.journal.page_text import visible_words

pytestmark = pytest.mark.django_db


def test_the_patient_keeps_the_note_on_the_today_page(patient_client, patient):
    words = visible_words(patient_client.get("/journal/today/").content.decode())
    assert "For my neurologist" in words
    response = patient_client.post(
        "/care/visit-note/", {"text": "Walking got harder since June.", "version": "0"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/journal/today/"
    words = visible_words(response.content.decode())
    assert "Saved your note for your neurologist." in words
    assert "Walking got harder since June." in response.content.decode()
    assert VisitNote.objects.get(patient=patient).text == "Walking got harder since June."


def test_a_second_tab_that_started_empty_does_not_replace_the_note(patient_client, patient):
    patient_client.post("/care/visit-note/", {"text": "First tab", "version": "0"})
    response = patient_client.post("/care/visit-note/", {"text": "Second tab", "version": "0"})
    words = visible_words(response.content.decode())
    assert "changed in another tab" in words
    assert "First tab" in words
    assert "Second tab" in words
    assert VisitNote.objects.get(patient=patient).text == "First tab"


def test_too_long_a_note_is_a_form_error(patient_client, patient):
    response = patient_client.post("/care/visit-note/", {"text": "x" * 1001, "version": "0"})
    assert "at most 1000 characters" in visible_words(response.content.decode())
    assert not VisitNote.objects.exists()


def test_what_a_user_typed_is_escaped(patient_client, patient):
    patient_client.post("/care/visit-note/", {"text": "<script>alert(1)</script>", "version": "0"})
    html = patient_client.get("/journal/today/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_clinical_notes_show_on_today(patient_client, patient, clinician):
    ClinicalNote.objects.create(
        patient=patient, clinician=clinician, clinician_name="Dr Carol Rivera", text="Keep walking."
    )
    words = visible_words(patient_client.get("/journal/today/").content.decode())
    assert "From your care team" in words
    assert "Keep walking." in words
    assert "Dr Carol Rivera" in words


def test_api_reads_empty_then_creates_and_guards_with_etags(patient_api, patient):
    empty = patient_api.get("/api/v1/visit-note/")
    assert empty.status_code == 200
    assert empty.json() == {"text": "", "updated_at": None, "version": 0}
    assert "ETag" not in empty
    created = patient_api.put(
        "/api/v1/visit-note/", {"text": "Numb hands"}, format="json", HTTP_IF_NONE_MATCH="*"
    )
    assert created.status_code == 200, created.content
    tag = created["ETag"]
    again = patient_api.put(
        "/api/v1/visit-note/", {"text": "Other device"}, format="json", HTTP_IF_NONE_MATCH="*"
    )
    assert again.status_code == 412
    assert again.json()["current"]["text"] == "Numb hands"
    patient_api.patch("/api/v1/visit-note/", {"text": "Numb hands, worse"}, format="json")
    stale = patient_api.patch(
        "/api/v1/visit-note/", {"text": "stale"}, format="json", HTTP_IF_MATCH=tag
    )
    assert stale.status_code == 412
    assert VisitNote.objects.get(patient=patient).text == "Numb hands, worse"
    assert patient_api.put("/api/v1/visit-note/", {"text": "x" * 1001}, format="json").json() == {
        "text": ["Ensure this field has no more than 1000 characters."]
    }


def test_a_clinician_with_any_share_reads_it_and_cannot_change_it(
    patient, clinician, clinician_api
):
    VisitNote.objects.create(patient=patient, text="Ask about fatigue")
    url = f"/api/v1/clinician/patients/{patient.pk}/visit-note/"
    assert clinician_api.get(url).status_code == 404  # never shared
    ShareFactory(patient=patient, clinician=clinician, scopes=["lifestyle"])
    response = clinician_api.get(url)
    assert response.json()["text"] == "Ask about fatigue"
    assert AccessEvent.objects.get().what == "visit-note"
    assert clinician_api.patch(url, {"text": "no"}, format="json").status_code == 403
    assert VisitNote.objects.get().text == "Ask about fatigue"


def test_a_clinician_has_no_note_page_of_their_own(clinician, password):
    client = Client()
    sign_in(client, clinician)
    assert client.get("/care/visit-note/").status_code == 403
