"""Two-factor end to end: a clinician without it opens a shared patient, is sent to
enrolment, scans (types) the key, turns it on with the app's code, keeps the recovery
codes, lands on the patient; next log-in asks for the code."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.care.factories import ShareFactory
from tests.factories import PASSWORD, ClinicianFactory

pytestmark = pytest.mark.django_db(transaction=True)


def app_code(secret):
    return f"{TOTP(b32decode(secret)).token():06d}"


def test_a_clinician_turns_on_two_factor_before_opening_a_patient(page, login, patient):
    clinician = ClinicianFactory(two_factor=False, first_name="Carol")
    ShareFactory(patient=patient, clinician=clinician)

    login(clinician, PASSWORD)
    page.goto(f"/clinician/patients/{patient.pk}/")
    assert "/accounts/two-factor/" in page.url
    page.get_by_text("Clinicians and staff need two-factor authentication").wait_for()
    page.get_by_role("button", name="Set up an authenticator app").click()
    assert page.get_by_role("img", name="QR code of your two-factor key").is_visible()
    page.screenshot(path="var/screens/two-factor-setup-390.png", full_page=True)

    secret = page.locator("[data-totp-secret]").inner_text()
    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Turn on").click()
    page.get_by_text("This code is wrong or expired.").wait_for()
    clinician.totpdevice_set.get().throttle_reset()  # django-otp slows retries after a miss
    page.get_by_role("textbox", name="Code").fill(app_code(secret))
    page.get_by_role("button", name="Turn on").click()
    page.get_by_role("heading", name="Your recovery codes").wait_for()
    assert page.locator("[data-recovery-codes] li").count() == 10
    page.screenshot(path="var/screens/two-factor-codes-390.png", full_page=True)
    page.get_by_role("link", name="Continue").click()
    page.wait_for_url(f"**/clinician/patients/{patient.pk}/")
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""

    # The next log-in asks for the code after the password.
    page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("button", name="Log out").click()
    # Wait for the log-out to land: a navigation started now would abort its POST.
    page.get_by_role("link", name="Create an account").wait_for()
    login(clinician, PASSWORD)
    assert "/accounts/two-factor/verify/" in page.url
    device = clinician.totpdevice_set.get()
    device.last_t = -1  # the enrolment used this 30-second step's code
    device.save()
    page.get_by_role("textbox", name="Code").fill(app_code(secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)
    page.goto(f"/clinician/patients/{patient.pk}/")
    assert f"/clinician/patients/{patient.pk}/" in page.url
