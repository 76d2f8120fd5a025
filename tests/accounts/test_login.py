import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")


def test_login_with_username(client, patient, password):
    response = client.post(LOGIN, {"username": "alice", "password": password})
    assert response.status_code == 302
    # A patient lands on the Today page.
    assert client.get(reverse("home"), follow=True).context["user"] == patient


def test_login_with_email_in_any_case(client, patient, password):
    response = client.post(LOGIN, {"username": "ALICE@example.org", "password": password})
    assert response.status_code == 302


def test_a_wrong_password_shows_an_error(client, patient):
    response = client.post(LOGIN, {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert b"Please enter a correct" in response.content


def test_logout_ends_the_session(client, patient, password):
    client.post(LOGIN, {"username": "alice", "password": password})
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_repeated_failures_lock_the_account_out(client, patient, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "alice", "password": "wrong"})
    # Even the right password is refused while locked out.
    response = client.post(LOGIN, {"username": "alice", "password": password})
    assert response.status_code == 429
    assert b"Too many failed log-ins" in response.content
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_the_lockout_is_per_account(client, patient, other_patient, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "alice", "password": "wrong"})
    response = client.post(LOGIN, {"username": "bob", "password": password})
    assert response.status_code == 302


def test_pages_that_need_login_redirect_anonymous_visitors(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
