"""Smoking status over time and the smoke-free streak."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal.models import SmokingRecord
from tests.journal.factories import SmokingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

API = "/api/v1/smoking/"


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_streak_counts_days_since_the_quit_date():
    def days(status, quit_on):
        return SmokingRecord(status=status, quit_date=quit_on).smoke_free_days(dt.date(2025, 6, 4))

    assert days("former", dt.date(2025, 6, 1)) == 3
    assert days("current", None) is None
    assert days("never", None) is None


def test_record_edit_delete_and_see_the_streak(patient_client, patient):
    url = reverse("journal:smoking_new")
    data = {"date": "2025-06-01", "status": "former", "quit_date": "2025-05-05", "cigarettes": ""}
    assert patient_client.post(url, data).status_code == 302
    record = SmokingRecord.objects.get(user=patient)
    page = patient_client.get(reverse("journal:smoking_list")).content.decode()
    assert "30 days smoke-free" in page
    assert "30 days smoke-free" in patient_client.get(reverse("journal:today")).content.decode()
    patient_client.post(reverse("journal:smoking_edit", args=[record.pk]), {**data, "vaping": "on"})
    record.refresh_from_db()
    assert record.vaping
    patient_client.post(reverse("journal:smoking_delete", args=[record.pk]))
    assert not SmokingRecord.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "text"),
    [
        ({"status": "never", "cigarettes": "5"}, "cigarettes", "only for someone who smokes now"),
        ({"status": "current", "quit_date": "2025-01-01"}, "quit_date", "only for a former smoker"),
        ({"status": "former", "quit_date": "2025-06-05"}, "quit_date", "cannot be in the future"),
        ({"status": "former", "quit_date": "2025-06-03"}, "quit_date", "cannot be after the date"),
        ({"status": "current", "cigarettes": "101"}, "cigarettes", "100"),
        ({"status": "current", "date": "2025-06-05"}, "date", "cannot be in the future"),
    ],
)
def test_inconsistent_records_are_refused(patient_client, data, field, text):
    response = patient_client.post(reverse("journal:smoking_new"), {"date": "2025-06-01", **data})
    assert text in " ".join(response.context["form"].errors[field])
    assert not SmokingRecord.objects.exists()


def test_api_round_trip_and_rules(patient_api, patient):
    body = {
        "date": "2025-06-01",
        "status": "former",
        "cigarettes": None,
        "vaping": True,
        "quit_date": "2025-05-25",
    }
    created = patient_api.post(API, body, format="json")
    assert created.status_code == 201
    assert created.json()["smoke_free_days"] == 10
    bad = patient_api.post(
        API, {"date": "2025-06-01", "status": "never", "cigarettes": 10}, format="json"
    )
    assert bad.status_code == 400
    assert "cigarettes" in bad.json()
    url = f"{API}{created.json()['id']}/"
    assert (
        patient_api.patch(
            url, {"status": "current", "quit_date": None, "cigarettes": 5}, format="json"
        ).status_code
        == 200
    )
    assert patient_api.delete(url).status_code == 204


def test_latest_record_is_the_current_status(patient_client, patient):
    SmokingFactory(
        user=patient, date=dt.date(2020, 1, 1), status="current", quit_date=None, cigarettes=10
    )
    SmokingFactory(
        user=patient, date=dt.date(2024, 1, 1), status="former", quit_date=dt.date(2023, 12, 31)
    )
    response = patient_client.get(reverse("journal:smoking_list"))
    assert response.context["latest"].status == "former"
