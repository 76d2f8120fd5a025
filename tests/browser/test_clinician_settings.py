"""A clinician chooses the PIRA definition for their patients on a phone, by label."""

import pytest

from journal.progression_definitions import HIGH_SPECIFICITY, definition_for
from tests.factories import PASSWORD, current_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_clinician_chooses_high_specificity(page, clinician):
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(clinician.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.get_by_role("textbox", name="Code").fill(current_code(clinician))  # two-factor
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/two-factor/" not in url)

    page.goto("/clinician/settings/")
    assert page.get_by_label("Standard").is_checked()
    page.get_by_label("High specificity").check()
    page.locator("main").get_by_role("button", name="Save").click()

    page.get_by_text("Settings saved.").wait_for()
    assert page.get_by_label("High specificity").is_checked()
    assert definition_for(clinician) is HIGH_SPECIFICITY
