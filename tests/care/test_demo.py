"""make run's demo clinician opens a populated panel whose patients raise different flags."""

import io

import pytest
from django.core.management import call_command

from mstracker.accounts.models import User
from mstracker.care import panel
from mstracker.care.models import Share
from tests.factories import sign_in

pytestmark = pytest.mark.django_db


def test_demo_panel_has_four_patients_with_different_flags_and_is_idempotent():
    call_command("demo", stdout=io.StringIO())
    clinician = User.objects.get(username="demo-clinician")
    rows = {row.patient.username: {f.code for f in row.flags} for row in panel.panel(clinician)}
    assert set(rows) == {"demo-patient", "demo-jo", "demo-alex", "demo-kim"}
    assert {"recent_relapse", "phq9"} <= rows["demo-jo"]
    assert {"no_checkin", "gad7"} <= rows["demo-alex"]
    assert {"low_adherence", "slower_timed_test"} <= rows["demo-kim"]
    assert "new_cdw" in rows["demo-patient"]  # its RAW and PIRA, not yet viewed
    call_command("demo", stdout=io.StringIO())
    assert Share.objects.count() == 4
    assert len(panel.panel(clinician)) == 4


def test_clinician_on_a_patient_page_gets_the_styled_403_with_navigation(client):
    call_command("demo", stdout=io.StringIO())
    sign_in(client, User.objects.get(username="demo-clinician"))
    response = client.get("/care/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "This page is not for your account" in html
    assert 'href="/clinician/"' in html
