"""Brute force: the lockout counts per account, and the reset and sign-up forms are limited."""

import pytest
from django.core import mail
from django.urls import reverse

from mstracker.accounts.models import User

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
TOKEN = "/api/v1/auth/token/"
SPELLINGS = ["alice", "ALICE", "Alice", "alice@example.org", "ALICE@EXAMPLE.ORG", " alice "]


def test_spellings_of_one_account_share_one_lockout(client, patient, password, settings):
    """The probe: 24 guesses on one account with 6 spellings went through."""
    for n in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(LOGIN, {"username": SPELLINGS[n % 6], "password": "wrong"})
        # The failure that reaches the limit is already answered with the lockout.
        assert response.status_code == (429 if n == settings.AXES_FAILURE_LIMIT - 1 else 200)
    for spelling in SPELLINGS:
        response = client.post(LOGIN, {"username": spelling, "password": password})
        assert response.status_code == 429, spelling
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_the_token_endpoint_counts_with_the_form(api_client, client, patient, password, settings):
    for n in range(settings.AXES_FAILURE_LIMIT - 2):
        client.post(LOGIN, {"username": SPELLINGS[n % 6], "password": "wrong"})
    answer = api_client.post(TOKEN, {"username": "Alice@Example.org", "password": "wrong"})
    assert answer.status_code == 400
    answer = api_client.post(TOKEN, {"username": "ALICE", "password": "wrong"})
    assert answer.status_code == 429  # the fifth failure on this account
    answer = api_client.post(TOKEN, {"username": "alice", "password": password})
    assert answer.status_code == 429
    assert "Too many failed log-ins" in answer.json()["detail"]


def test_another_account_is_not_locked(client, patient, other_patient, password, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": SPELLINGS[n % 6], "password": "wrong"})
    assert client.post(LOGIN, {"username": "BOB", "password": password}).status_code == 302


def test_password_reset_is_rate_limited_per_email(client, patient):
    """The probe: 15 resets in a row were accepted (and mailed)."""
    codes = [
        client.post(reverse("password_reset"), {"email": "ALICE@example.org"}).status_code
        for _ in range(7)
    ]
    assert codes == [302] * 5 + [429] * 2
    assert len(mail.outbox) == 5
    refused = client.post(reverse("password_reset"), {"email": "alice@example.org"})
    assert "Too many attempts from here" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0


def test_password_reset_is_rate_limited_per_address_for_any_email(client, patient):
    codes = [
        client.post(reverse("password_reset"), {"email": f"n{n}@example.org"}).status_code
        for n in range(6)
    ]
    assert codes == [302] * 5 + [429]


def test_the_sign_up_form_is_rate_limited_like_the_api(client, settings):
    def sign_up(n):
        return client.post(
            reverse("accounts:signup"),
            {
                "username": f"new{n}",
                "email": f"new{n}@example.org",
                "password1": "a-long-unusual-pass-42",
                "password2": "a-long-unusual-pass-42",
                "role": "patient",
                "time_zone": "UTC",
            },
        )

    for n in range(10):  # THROTTLE_REGISTER: 10/hour
        assert sign_up(n).status_code == 302
        client.logout()
    refused = sign_up(10)
    assert refused.status_code == 429
    assert "Too many attempts from here" in refused.content.decode()
    assert not User.objects.filter(username="new10").exists()
