"""Sharing through the API: a patient invites, a clinician accepts, reads, and is cut off."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from mstracker.care import invitations
from mstracker.care.models import AccessEvent, Invitation, Share
from tests.care.factories import ShareFactory
from tests.factories import ClinicianFactory, sign_in
from tests.journal.page_text import visible_words

pytestmark = pytest.mark.django_db

SHARES = "/api/v1/shares/"
ACCEPT = "/api/v1/clinician/accept/"


def share_by_code(patient_api, **extra):
    body = {"scopes": ["symptoms", "relapses_measures"], "expires_in_days": 30, **extra}
    response = patient_api.post(SHARES, body, format="json")
    assert response.status_code == 201, response.data
    return response.data


def test_share_by_code_then_accept(patient_api, clinician_api, clinician, patient):
    created = share_by_code(patient_api)
    assert created["status"] == "pending"
    assert created["clinician"] is None
    assert len(created["code"].replace("-", "")) == 12
    assert set(created) >= {"id", "scopes", "expires_at", "status", "last_viewed_at"}

    accepted = clinician_api.post(ACCEPT, {"code": created["code"].lower()}, format="json")
    assert accepted.status_code == 200, accepted.data
    assert accepted.data["patient"]["id"] == patient.pk

    listed = patient_api.get(SHARES).data["results"]
    assert [(s["status"], s["clinician"]["id"]) for s in listed] == [("active", clinician.pk)]
    assert listed[0]["scopes"] == ["symptoms", "relapses_measures"]


def test_a_code_works_once_and_for_15_minutes(patient_api, clinician_api):
    first = share_by_code(patient_api)
    assert clinician_api.post(ACCEPT, {"code": first["code"]}).status_code == 200
    again = ClinicianFactory()
    from tests.conftest import _token_client

    other = _token_client(again)
    assert other.post(ACCEPT, {"code": first["code"]}).status_code == 404
    late = share_by_code(patient_api)
    with time_machine.travel(timezone.now() + timedelta(minutes=15, seconds=1)):
        refused = clinician_api.post(ACCEPT, {"code": late["code"]})
    assert refused.status_code == 404
    assert "expired" in refused.data["detail"]


def test_wrong_codes_lock_the_clinician_out(patient_api, clinician_api):
    good = share_by_code(patient_api)
    for _ in range(5):
        assert clinician_api.post(ACCEPT, {"code": "AAAA-AAAA-AAAA"}).status_code == 404
    locked = clinician_api.post(ACCEPT, {"code": good["code"]})
    assert locked.status_code == 429
    assert "Too many wrong codes" in locked.data["detail"]
    assert int(locked["Retry-After"]) > 0
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        # The lockout is over, but the code's 15 minutes are too.
        assert clinician_api.post(ACCEPT, {"code": good["code"]}).status_code == 404


def test_bad_bodies_are_400_with_field_messages(patient_api, clinician_api):
    for body in (
        {"scopes": []},
        {"scopes": ["everything"]},
        {"scopes": ["symptoms"], "expires_in_days": 7},
        {"scopes": ["symptoms"], "clinician_email": "not-an-address"},
    ):
        response = patient_api.post(SHARES, body, format="json")
        assert response.status_code == 400
        assert set(response.data) <= {"scopes", "expires_in_days", "clinician_email"}
    assert clinician_api.post(ACCEPT, {}, format="json").data == {
        "code": ["Enter the patient's code, or open the link from their email."]
    }


def test_patients_cannot_accept_and_clinicians_cannot_share(patient_api, clinician_api):
    assert patient_api.post(ACCEPT, {"code": "X"}).status_code == 403
    assert clinician_api.post(SHARES, {"scopes": ["symptoms"]}).status_code == 403


def test_email_invitation_link_for_the_invited_address_only(
    patient_api, patient, clinician, client, django_capture_on_commit_callbacks
):
    created = patient_api.post(
        SHARES,
        {"scopes": ["questionnaires"], "clinician_email": clinician.email.upper()},
        format="json",
    ).data
    assert "code" not in created or created["code"] is None
    invitation = Invitation.objects.get(share_id=created["id"])
    invitations.send_email(invitation.pk)
    (message,) = mail.outbox
    link = next(word for word in message.body.split() if "/care/invitations/" in word)
    path = link[link.index("/care/") :]

    sign_in(client, ClinicianFactory(email="someone@else.example"))
    assert "was sent to" in client.get(path).content.decode()
    client.post(path)
    assert Share.objects.get().clinician is None

    sign_in(client, clinician)
    page = client.get(path).content.decode()
    assert "alice invites you" in page
    client.post(path)
    assert Share.objects.get().clinician == clinician
    assert client.get(path).status_code == 404  # used


def test_patch_scopes_and_revoke_take_effect_on_the_next_request(
    patient_api, clinician_api, patient, clinician
):
    share = ShareFactory(patient=patient, clinician=clinician)
    detail = f"/api/v1/clinician/patients/{patient.pk}/"
    assert clinician_api.get(detail).status_code == 200

    changed = patient_api.patch(
        f"{SHARES}{share.pk}/", {"scopes": ["lifestyle"], "expires_in_days": None}, format="json"
    )
    assert changed.status_code == 200
    assert (changed.data["scopes"], changed.data["expires_at"]) == (["lifestyle"], None)

    assert patient_api.delete(f"{SHARES}{share.pk}/").status_code == 204
    assert clinician_api.get(detail).status_code == 404
    assert patient_api.get(f"{SHARES}{share.pk}/").data["status"] == "revoked"
    assert patient_api.patch(f"{SHARES}{share.pk}/", {"scopes": ["symptoms"]}).status_code == 400


def test_another_patients_share_is_a_404(other_patient_api, patient, clinician):
    share = ShareFactory(patient=patient, clinician=clinician)
    for call in (other_patient_api.get, other_patient_api.delete, other_patient_api.patch):
        assert call(f"{SHARES}{share.pk}/").status_code == 404
    assert Share.objects.get().revoked_at is None


def test_access_log_api_and_page(patient_api, patient_client, clinician_api, patient, clinician):
    clinician.first_name, clinician.last_name = "Carol", "Rivera"
    clinician.save()
    ShareFactory(patient=patient, clinician=clinician)
    with time_machine.travel("2025-12-03 13:02:00Z", tick=False):  # 14:02 in Berlin
        assert clinician_api.get(f"/api/v1/clinician/patients/{patient.pk}/").status_code == 200
    assert AccessEvent.objects.count() == 1
    (row,) = patient_api.get("/api/v1/access-log/").data["results"]
    assert row["reader"] == {"id": clinician.pk, "name": "Carol Rivera"}
    assert (row["what"], row["action"], row["at"]) == ("summary", "view", "2025-12-03T13:02:00Z")
    page = visible_words(patient_client.get("/care/access-log/").content.decode())
    assert "Carol Rivera viewed your summary on 3 Dec at 14:02 2025" in page
    assert clinician_api.get("/api/v1/access-log/").status_code == 403
