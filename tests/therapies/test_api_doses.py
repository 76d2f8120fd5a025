"""Logging doses through the API: once per dose, on time or late, and never another's."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from rest_framework.test import APIClient

from tests.therapies.conftest import NOW
from tests.therapies.factories import CourseFactory, DoseLogFactory, catalogue
from therapies.models import DoseLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/v1/doses/"
MORNING = "2024-06-15T06:00:00Z"  # 08:00 in Berlin, today


def test_a_dose_taken_on_time(patient_api, fumarate_course):
    response = patient_api.post(
        URL,
        {
            "course": fumarate_course.pk,
            "scheduled_for": MORNING,
            "status": "taken",
            "taken_at": "2024-06-15T08:05:00+02:00",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "taken"
    assert response.json()["in_window"] is True


def test_taken_without_a_time_means_now_and_after_the_window_is_late(patient_api, fumarate_course):
    response = patient_api.post(
        URL,
        {"course": fumarate_course.pk, "scheduled_for": MORNING, "status": "taken"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["taken_at"] == "2024-06-15T12:00:00Z"  # now
    assert (body["status"], body["in_window"]) == ("late", False)


def test_the_same_dose_can_be_logged_only_once(patient_api, fumarate_course):
    data = {"course": fumarate_course.pk, "scheduled_for": MORNING, "status": "missed"}
    assert patient_api.post(URL, data, format="json").status_code == 201
    again = patient_api.post(URL, {**data, "status": "taken"}, format="json")
    assert again.status_code == 400
    assert again.json() == {"non_field_errors": ["This dose is already logged."]}
    assert DoseLog.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises writers, so there is no race to test",
)
@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_the_same_moment_logs_one_dose(patient, fumarate_course):
    barrier = threading.Barrier(2)
    statuses = []

    def submit():
        client = APIClient()
        client.force_authenticate(patient)
        barrier.wait()
        response = client.post(
            URL,
            {"course": fumarate_course.pk, "scheduled_for": MORNING, "status": "missed"},
            format="json",
        )
        statuses.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201, 400]
    assert DoseLog.objects.count() == 1


def test_another_patients_course_is_an_invalid_pk(patient_api, bobs_course):
    response = patient_api.post(
        URL,
        {"course": bobs_course.pk, "scheduled_for": MORNING, "status": "missed"},
        format="json",
    )
    assert response.status_code == 400
    assert "Invalid pk" in response.json()["course"][0]
    assert not DoseLog.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"scheduled_for": "2024-06-15T07:00:00Z"}, "scheduled_for", "No dose of this course"),
        ({"scheduled_for": "2024-06-16T06:00:00Z"}, "scheduled_for", "not due yet"),
        ({"scheduled_for": "2023-12-31T07:00:00Z"}, "scheduled_for", "No dose of this course"),
        ({"status": "missed", "taken_at": MORNING}, "taken_at", "A missed dose has no time"),
        ({"taken_at": "2024-06-15T13:00:00Z"}, "taken_at", "cannot be in the future"),
        ({"status": "forgotten"}, "status", "not a valid choice"),
        ({"scheduled_for": "yesterday"}, "scheduled_for", "wrong format"),
    ],
)
def test_bad_doses_get_field_errors(patient_api, fumarate_course, data, field, message):
    body = {"course": fumarate_course.pk, "scheduled_for": MORNING, "status": "taken", **data}
    response = patient_api.post(URL, body, format="json")
    assert response.status_code == 400
    assert message in str(response.json()[field]), response.json()


def test_a_stopped_course_expects_no_more_doses(patient_api, fumarate_course):
    fumarate_course.stop = date(2024, 6, 14)
    fumarate_course.save()
    response = patient_api.post(
        URL,
        {"course": fumarate_course.pk, "scheduled_for": MORNING, "status": "missed"},
        format="json",
    )
    assert "No dose of this course" in response.json()["scheduled_for"][0]


def test_correcting_a_log(patient_api, fumarate_course):
    log = DoseLogFactory(course=fumarate_course, scheduled_for=NOW - timedelta(hours=6))
    response = patient_api.patch(
        f"{URL}{log.pk}/", {"status": "missed", "taken_at": None}, format="json"
    )
    assert response.status_code == 200, response.json()
    log.refresh_from_db()
    assert (log.status, log.taken_at) == ("missed", None)


def test_filter_by_local_dates_and_course(patient_api, patient, fumarate_course):
    other = CourseFactory(user=patient, drug=catalogue("dalfampridine"), dose=10)
    # 14 June 23:30 Berlin is 21:30 UTC: a UTC date filter would get it wrong.
    late_evening = CourseFactory(
        user=patient,
        drug=catalogue("teriflunomide"),
        dose=14,
        schedule_override={"kind": "daily", "times": ["23:30"]},
    )
    DoseLogFactory(
        course=late_evening, scheduled_for=NOW.replace(hour=21, minute=30) - timedelta(days=1)
    )
    DoseLogFactory(course=fumarate_course, scheduled_for=NOW - timedelta(hours=6))
    DoseLogFactory(course=other, scheduled_for=NOW - timedelta(hours=6))
    response = patient_api.get(f"{URL}?date_from=2024-06-15&date_to=2024-06-15")
    assert len(response.json()["results"]) == 2
    response = patient_api.get(f"{URL}?date_to=2024-06-14")
    assert [r["course"] for r in response.json()["results"]] == [late_evening.pk]
    response = patient_api.get(f"{URL}?course={other.pk}")
    assert [r["course"] for r in response.json()["results"]] == [other.pk]
