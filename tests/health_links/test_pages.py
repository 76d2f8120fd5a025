"""The "Share a link" pages: create, show the link and its QR code, revoke."""

import pytest

from mstracker.health_links.models import HealthLink
from tests.health_links.shl_client import parse, post_manifest

pytestmark = pytest.mark.django_db


def test_create_show_and_revoke(patient_client):
    response = patient_client.post(
        "/health-links/",
        {
            "label": "For the ED <b>now</b>",
            "contents": ["Condition", "MedicationStatement"],
            "expires_in_days": "1",
            "passcode": "blue-heron",
        },
    )
    link = HealthLink.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/health-links/{link.pk}/"
    page = patient_client.get(response["Location"]).content.decode()
    assert "QR code of the health link" in page
    assert "<svg" in page
    assert "For the ED &lt;b&gt;now&lt;/b&gt;" in page
    viewer = page.split('data-testid="viewer-url">')[1].split("</textarea>")[0]
    assert viewer.startswith("http://testserver/shl/#shlink:/")
    assert post_manifest(parse(viewer), passcode="blue-heron").status_code == 200
    assert link.contents == ["Patient", "Condition", "MedicationStatement"]

    listing = patient_client.get("/health-links/").content.decode()
    assert "Opened 1 time, last on" in listing
    assert "Active" in listing
    patient_client.post(f"/health-links/{link.pk}/revoke/")
    listing = patient_client.get("/health-links/").content.decode()
    assert "Revoked" in listing
    assert post_manifest(parse(viewer), passcode="blue-heron").status_code == 404


def test_form_errors_stay_next_to_their_field(patient_client):
    response = patient_client.post(
        "/health-links/", {"label": "x" * 81, "contents": [], "passcode": "12"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose at least one part of your record." in page
    assert "at most 80 characters" in page
    assert HealthLink.objects.count() == 0


def test_another_patients_link_is_a_404(patient_client, other_patient):
    from mstracker.health_links import links

    link, _ = links.create(other_patient, base="http://testserver")
    assert patient_client.get(f"/health-links/{link.pk}/").status_code == 404
    assert patient_client.post(f"/health-links/{link.pk}/revoke/").status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_viewer_page_is_public_and_loads_its_script(client):
    response = client.get("/shl/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "js/shl_viewer" in page
    assert "<script>" not in page  # no inline script
