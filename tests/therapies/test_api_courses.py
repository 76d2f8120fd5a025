"""Therapy courses through the API: start, stop, override the schedule, and bad input."""

from datetime import date

import pytest

from tests.therapies.factories import CourseFactory, CustomDrugFactory, catalogue
from therapies.models import Course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = "/api/v1/courses/"


def course_data(**overrides):
    data = {
        "drug": catalogue("ocrelizumab-iv").pk,
        "start": "2024-06-01",
        "dose": "600",
        "dose_unit": "mg",
    }
    data.update(overrides)
    return data


def test_a_patient_starts_a_course_on_a_catalogue_drug(patient_api, patient):
    response = patient_api.post(URL, course_data(), format="json")
    assert response.status_code == 201, response.data
    body = response.json()
    assert body["drug_name"] == "Ocrelizumab (intravenous)"
    assert body["schedule"]["kind"] == "monthly"
    assert body["schedule_description"] == "Every 6 months, after first doses on days 1 and 15"
    assert Course.objects.get().user == patient


def test_stopping_a_course_with_a_reason(patient_api, fumarate_course):
    response = patient_api.patch(
        f"{URL}{fumarate_course.pk}/",
        {"stop": "2024-06-10", "stop_reason": "side_effects"},
        format="json",
    )
    assert response.status_code == 200
    fumarate_course.refresh_from_db()
    assert (fumarate_course.stop, fumarate_course.stop_reason) == (
        date(2024, 6, 10),
        "side_effects",
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"stop": "2024-05-31"}, "stop", "cannot be before the first day"),
        ({"dose": "-5"}, "dose", "Enter a dose above zero."),
        ({"dose": "0"}, "dose", "Enter a dose above zero."),
        ({"drug": 999999}, "drug", "Invalid pk"),
        ({"stop_reason": "cost"}, "stop_reason", "Give the last day too"),
        ({"stop": "2024-06-10", "stop_reason": "boredom"}, "stop_reason", "not a valid choice"),
        ({"start": "15/06/2024"}, "start", "Date has wrong format"),
        ({"dose_unit": "bushel"}, "dose_unit", "not a valid choice"),
    ],
)
def test_bad_input_gets_a_field_error(patient_api, overrides, field, message):
    response = patient_api.post(URL, course_data(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert message in str(response.json()[field])
    assert not Course.objects.exists()


def test_another_patients_custom_drug_is_an_unknown_drug(patient_api, other_patient):
    bobs_drug = CustomDrugFactory(owner=other_patient)
    response = patient_api.post(URL, course_data(drug=bobs_drug.pk), format="json")
    assert response.status_code == 400
    assert "Invalid pk" in str(response.json()["drug"])


def test_own_custom_drug_with_its_own_schedule(patient_api, patient):
    mine = CustomDrugFactory(owner=patient)
    response = patient_api.post(URL, course_data(drug=mine.pk, dose="5"), format="json")
    assert response.status_code == 201
    assert response.json()["schedule"]["times"] == ["09:00"]


def test_schedule_override_is_validated_and_used(patient_api):
    bad = {"kind": "weekdays", "weekdays": []}
    response = patient_api.post(URL, course_data(schedule_override=bad), format="json")
    assert response.status_code == 400
    assert response.json()["schedule_override"] == {"weekdays": ["Choose at least one weekday."]}

    override = {"kind": "weekdays", "weekdays": ["tue", "thu", "sat"], "times": ["21:00"]}
    drug = catalogue("glatiramer-40").pk
    response = patient_api.post(
        URL, course_data(drug=drug, dose="40", schedule_override=override), format="json"
    )
    assert response.status_code == 201
    assert response.json()["schedule_description"] == "3× weekly (Tue, Thu and Sat) at 21:00"


def test_expected_doses_of_a_day_with_their_state(patient_api, fumarate_course):
    response = patient_api.get(f"{URL}{fumarate_course.pk}/expected/")  # today, 14:00 local
    assert response.status_code == 200
    rows = response.json()
    assert [(r["scheduled_for"], r["state"]) for r in rows] == [
        ("2024-06-15T06:00:00Z", "unlogged"),  # 08:00 Berlin, window closed 10:00
        ("2024-06-15T18:00:00Z", "upcoming"),
    ]
    assert rows[0]["window_end"] == "2024-06-15T08:00:00Z"


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2024-06-10&date_to=2024-06-01",
        "date_from=2024-01-01&date_to=2024-12-31",
        "date_from=x",
    ],
)
def test_expected_doses_refuse_bad_ranges(patient_api, fumarate_course, query):
    response = patient_api.get(f"{URL}{fumarate_course.pk}/expected/?{query}")
    assert response.status_code == 400


def test_filter_courses_running_today(patient_api, patient):
    CourseFactory(user=patient, start=date(2023, 1, 1), stop=date(2023, 12, 31))
    running = CourseFactory(user=patient, start=date(2024, 1, 1))
    response = patient_api.get(f"{URL}?running=true")
    assert [c["id"] for c in response.json()["results"]] == [running.pk]
    response = patient_api.get(f"{URL}?date_from=2023-06-01&date_to=2023-06-30")
    assert len(response.json()["results"]) == 1
