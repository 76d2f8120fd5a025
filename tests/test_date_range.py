"""Every date lies in one documented range: from 1900, observations not after the
patient's today, a course's days at most five years ahead, filters in between.

Entering or asking for a date outside it is a field message (a 400 in the API, an
error next to the field on a page, a notice on the calendar), never a 500.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal.models import CheckIn
from mstracker import date_range
from tests.journal.page_text import visible_words
from tests.therapies.factories import CourseFactory, catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NOW = dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.UTC)
TODAY = NOW.date()
FAR_PAST = "0001-01-01"
FAR_FUTURE = "9999-12-31"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_range_names_its_bounds():
    assert dt.date(1900, 1, 1) == date_range.EARLIEST
    assert date_range.latest_planned(TODAY) == dt.date(2030, 6, 1)
    assert date_range.latest_planned(dt.date(2028, 2, 29)) == dt.date(2033, 2, 28)


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/api/v1/checkins/", {"date": FAR_PAST, "wellbeing": 5}, "date"),
        ("/api/v1/relapses/", {"onset": FAR_PAST, "end": "0001-02-01",
                               "functions": ["vision"]}, "onset"),
        ("/api/v1/measures/", {"kind": "edss", "date": FAR_PAST, "value": 3}, "date"),
        ("/api/v1/questionnaires/", {"kind": "gad7", "date": FAR_PAST,
                                     "answers": [0] * 7}, "date"),
        ("/api/v1/exercise/", {"date": "1899-12-31", "minutes": 30}, "date"),
        ("/api/v1/vitamin-d/doses/", {"date": FAR_PAST, "iu": 1000}, "date"),
        ("/api/v1/smoking/", {"date": "2020-01-01", "status": "former",
                              "quit_date": FAR_PAST}, "quit_date"),
    ],
)  # fmt: skip
def test_an_observation_before_1900_is_refused_by_the_api(patient_api, url, body, field):
    response = patient_api.post(url, body, format="json")
    assert response.status_code == 400, response.content
    assert response.json()[field] == ["Enter a date from 01 January 1900 on."]


def test_the_check_in_page_refuses_a_date_before_1900(patient_client, patient):
    url = reverse("journal:checkin_edit", args=[FAR_PAST])
    response = patient_client.post(url, {"wellbeing": "5"})
    assert response.status_code == 200
    assert "Enter a date from 01 January 1900 on." in visible_words(response.text)
    assert not CheckIn.objects.filter(user=patient).exists()


def test_a_course_may_be_planned_five_years_ahead_and_no_further(patient_api):
    drug = catalogue("dimethyl-fumarate").pk
    base = {"drug": drug, "start": "2024-01-01", "dose": "240"}
    ok = patient_api.post("/api/v1/courses/", {**base, "stop": "2030-06-01"}, format="json")
    assert ok.status_code == 201, ok.content
    far = patient_api.post("/api/v1/courses/", {**base, "stop": FAR_FUTURE}, format="json")
    assert far.status_code == 400
    assert far.json()["stop"] == ["Enter a date at most 5 years ahead (until 01 June 2030)."]
    early = patient_api.post("/api/v1/courses/", {**base, "start": FAR_PAST}, format="json")
    assert early.json()["start"] == ["Enter a date from 01 January 1900 on."]


def test_the_stop_page_refuses_a_last_day_far_ahead(patient_client, patient):
    course = CourseFactory(user=patient, start=dt.date(2024, 1, 1))
    url = reverse("therapies:course_stop", args=[course.pk])
    response = patient_client.post(url, {"stop": FAR_FUTURE, "stop_reason": "other"})
    assert response.status_code == 200
    assert "Enter a date at most 5 years ahead" in visible_words(response.text)
    course.refresh_from_db()
    assert course.stop is None


def test_a_dose_scheduled_in_year_one_is_refused(patient_api, patient):
    course = CourseFactory(user=patient, start=dt.date(2024, 1, 1))
    response = patient_api.post(
        "/api/v1/doses/",
        {"course": course.pk, "scheduled_for": "0001-01-01T08:00:00Z", "status": "missed"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["scheduled_for"] == ["Enter a date from 01 January 1900 on."]


FILTERED = [
    "/api/v1/checkins/",
    "/api/v1/relapses/",
    "/api/v1/measures/",
    "/api/v1/exercise/",
    "/api/v1/smoking/",
    "/api/v1/courses/",
    "/api/v1/doses/",
    "/api/v1/side-effects/",
]


@pytest.mark.parametrize("url", FILTERED)
@pytest.mark.parametrize(("name", "value"), [("date_from", FAR_PAST), ("date_to", FAR_FUTURE)])
def test_an_api_filter_outside_the_range_is_a_400_naming_it(patient_api, url, name, value):
    response = patient_api.get(f"{url}?{name}={value}")
    assert response.status_code == 400, response.content
    assert response.json() == {name: ["Give a date from 1900-01-01 to 2030-06-01."]}


def test_the_filters_accept_the_range_itself(patient_api):
    response = patient_api.get("/api/v1/doses/?date_from=1900-01-01&date_to=2030-06-01")
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "value"), [("date_from", FAR_PAST), ("date_to", FAR_FUTURE)])
def test_progression_and_expected_doses_refuse_dates_outside_the_range(
    patient_api, patient, name, value
):
    response = patient_api.get(f"/api/v1/progression/?{name}={value}")
    assert response.status_code == 400
    assert name in response.json()
    course = CourseFactory(user=patient, start=dt.date(2024, 1, 1))
    response = patient_api.get(f"/api/v1/courses/{course.pk}/expected/?{name}={value}")
    assert response.status_code == 400
    assert name in response.json()


def test_a_history_page_shows_the_range_next_to_the_filter(patient_client):
    response = patient_client.get(reverse("journal:checkin_list"), {"date_from": FAR_PAST})
    assert response.status_code == 200
    assert "Give a date from 1900-01-01 to 2030-06-01." in visible_words(response.text)


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1899-12"])
def test_the_dose_calendar_shows_this_month_for_a_month_outside_the_range(patient_client, month):
    response = patient_client.get(reverse("therapies:calendar"), {"month": month})
    assert response.status_code == 200
    words = visible_words(response.text)
    assert "Choose a month from January 1900 to June 2030. This is June 2025." in words
