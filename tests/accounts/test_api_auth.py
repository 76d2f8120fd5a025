"""Token auth, registration and /api/v1/me/ for scripts and other clients."""

import pytest
from knox.crypto import hash_token

from mstracker.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"
REGISTER = "/api/v1/auth/register/"
ME = "/api/v1/me/"


def test_token_for_username_and_password(api_client, patient, password):
    response = api_client.post(TOKEN, {"username": "alice", "password": password})
    assert response.status_code == 200
    (row,) = ApiToken.objects.filter(user=patient)
    assert row.digest == hash_token(response.json()["token"])  # only the digest is stored
    assert row.expiry.isoformat().replace("+00:00", "Z") == response.json()["expires_at"]


def test_token_for_email(api_client, patient, password):
    response = api_client.post(TOKEN, {"username": "alice@example.org", "password": password})
    assert response.status_code == 200


def test_wrong_password_gets_a_400_with_a_message(api_client, patient):
    response = api_client.post(TOKEN, {"username": "alice", "password": "nope"})
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["Unable to log in with provided credentials."]


def test_missing_fields_are_named(api_client):
    response = api_client.post(TOKEN, {})
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_repeated_token_failures_lock_out(api_client, patient, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api_client.post(TOKEN, {"username": "alice", "password": "wrong"})
    response = api_client.post(TOKEN, {"username": "alice", "password": password})
    assert response.status_code == 429
    assert not ApiToken.objects.filter(user=patient).exists()


def test_the_token_authenticates_me(patient_api, patient):
    response = patient_api.get(ME)
    assert response.status_code == 200
    assert response.json() == {
        "id": patient.id,
        "username": "alice",
        "email": "alice@example.org",
        "role": "patient",
        "time_zone": "Europe/Berlin",
        "ms_course": "unknown",
        "diagnosis_year": None,
    }


def test_patch_me(patient_api, patient):
    response = patient_api.patch(ME, {"time_zone": "America/New_York", "ms_course": "spms"})
    assert response.status_code == 200
    patient.refresh_from_db()
    assert (patient.time_zone, patient.ms_course) == ("America/New_York", "spms")


def test_role_cannot_be_changed_through_me(patient_api, patient):
    patient_api.patch(ME, {"role": "clinician"})
    patient.refresh_from_db()
    assert patient.role == "patient"


@pytest.mark.parametrize(
    ("field", "value"),
    [("time_zone", "Nowhere/Special"), ("diagnosis_year", 3000), ("ms_course", "x")],
)
def test_bad_me_values_get_field_errors(patient_api, field, value):
    response = patient_api.patch(ME, {field: value})
    assert response.status_code == 400
    assert field in response.json()


def test_anonymous_gets_401_as_json(api_client):
    response = api_client.get(ME)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_a_bad_token_gets_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api_client.get(ME).status_code == 401


def test_deleting_the_token_logs_the_script_out(patient_api):
    assert patient_api.delete(TOKEN).status_code == 204
    assert patient_api.get(ME).status_code == 401


def test_register_a_patient(api_client):
    response = api_client.post(
        REGISTER,
        {
            "username": "newbie",
            "email": "newbie@example.org",
            "password": "a-long-and-unusual-pass-42",
            "role": "patient",
            "time_zone": "Australia/Sydney",
        },
    )
    assert response.status_code == 201, response.json()
    user = User.objects.get(username="newbie")
    assert user.time_zone == "Australia/Sydney"
    assert ApiToken.objects.get(user=user).digest == hash_token(response.json()["token"])
    me = api_client.get(ME, HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert me.json()["username"] == "newbie"


def test_register_refuses_bad_input_field_by_field(api_client, patient):
    response = api_client.post(
        REGISTER,
        {
            "username": "ALICE",
            "email": "alice@EXAMPLE.org",
            "password": "123",
            "role": "admin",
            "time_zone": "Moon/Base",
        },
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"username", "email", "role", "time_zone"}


def test_register_refuses_a_weak_password(api_client):
    response = api_client.post(
        REGISTER, {"username": "x1", "email": "x1@example.org", "password": "password"}
    )
    assert response.status_code == 400
    assert "password" in response.json()


def test_register_is_throttled(api_client, settings):
    rate = int(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["register"].split("/")[0])
    for n in range(rate):
        api_client.post(REGISTER, {"username": f"u{n}", "email": "bad"})
    response = api_client.post(REGISTER, {"username": "one-more", "email": "bad"})
    assert response.status_code == 429


def test_unknown_api_paths_answer_json_404(api_client):
    response = api_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
