"""Every therapies endpoint as owner, other patient, clinician and anonymous visitor."""

from datetime import date, timedelta

import pytest

from tests.therapies.conftest import NOW, log_history
from tests.therapies.factories import (
    CourseFactory,
    CustomDrugFactory,
    DoseLogFactory,
    SideEffectFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def alices_rows(patient, fumarate_course):
    """One row of each resource that belongs to alice, by URL."""
    drug = CustomDrugFactory(owner=patient)
    dose = DoseLogFactory(course=fumarate_course, scheduled_for=NOW - timedelta(hours=6))
    effect = SideEffectFactory(course=fumarate_course)
    return {
        "/api/v1/drugs/": drug.pk,
        "/api/v1/courses/": fumarate_course.pk,
        "/api/v1/doses/": dose.pk,
        "/api/v1/side-effects/": effect.pk,
    }


LISTS = ["/api/v1/drugs/", "/api/v1/courses/", "/api/v1/doses/", "/api/v1/side-effects/"]


@pytest.mark.parametrize("url", LISTS)
def test_the_owner_sees_their_rows(patient_api, alices_rows, url):
    response = patient_api.get(f"{url}{alices_rows[url]}/")
    assert response.status_code == 200
    ids = [row["id"] for row in patient_api.get(f"{url}?page_size=100").json()["results"]]
    assert alices_rows[url] in ids


@pytest.mark.parametrize("url", LISTS)
def test_another_patient_gets_404_and_an_empty_list(other_patient_api, alices_rows, url):
    assert other_patient_api.get(f"{url}{alices_rows[url]}/").status_code == 404
    assert (
        other_patient_api.patch(f"{url}{alices_rows[url]}/", {}, format="json").status_code == 404
    )
    assert other_patient_api.delete(f"{url}{alices_rows[url]}/").status_code == 404
    ids = [row["id"] for row in other_patient_api.get(f"{url}?page_size=100").json()["results"]]
    assert alices_rows[url] not in ids


@pytest.mark.parametrize("url", [*LISTS, "/api/v1/adherence/"])
def test_a_clinician_is_refused_and_anonymous_must_log_in(clinician_api, api_client, url):
    assert clinician_api.get(url).status_code == 403
    assert api_client.get(url).status_code == 401


def test_another_patients_course_for_a_side_effect_is_an_invalid_pk(patient_api, bobs_course):
    response = patient_api.post(
        "/api/v1/side-effects/",
        {"course": bobs_course.pk, "date": "2024-06-01", "effect": "Headache"},
        format="json",
    )
    assert response.status_code == 400
    assert "Invalid pk" in response.json()["course"][0]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"date": "2024-06-16"}, "date"),  # tomorrow in Berlin
        ({"date": "2023-12-31"}, "date"),  # before the course started
        ({"severity": "awful"}, "severity"),
        ({"effect": ""}, "effect"),
    ],
)
def test_bad_side_effects_get_field_errors(patient_api, fumarate_course, data, field):
    body = {"course": fumarate_course.pk, "date": "2024-06-01", "effect": "Flushing", **data}
    response = patient_api.post("/api/v1/side-effects/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_other_patients_adherence_is_their_own(other_patient_api, fumarate_course):
    body = other_patient_api.get("/api/v1/adherence/").json()
    assert body["courses"] == []
    assert body["overall"][0]["percent"] is None


@pytest.mark.parametrize("days", [5, 500])
@pytest.mark.parametrize("url", ["/api/v1/doses/", "/api/v1/courses/", "/api/v1/side-effects/"])
def test_list_queries_do_not_grow_with_history(
    patient_api, patient, days, url, django_assert_max_num_queries
):
    for n in range(days // 50 + 1):
        course = CourseFactory(user=patient, start=date(2022, 1, 1) + timedelta(days=n))
        SideEffectFactory(course=course)
    log_history(course, date(2024, 6, 14) - timedelta(days=days), date(2024, 6, 14))
    with django_assert_max_num_queries(5):
        assert patient_api.get(url).status_code == 200
