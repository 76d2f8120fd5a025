import re

import pytest
from django.core import mail
from django.urls import reverse

from mstracker.accounts.models import User

pytestmark = pytest.mark.django_db


def test_password_change(client, patient, password):
    client.force_login(patient)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "another-long-pass-77",
            "new_password2": "another-long-pass-77",
        },
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.check_password("another-long-pass-77")


def test_password_change_needs_the_old_password(client, patient):
    client.force_login(patient)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "x-long-pass-1234",
            "new_password2": "x-long-pass-1234",
        },
    )
    assert "old_password" in response.context["form"].errors


def test_password_reset_by_email_link(client, patient):
    response = client.post(reverse("password_reset"), {"email": "Alice@Example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "fresh-long-pass-321", "new_password2": "fresh-long-pass-321"}
    )
    assert done.status_code == 302
    patient.refresh_from_db()
    assert patient.check_password("fresh-long-pass-321")

    # The link works once.
    reused = client.get(link, follow=True)
    assert b"This link has expired" in reused.content


def test_password_reset_does_not_tell_whether_an_account_exists(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


MEGABYTE = "long-pass-" * 100_000
TOO_LONG = "This password is too long: use at most 128 characters."


@pytest.mark.parametrize("length", [128, 129])
def test_sign_up_accepts_128_characters_and_refuses_more(client, length):
    secret = ("a-long-and-unusual-pass-42" * 10)[:length]
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "newpatient",
            "email": "new@example.org",
            "password1": secret,
            "password2": secret,
            "role": "patient",
            "time_zone": "Europe/Berlin",
        },
    )
    if length == 128:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        assert TOO_LONG in response.context["form"].errors["password2"]
        assert not User.objects.filter(username="newpatient").exists()


def test_a_megabyte_password_is_refused_by_the_register_api(api_client):
    response = api_client.post(
        "/api/v1/auth/register/",
        {
            "username": "newpatient",
            "email": "new@example.org",
            "password": MEGABYTE,
            "role": "patient",
            "time_zone": "Europe/Berlin",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["password"] == [TOO_LONG]
    assert not User.objects.filter(username="newpatient").exists()


def test_a_megabyte_password_is_refused_at_password_change(client, patient, password):
    client.force_login(patient)
    response = client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": MEGABYTE, "new_password2": MEGABYTE},
    )
    assert TOO_LONG in response.context["form"].errors["new_password2"]
    patient.refresh_from_db()
    assert patient.check_password(password)


def test_a_megabyte_password_is_refused_at_reset(client, patient, password):
    client.post(reverse("password_reset"), {"email": "alice@example.org"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": MEGABYTE, "new_password2": MEGABYTE})
    assert TOO_LONG in response.context["form"].errors["new_password2"]
    patient.refresh_from_db()
    assert patient.check_password(password)


@pytest.mark.parametrize(
    ("secret", "error"),
    [
        ("kx-7fq-pl2m", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("kx-7fq-pl2mz", None),
    ],
)
def test_the_register_api_needs_12_characters_and_refuses_common_ones(api_client, secret, error):
    """ASVS 5.0 6.2.1 (length) and 6.2.4 (Django's list of 20,000 common passwords)."""
    response = api_client.post(
        "/api/v1/auth/register/",
        {"username": "newpatient", "email": "new@example.org", "password": secret},
        format="json",
    )
    if error is None:
        assert response.status_code == 201
    else:
        assert response.status_code == 400
        assert error in response.json()["password"]
