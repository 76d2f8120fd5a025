"""A patient downloads their data, imports it into a new account, and deletes the old one."""

import json

import pytest

from mstracker.accounts.models import User
from tests.factories import PASSWORD, PatientFactory
from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db(transaction=True)


def test_download_import_elsewhere_and_delete(page, login, patient, tmp_path):
    every_kind_of_record(patient)
    login(patient, PASSWORD)
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Your data: download, import").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download JSON").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert info.value.suggested_filename.startswith("mstracker-alice-")
    assert len(json.loads(path.read_text())["checkins"]) == 2
    # The page shows the download's progress, then what it saved, in a live region.
    page.get_by_role("status").get_by_text("Download JSON: saved mstracker-alice-").wait_for()
    page.screenshot(path="var/screenshots/your-data-saved-390.png")
    with page.expect_download() as csv_info:
        page.get_by_role("link", name="Download CSV (spreadsheet)").click()
    assert csv_info.value.suggested_filename.endswith(".csv.zip")

    page.goto("/accounts/delete/")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    page.get_by_text("Your account and all its records are deleted.").wait_for()
    assert not User.objects.filter(username="alice").exists()

    PatientFactory(username="alice2", email="alice2@example.org")
    login(User.objects.get(username="alice2"), PASSWORD)
    page.goto("/accounts/data/")
    page.get_by_label("Your JSON export").set_input_files(str(path))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Imported:").wait_for()
    assert "2 checkins" in page.locator("main").inner_text()
