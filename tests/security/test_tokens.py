"""API tokens: hashed, expiring, one per device, listed and revoked by their owner,
and revoked by a password change (API or page), a reset and the account's deletion."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from mstracker.accounts.models import ApiToken
from tests.factories import api_token

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
TOKENS = "/api/v1/auth/tokens/"
ME = "/api/v1/me/"


def client_with(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_each_log_in_is_its_own_token_and_none_is_stored_in_clear(api_client, patient, password):
    phone = api_client.post(TOKEN, {"username": "alice", "password": password, "device": "phone"})
    laptop = api_client.post(TOKEN, {"username": "alice", "password": password})
    assert phone.json()["token"] != laptop.json()["token"]
    stored = list(ApiToken.objects.filter(user=patient).values_list("digest", "token_key"))
    assert len(stored) == 2
    for token in (phone.json()["token"], laptop.json()["token"]):
        assert all(token not in digest + key for digest, key in stored)
    listed = client_with(phone.json()["token"]).get(TOKENS).json()
    assert [(t["device"], t["current"]) for t in listed] == [("", False), ("phone", True)]
    assert set(listed[0]) == {"id", "device", "created_at", "last_used_at", "expires_at", "current"}


def test_a_patient_token_expires_after_30_days_and_a_clinician_one_after_12_hours(
    patient, clinician
):
    patients, clinicians = api_token(patient), api_token(clinician)
    with time_machine.travel(timezone.now() + timedelta(hours=13)):
        assert client_with(patients).get(ME).status_code == 200
        assert client_with(clinicians).get(ME).status_code == 401
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert client_with(patients).get(ME).status_code == 401


def test_revoke_one_token_and_not_another_users(patient, other_patient):
    mine, other = api_token(patient, "phone"), api_token(patient, "tablet")
    bobs = ApiToken.objects.get(
        user=other_patient, pk=ApiToken.objects.create(user=other_patient)[0].pk
    )
    tablet = ApiToken.objects.get(user=patient, label="tablet")
    client = client_with(mine)
    assert client.delete(f"{TOKENS}{bobs.pk}/").status_code == 404
    assert client.delete(f"{TOKENS}{tablet.pk}/").status_code == 204
    assert client_with(other).get(ME).status_code == 401
    assert client.get(ME).status_code == 200
    assert ApiToken.objects.filter(pk=bobs.pk).exists()


def test_changing_the_password_in_the_api_revokes_every_other_token_and_session(
    patient, password, client
):
    this, other = api_token(patient), api_token(patient)
    client.force_login(patient)
    client.get("/journal/today/")  # the session is recorded
    answer = client_with(this).post(
        "/api/v1/auth/password/",
        {"old_password": password, "new_password": "a-brand-new-pass-77"},
    )
    assert answer.status_code == 204
    assert client_with(this).get(ME).status_code == 200
    assert client_with(other).get(ME).status_code == 401
    assert client.get("/journal/today/").status_code == 302  # logged out
    patient.refresh_from_db()
    assert patient.check_password("a-brand-new-pass-77")


def test_the_api_password_change_checks_the_old_one_and_the_rules(patient, password):
    client = client_with(api_token(patient))
    wrong = client.post("/api/v1/auth/password/", {"old_password": "x", "new_password": "y"})
    assert wrong.status_code == 400
    assert set(wrong.json()) == {"old_password"}
    short = client.post("/api/v1/auth/password/", {"old_password": password, "new_password": "y"})
    assert "new_password" in short.json()


def test_the_password_page_and_a_reset_revoke_every_token(patient, password, client):
    token = api_token(patient)
    client.force_login(patient)
    client.post(
        "/accounts/password/change/",
        {
            "old_password": password,
            "new_password1": "a-new-pass-1234",
            "new_password2": "a-new-pass-1234",
        },
    )
    assert client_with(token).get(ME).status_code == 401
    assert client.get("/journal/today/").status_code == 200  # this session stays

    token = api_token(patient)
    client.logout()
    client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "reset-pass-98765", "new_password2": "reset-pass-98765"})
    assert client_with(token).get(ME).status_code == 401


def test_deleting_the_account_removes_its_tokens(patient, password):
    token = api_token(patient)
    client = client_with(token)
    assert client.delete(ME, {"password": password}, format="json").status_code == 204
    assert not ApiToken.objects.exists()
    assert client.get(ME).status_code == 401
