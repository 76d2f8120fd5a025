"""A patient on a phone copies an MRI report and a blood test from their letters."""

import pytest

from journal.models import LabResult, MriReport

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_mri_report_with_a_count_and_a_not_stated_count(signed_in, patient):
    page = signed_in
    page.goto("/journal/mri/new/")
    page.get_by_label("Contrast (gadolinium) given").check()
    t2 = page.get_by_role("group", name="New or enlarging T2 lesions")
    t2.get_by_text("A number", exact=True).click()
    page.get_by_role("button", name="Save").click()
    # "A number" without one: the message is next to that question, nothing is saved.
    error = page.locator("#id_new_t2_lesions_error")
    error.wait_for()
    assert "Enter how many the report gives." in error.inner_text()
    assert not MriReport.objects.exists()

    page.get_by_role("group", name="New or enlarging T2 lesions").get_by_label("How many").fill("2")
    page.get_by_label("Summary (the report's conclusion in your words or its own)").fill(
        "Two new lesions."
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_text("MRI report saved.").wait_for()
    scan = MriReport.objects.get(user=patient)
    assert (scan.new_t2_lesions, scan.enhancing_lesions) == (2, None)
    assert page.locator(".mri-badge").first.inner_text() == "Active"


def test_a_lymphocyte_count_in_cells_per_microlitre_below_its_range(signed_in, patient):
    page = signed_in
    page.goto("/journal/labs/new/?kind=lymphocytes")
    page.get_by_label("Result").fill("650")
    page.get_by_label("cells/uL").check()
    page.get_by_label("Reference range from").fill("1000")
    page.get_by_label("Reference range to").fill("4000")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Lab result saved.").wait_for()
    lab = LabResult.objects.get(user=patient)
    assert lab.value == pytest.approx(0.65)
    assert "Below the reference range" in page.content()
    assert "Lymphocyte count: 650 cells/uL" in page.locator(".entry-list").inner_text()
