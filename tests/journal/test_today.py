"""The Today page: the patient's home, with the check-in and today's doses."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from tests.therapies.factories import CourseFactory, catalogue, ensure_catalogue
from therapies.models import DoseLog

pytestmark = pytest.mark.django_db


def test_today_greets_and_links_to_every_kind(patient_client):
    html = patient_client.get(reverse("journal:today")).content.decode()
    assert "Hello, alice" in html
    for name in ("relapse_new", "exercise_new", "vitd_dose_new"):
        assert reverse(f"journal:{name}") in html
    assert reverse("journal:measure_new", args=["pdds"]) in html


def test_today_lists_the_days_doses_and_logs_one_in_a_tap(patient_client, patient):
    """The therapies card sits on Today: its Taken button logs the dose and returns here."""
    # 09:00 in Berlin: the 08:00 dose is within its two-hour window.
    with time_machine.travel(datetime(2024, 6, 15, 7, 0, tzinfo=UTC), tick=False):
        ensure_catalogue()
        course = CourseFactory(
            user=patient, drug=catalogue("dimethyl-fumarate"), start=date(2024, 1, 1)
        )
        html = patient_client.get(reverse("journal:today")).content.decode()
        assert "Today’s doses" in html
        assert html.count('name="status" value="taken"') == 1  # 08:00 is due, 20:00 not yet
        response = patient_client.post(
            reverse("therapies:dose_log"),
            {
                "course": course.pk,
                "scheduled_for": "2024-06-15T08:00:00+02:00",
                "status": "taken",
                "next": reverse("journal:today"),
            },
        )
        assert response.status_code == 302
        assert response.url == reverse("journal:today")
        assert DoseLog.objects.get(user=patient).status == "taken"
        assert "Taken, 09:00" in patient_client.get(reverse("journal:today")).content.decode()
