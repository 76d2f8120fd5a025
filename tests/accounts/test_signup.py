import pytest
from django.urls import reverse

from mstracker.accounts.models import Role, User

pytestmark = pytest.mark.django_db

SIGNUP = reverse("accounts:signup")


def signup_data(**overrides):
    data = {
        "username": "newpatient",
        "email": "new@example.org",
        "password1": "a-long-and-unusual-pass-42",
        "password2": "a-long-and-unusual-pass-42",
        "role": "patient",
        "time_zone": "America/New_York",
    }
    data.update(overrides)
    return data


def test_the_signup_page_offers_both_roles(client):
    page = client.get(SIGNUP)
    assert page.status_code == 200
    assert b'value="patient"' in page.content
    assert b'value="clinician"' in page.content


def test_a_patient_signs_up_and_is_logged_in(client):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    user = User.objects.get(username="newpatient")
    assert user.role == Role.PATIENT
    assert user.time_zone == "America/New_York"
    assert user.password.startswith("argon2")
    home = client.get(reverse("home"), follow=True)  # patients land on Today
    assert b"Hello, newpatient" in home.content


def test_a_clinician_signs_up(client):
    client.post(SIGNUP, signup_data(username="drwho", email="who@clinic.org", role="clinician"))
    assert User.objects.get(username="drwho").role == Role.CLINICIAN


def test_mismatched_passwords_are_shown_next_to_the_field(client):
    response = client.post(SIGNUP, signup_data(password2="something-else-entirely"))
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert b'id="id_password2_error"' in response.content
    assert not User.objects.filter(username="newpatient").exists()


def test_an_email_in_use_is_refused_in_any_letter_case(client, patient):
    response = client.post(SIGNUP, signup_data(email=patient.email.upper()))
    assert response.context["form"].errors["email"] == [
        "An account with this email address already exists."
    ]


def test_a_taken_username_is_refused_in_any_letter_case(client, patient):
    response = client.post(SIGNUP, signup_data(username=patient.username.upper()))
    assert "username" in response.context["form"].errors


def test_an_unknown_time_zone_is_refused(client):
    response = client.post(SIGNUP, signup_data(time_zone="Mars/Olympus_Mons"))
    assert "time_zone" in response.context["form"].errors


def test_a_weak_password_is_refused(client):
    response = client.post(SIGNUP, signup_data(password1="password", password2="password"))
    assert "password2" in response.context["form"].errors
