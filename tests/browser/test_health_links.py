"""Issue 14, done when: a patient creates a SMART Health Link in the browser, a second,
logged-out browser opens it through the built-in viewer (``/shl/#shlink:/...``), which
decrypts the bundle with WebCrypto and shows its summary, and the patient sees that
opening in their access log."""

import datetime as dt

import pytest

from tests.browser.conftest import PHONE, is_csp_violation
from tests.journal.factories import MeasureFactory, RelapseFactory
from tests.therapies.factories import CourseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_create_open_in_a_logged_out_browser_and_see_the_opening(
    browser, live_server, signed_in, patient
):
    patient.first_name, patient.last_name, patient.ms_course = "Alice", "Moreau", "rrms"
    patient.diagnosis_year = 2015
    patient.save()
    RelapseFactory(user=patient, onset=dt.date(2024, 3, 1), functions=["vision"])
    MeasureFactory(user=patient, kind="edss", date=dt.date(2024, 6, 1), value=3.5)
    CourseFactory(user=patient)

    mine = signed_in
    mine.goto("/care/")
    mine.get_by_role("link", name="share a link").click()
    mine.get_by_label("Label").fill("For the emergency department")
    mine.get_by_label("Valid for").select_option(label="7 days")
    mine.get_by_label("Passcode (optional)").fill("blue-heron")
    mine.get_by_role("button", name="Create link").click()
    mine.get_by_text("Your link is ready.").wait_for()
    assert mine.get_by_role("img", name="QR code of the health link").is_visible()
    mine.screenshot(path="var/screenshots/health-link-390.png", full_page=True)
    viewer_url = mine.get_by_test_id("viewer-url").input_value()
    assert viewer_url.startswith(f"{live_server.url}/shl/#shlink:/")

    theirs_context = browser.new_context(viewport=PHONE)  # no cookie: logged out
    violations = []
    try:
        theirs = theirs_context.new_page()
        theirs.set_default_timeout(10_000)
        theirs.on("console", lambda m: violations.append(m.text) if is_csp_violation(m) else None)
        theirs.goto(viewer_url)
        theirs.get_by_text("For the emergency department").wait_for()
        theirs.get_by_label("Your name or organisation").fill("Dr Ana Ruiz, St Mary's ED")
        theirs.get_by_label("Passcode").fill("wrong")
        theirs.get_by_role("button", name="Open the record").click()
        theirs.get_by_text("Wrong passcode. 9 attempts left.").wait_for()
        theirs.get_by_label("Passcode").fill("blue-heron")
        theirs.get_by_role("button", name="Open the record").click()
        theirs.get_by_text("Record decrypted.").wait_for()
        summary = theirs.locator("#shl-summary").inner_text()
        assert "Alice Moreau" in summary
        assert "Relapsing remitting multiple sclerosis since 2015 (active)" in summary
        assert "Exacerbation of multiple sclerosis since 2024-03-01" in summary
        assert "2024-06-01" in summary
        assert "3.5" in summary
        assert "Dimethyl fumarate, 2024-01-01 to now (active)" in summary
        theirs.screenshot(path="var/screenshots/shl-viewer-390.png", full_page=True)
    finally:
        theirs_context.close()
    assert not violations, f"Content Security Policy violations: {violations}"

    mine.goto("/care/access-log/")
    log = mine.locator("main").inner_text()
    assert "Dr Ana Ruiz, St Mary's ED opened your health link" in log
    assert "Dr Ana Ruiz, St Mary's ED tried to open your health link with a wrong passcode" in log
    mine.goto("/health-links/")
    listing = mine.locator("main").inner_text()
    assert "Opened 1 time, last on" in listing
    mine.screenshot(path="var/screenshots/health-links-390.png", full_page=True)
    mine.get_by_role("button", name="Revoke").click()
    mine.get_by_text("Link revoked.").wait_for()
    assert "Revoked" in mine.locator("main").inner_text()
