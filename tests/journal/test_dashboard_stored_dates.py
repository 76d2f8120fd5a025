"""The dashboard, the progression API and the schedules stay whole whatever dates the
database already holds: rows saved before the date rules existed (0001-01-01,
9999-12-31, written with ``objects.create()`` or ``bulk_create`` past every rule)
are left out of the charts and figures instead of breaking the page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal.models import (
    CheckIn,
    ExerciseSession,
    Measure,
    QuestionnaireResponse,
    Relapse,
    SmokingRecord,
    VitaminDDose,
    VitaminDLevel,
)
from tests.journal.page_text import visible_words
from tests.therapies.factories import catalogue
from therapies.models import Course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.UTC)
EXTREMES = [dt.date(1, 1, 1), dt.date(9999, 12, 31)]


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def store_everything_on(user, day):
    """One row of each kind on ``day``, past every rule, next to sound EDSS values."""
    CheckIn.objects.create(user=user, date=day, wellbeing=5)
    Relapse.objects.bulk_create([Relapse(user=user, onset=day, end=None)])
    Measure.objects.create(user=user, kind="edss", date=day, value=3)
    Measure.objects.create(user=user, kind="edss", date=dt.date(2024, 1, 1), value=2)
    Measure.objects.create(user=user, kind="edss", date=dt.date(2024, 9, 1), value=2)
    ExerciseSession.objects.create(user=user, date=day, minutes=30)
    VitaminDDose.objects.create(user=user, date=day, iu=1000)
    VitaminDLevel.objects.create(user=user, date=day, nmol_per_l=50)
    SmokingRecord.objects.create(user=user, date=day, status="former", quit_date=day)
    QuestionnaireResponse.objects.create(user=user, kind="phq9", date=day, answers=[0] * 9)
    drug = catalogue("dimethyl-fumarate")
    sound = dt.date(2024, 1, 1)
    Course.objects.create(
        user=user, drug=drug, start=min(day, sound), stop=max(day, sound), dose=240
    )
    Course.objects.create(user=user, drug=drug, start=day, dose=240)


@pytest.mark.parametrize("day", EXTREMES, ids=str)
@pytest.mark.parametrize("period", ["all", "2y", "6m"])
def test_the_dashboard_page_draws_around_impossible_stored_dates(
    patient_client, patient, day, period
):
    store_everything_on(patient, day)
    response = patient_client.get(reverse("journal:dashboard"), {"range": period})
    assert response.status_code == 200
    words = visible_words(response.text)
    assert "Progression" in words
    assert "Therapy adherence" in words


@pytest.mark.parametrize("day", EXTREMES, ids=str)
def test_the_progression_api_answers_around_impossible_stored_dates(patient_api, patient, day):
    store_everything_on(patient, day)
    response = patient_api.get("/api/v1/progression/?measure=edss")
    assert response.status_code == 200
    body = response.json()
    assert body["date_from"] == "2024-01-01"
    assert body["date_to"] == "2025-06-01"


@pytest.mark.parametrize("day", EXTREMES, ids=str)
@pytest.mark.parametrize(
    "url",
    [
        "/journal/today/",
        "/journal/",
        "/therapies/",
        "/therapies/courses/",
        "/therapies/calendar/",
        "/reminders/",
    ],
)
def test_the_other_pages_stay_whole(patient_client, patient, day, url):
    store_everything_on(patient, day)
    assert patient_client.get(url).status_code == 200


@pytest.mark.parametrize("day", EXTREMES, ids=str)
def test_adherence_and_expected_doses_stay_whole(patient_api, patient, day):
    store_everything_on(patient, day)
    assert patient_api.get("/api/v1/adherence/").status_code == 200
    for course in Course.objects.filter(user=patient):
        assert patient_api.get(f"/api/v1/courses/{course.pk}/expected/").status_code == 200
