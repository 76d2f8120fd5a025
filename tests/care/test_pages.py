"""The patient's Care team pages and the clinician's accept page, as a person sees them."""

import re

import pytest

from mstracker.care.models import Share, VerifiedClinician
from tests.care.factories import ShareFactory
from tests.factories import sign_in
from tests.journal.page_text import visible_words

pytestmark = pytest.mark.django_db


def test_invite_by_code_shows_the_code_and_a_qr_code(patient_client):
    response = patient_client.post(
        "/care/", {"scopes": ["symptoms", "therapies"], "expires_in_days": "30"}, follow=True
    )
    html = response.content.decode()
    code = re.search(r'data-testid="share-code">([A-Z0-9-]{14})<', html).group(1)
    assert "<svg" in html
    assert "Valid until" in visible_words(html)
    assert Share.objects.get().scopes == ["symptoms", "therapies"]
    assert code.replace("-", "") not in str(Share.objects.get().invitation.code_digest)


def test_invite_by_email_shows_who_the_address_belongs_to_before_sending(patient_client, clinician):
    clinician.first_name, clinician.last_name = "Carol", "Rivera"
    clinician.save()
    VerifiedClinician.objects.create(clinician=clinician)
    body = {"scopes": ["symptoms"], "expires_in_days": "", "clinician_email": clinician.email}
    preview = visible_words(patient_client.post("/care/", body).content.decode())
    assert "Carol Rivera (carol@clinic.example.org) verified clinician" in preview
    assert not Share.objects.exists()
    patient_client.post("/care/", {**body, "confirm": "1"})
    share = Share.objects.get()
    assert (share.invitation.email, share.expires_at) == (clinician.email, None)


def test_an_unknown_or_unverified_address_is_said_so(patient_client):
    body = {"scopes": ["symptoms"], "clinician_email": "new@clinic.example.org"}
    preview = visible_words(patient_client.post("/care/", body).content.decode())
    assert "No clinician account uses new@clinic.example.org yet" in preview


def test_form_errors_are_next_to_the_field(patient_client):
    response = patient_client.post("/care/", {"scopes": [], "clinician_email": "nope"})
    words = visible_words(response.content.decode())
    assert "Choose at least one part of your record to share." in words
    assert "Enter a valid email address." in words


def test_care_team_lists_shares_and_revokes(patient_client, patient, clinician):
    share = ShareFactory(patient=patient, clinician=clinician, scopes=["lifestyle"])
    words = visible_words(patient_client.get("/care/").content.decode())
    assert "dr-carol" in words
    assert "Active" in words
    assert "Lifestyle (exercise, vitamin D, smoking)" in words
    assert "Last viewed: never" in words
    patient_client.post(f"/care/shares/{share.pk}/revoke/")
    share.refresh_from_db()
    assert share.revoked_at is not None


def test_change_scope_from_the_share_page(patient_client, patient, clinician):
    share = ShareFactory(patient=patient, clinician=clinician)
    patient_client.post(f"/care/shares/{share.pk}/", {"scopes": ["questionnaires"]})
    share.refresh_from_db()
    assert (share.scopes, share.expires_at) == (["questionnaires"], None)


def test_someone_elses_share_page_is_a_404(client, other_patient, patient, clinician):
    share = ShareFactory(patient=patient, clinician=clinician)
    client.force_login(other_patient)
    assert client.get(f"/care/shares/{share.pk}/").status_code == 404
    assert client.post(f"/care/shares/{share.pk}/revoke/").status_code == 404


def test_clinician_accepts_a_code_on_the_page(client, patient_client, clinician):
    html = patient_client.post("/care/", {"scopes": ["symptoms"]}, follow=True).content.decode()
    code = re.search(r'data-testid="share-code">([A-Z0-9-]{14})<', html).group(1)
    sign_in(client, clinician)
    wrong = client.post("/care/accept/", {"code": "AAAA-AAAA-AAAA"})
    assert wrong.status_code == 400
    assert "This code or link is not valid" in visible_words(wrong.content.decode())
    panel = client.post("/care/accept/", {"code": code}, follow=True)
    assert "alice now shares their record with you." in visible_words(panel.content.decode())


def test_the_clinician_patient_page_shows_mri_and_labs_only_within_the_share(
    client, patient, clinician
):
    from django.urls import reverse

    from mstracker.care.scopes import Scope
    from tests.care.factories import ShareFactory
    from tests.journal.factories import LabFactory, MriFactory

    MriFactory(user=patient, new_t2_lesions=2, summary="<i>new lesion</i>")
    LabFactory(user=patient, kind="igg", value=5.0, unit="g/L", reference_low=7.0,
               reference_high=16.0)  # fmt: skip
    share = ShareFactory(patient=patient, clinician=clinician, scopes=[Scope.RELAPSES_MEASURES])
    sign_in(client, clinician)
    url = reverse("clinician:patient", args=[patient.pk])
    page = client.get(url).content.decode()
    assert "MRI reports" in page
    assert "<strong>active</strong>" in page
    assert "&lt;i&gt;new lesion&lt;/i&gt;" in page
    assert "Monitoring blood tests" not in page  # therapies not shared

    share.scopes = [Scope.THERAPIES]
    share.save()
    page = client.get(url).content.decode()
    assert "<strong>active</strong>" not in page  # the MRI section says "Not shared."
    assert "Immunoglobulin G (IgG): 5 g/L" in page
    assert "below the report's reference range" in page
