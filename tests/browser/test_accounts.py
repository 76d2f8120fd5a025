"""A new patient signs up, edits the profile and logs out, in a phone-sized browser."""

import pytest

from mstracker.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_edit_profile_and_log_out(page):
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Username").fill("phone-user")
    page.get_by_label("Email address").fill("phone@example.org")
    page.get_by_label("Patient").check()
    page.get_by_label("Password", exact=True).fill("a-long-and-unusual-pass-42")
    page.get_by_label("Password confirmation").fill("a-long-and-unusual-pass-42")
    page.get_by_role("button", name="Create account").click()
    # A new patient lands on the first-run flow (tests/browser/test_first_run.py).
    page.get_by_role("heading", name="Your MS course").wait_for()
    assert User.objects.get(username="phone-user").is_patient
    page.goto("/")
    page.get_by_role("heading", name="Hello, phone-user").wait_for()

    page.goto("/accounts/profile/")
    page.get_by_label("Diagnosis year").fill("2999")
    page.get_by_role("button", name="Save").click()
    error = page.locator("#id_diagnosis_year_error")
    assert "cannot be in the future" in error.inner_text()
    assert page.get_by_label("Diagnosis year").get_attribute("aria-invalid") == "true"

    page.get_by_label("Diagnosis year").fill("2015")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your profile is saved.").wait_for()
    assert User.objects.get(username="phone-user").diagnosis_year == 2015

    page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Create an account").wait_for()


def test_wrong_password_is_explained(page, patient):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill("alice")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    assert "Please enter a correct" in page.locator("main").inner_text()
