"""A patient shares by code in the clinic room; the clinician accepts, reads, records an
EDSS and leaves a note; the patient sees both ("entered by"), reads the access log and
revokes, and the clinician's next page is refused."""

import json
from pathlib import Path

import pytest

from tests.factories import PASSWORD, current_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_share_by_code_accept_read_log_revoke(browser, live_server, patient, clinician):
    clinician.first_name, clinician.last_name = "Carol", "Rivera"
    clinician.save()
    contexts = []

    def session(user):
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, base_url=live_server.url
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/accounts/login/")
        page.get_by_label("Username or email").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        if "/accounts/two-factor/verify/" in page.url:  # clinicians have two-factor on
            page.get_by_label("Code").fill(current_code(user))
            page.get_by_role("button", name="Continue").click()
            page.wait_for_url(lambda url: "/two-factor/" not in url)
        return page

    try:
        mine = session(patient)
        mine.goto("/care/")
        mine.get_by_label("Symptoms and notes").check()
        mine.get_by_label("Relapses and disability measures").check()
        mine.get_by_label("For how long").select_option(label="30 days")
        mine.get_by_role("button", name="Invite").click()
        code = mine.get_by_test_id("share-code").inner_text()
        assert mine.get_by_role("img", name="QR code of the share code").is_visible()

        theirs = session(clinician)
        theirs.goto("/care/accept/")
        theirs.get_by_label("The patient's code").fill(code.lower().replace("-", " "))
        theirs.get_by_role("button", name="Accept").click()
        theirs.get_by_text("alice now shares their record with you.").wait_for()
        theirs.get_by_role("link", name="alice").click()
        theirs.get_by_text("Shared with you: Symptoms and notes, Relapses").wait_for()
        theirs.get_by_label("Note (the patient sees it on their Today page)").fill(
            "Bring your walking diary next time."
        )
        theirs.get_by_role("button", name="Save note").click()
        theirs.get_by_text("Note saved.").wait_for()
        theirs.get_by_label("EDSS score").fill("3.5")
        theirs.get_by_role("button", name="Record EDSS").click()
        theirs.get_by_text("EDSS 3.5 on").wait_for()
        theirs.screenshot(path="var/screenshots/clinician-patient-390.png", full_page=True)
        with theirs.expect_download() as download:
            theirs.get_by_role("link", name="JSON", exact=True).click()
        assert download.value.suggested_filename.startswith("mstracker-alice-shared-")
        exported = json.loads(Path(download.value.path()).read_text())
        assert exported["shared_scopes"] == ["relapses_measures", "symptoms"]
        assert "reminders" not in exported
        assert exported["measures"][0]["value"] == 3.5
        theirs.get_by_role("status").get_by_text("JSON: saved mstracker-alice-shared-").wait_for()
        theirs.get_by_role("link", name="Progression dashboard").click()
        theirs.get_by_role("heading", name="Progression: alice").wait_for()

        mine.goto("/journal/today/")
        assert "Bring your walking diary next time." in mine.locator("main").inner_text()
        mine.goto("/journal/measures/")
        assert "entered by Carol Rivera" in mine.locator("main").inner_text()

        mine.goto("/care/access-log/")
        log = mine.locator("main").inner_text()
        assert "Carol Rivera viewed your summary on" in log
        assert "Carol Rivera changed your notes on" in log
        assert "Carol Rivera changed your measures on" in log
        assert "Carol Rivera viewed your progression on" in log
        assert "Carol Rivera viewed your export on" in log

        mine.goto("/care/")
        assert "Last viewed: never" not in mine.locator("main").inner_text()
        mine.get_by_role("button", name="Stop sharing").click()
        mine.get_by_text("Sharing stopped. Carol Rivera can no longer see your record.").wait_for()

        response = theirs.reload()
        assert response.status == 404
    finally:
        for context in contexts:
            context.close()
