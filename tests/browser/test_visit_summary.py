"""The visit summary in Chromium: readable on a phone and a desktop, printed without the
menus, and the PDF downloaded from its button."""

from datetime import timedelta
from pathlib import Path

import pytest

from journal.models import Relapse
from mstracker.care.models import VisitNote
from tests.journal.factories import MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"


@pytest.fixture
def history(patient):
    today = patient.local_today()
    MeasureFactory(user=patient, kind="edss", date=today - timedelta(days=300), value=2.5)
    MeasureFactory(user=patient, kind="edss", date=today - timedelta(days=150), value=3.5)
    MeasureFactory(user=patient, kind="edss", date=today - timedelta(days=40), value=3.5)
    Relapse.objects.create(
        user=patient,
        onset=today - timedelta(days=200),
        end=today - timedelta(days=180),
        functions=["vision"],
    )
    VisitNote.objects.create(patient=patient, text="Tired in the afternoons.")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_summary_fits_the_screen_and_prints_without_menus(signed_in, page, history, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/journal/summary/")
    assert page.get_by_role("heading", name="Visit summary: alice").is_visible()
    assert page.locator(".timeline svg").is_visible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"visit-summary-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width  # no sideways scrolling
    page.emulate_media(media="print")
    assert not page.locator("nav").is_visible()
    assert not page.get_by_role("link", name="Download PDF").is_visible()
    assert page.get_by_text("Tired in the afternoons.").is_visible()


def test_the_pdf_button_downloads_it(signed_in, page, history):
    page.goto("/journal/summary/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    path = download.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF-")
    assert download.value.suggested_filename.startswith("mstracker-summary-alice-")
