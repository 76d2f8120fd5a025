"""Two-factor: enrolment through the API (RFC 6238 codes), the token endpoint's ``otp``,
the code step after the password, and clinicians refused patient data without it."""

import pytest
from django_otp.oath import TOTP
from rest_framework.test import APIClient

from mstracker.accounts import two_factor
from tests.care.factories import ShareFactory
from tests.factories import ClinicianFactory, api_token, current_code, sign_in

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
ME = "/api/v1/me/"


def rfc6238_code(secret_base32, at=None):
    """The code an authenticator app shows for this key (6 digits, 30 s, SHA-1)."""
    from base64 import b32decode

    totp = TOTP(b32decode(secret_base32), step=30, digits=6)
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def test_enrol_through_the_api_then_the_token_endpoint_needs_the_code(patient, password):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(patient)}")
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {api_token(patient)}")

    start = client.post("/api/v1/auth/2fa/totp/").json()
    assert start["otpauth_uri"].startswith("otpauth://totp/MS%20Tracker%3Aalice?secret=")
    assert f"secret={start['secret']}" in start["otpauth_uri"]
    assert "algorithm=SHA1&digits=6&period=30" in start["otpauth_uri"]
    wrong = client.post("/api/v1/auth/2fa/totp/confirm/", {"code": "000000"})
    assert wrong.status_code == 400
    assert not two_factor.has_two_factor(patient)
    patient.totpdevice_set.get().throttle_reset()  # django-otp slows retries after a miss

    code = rfc6238_code(start["secret"])
    confirmed = client.post("/api/v1/auth/2fa/totp/confirm/", {"code": code})
    assert confirmed.status_code == 200
    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert client.get(ME).status_code == 200  # the enrolling token stays
    assert other.get(ME).status_code == 401  # issued without a code: revoked

    anonymous = APIClient()
    no_code = anonymous.post(TOKEN, {"username": "alice", "password": password})
    assert no_code.status_code == 400
    assert "otp" in no_code.json()
    bad = anonymous.post(TOKEN, {"username": "alice", "password": password, "otp": "123456"})
    assert bad.status_code == 400
    assert bad.json()["otp"] == ["This code is wrong or expired."]
    patient.staticdevice_set.get().throttle_reset()  # django-otp slows retries after a miss
    device = patient.totpdevice_set.get()
    device.throttle_reset(commit=False)
    device.last_t = -1  # the confirmation used this 30-second step's code
    device.save()
    good = anonymous.post(TOKEN, {"username": "alice", "password": password, "otp": code})
    assert good.status_code == 200
    assert set(good.json()) == {"token", "expires_at"}

    recovery = anonymous.post(TOKEN, {"username": "alice", "password": password, "otp": codes[0]})
    assert recovery.status_code == 200
    again = anonymous.post(TOKEN, {"username": "alice", "password": password, "otp": codes[0]})
    assert again.status_code == 400  # a recovery code works once


def test_a_clinician_without_two_factor_gets_403_two_factor_required(patient):
    clinician = ClinicianFactory(two_factor=False)
    ShareFactory(patient=patient, clinician=clinician)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(clinician)}")
    for path in (
        "/api/v1/clinician/patients/",  # the panel: names and flags
        f"/api/v1/clinician/patients/{patient.pk}/",
        f"/api/v1/clinician/patients/{patient.pk + 999}/",  # no share: the same answer
    ):
        answer = client.get(path)
        assert answer.status_code == 403, path
        assert answer.json()["code"] == "two_factor_required"


def test_a_clinician_with_two_factor_reads_a_shared_patient(patient):
    clinician = ClinicianFactory()
    ShareFactory(patient=patient, clinician=clinician)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(clinician)}")
    assert client.get(f"/api/v1/clinician/patients/{patient.pk}/").status_code == 200


def test_a_clinician_page_without_two_factor_goes_to_enrolment(client, patient):
    clinician = ClinicianFactory(two_factor=False)
    ShareFactory(patient=patient, clinician=clinician)
    sign_in(client, clinician)
    for path in ("/clinician/", f"/clinician/patients/{patient.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/two-factor/?next=")


def test_after_the_password_a_user_with_two_factor_must_enter_the_code(client, password):
    clinician = ClinicianFactory()
    response = client.post(
        "/accounts/login/", {"username": clinician.username, "password": password}
    )
    assert response.status_code == 302
    assert client.get("/clinician/").url.startswith("/accounts/two-factor/verify/")
    api = client.get("/api/v1/clinician/patients/")
    assert api.status_code == 403
    assert api.json()["code"] == "two_factor_required"
    wrong = client.post("/accounts/two-factor/verify/", {"code": "000000"})
    assert "This code is wrong or expired." in wrong.content.decode()
    clinician.totpdevice_set.get().throttle_reset()  # django-otp slows retries after a miss
    right = client.post(
        "/accounts/two-factor/verify/", {"code": current_code(clinician), "next": "/clinician/"}
    )
    assert right.url == "/clinician/"
    assert client.get("/clinician/").status_code == 200


def test_the_set_up_page_turns_it_on_and_shows_recovery_codes_once(client, patient):
    sign_in(client, patient)
    page = client.get("/accounts/two-factor/").content.decode()
    assert "Set up an authenticator app" in page
    client.post("/accounts/two-factor/", {"start": "1"})
    page = client.get("/accounts/two-factor/").content.decode()
    assert "<svg" in page
    secret = patient.totpdevice_set.get(confirmed=False)
    from base64 import b32encode

    key = b32encode(secret.bin_key).decode()
    assert key in page
    done = client.post("/accounts/two-factor/", {"code": rfc6238_code(key)})
    assert done.status_code == 200
    assert len(done.context["codes"]) == 10
    assert two_factor.has_two_factor(patient)
    assert "Two-factor authentication is on" in client.get("/accounts/two-factor/").content.decode()
    assert client.get("/journal/today/").status_code == 200  # this session is verified
