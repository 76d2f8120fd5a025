"""A foreign-key filter never tells whether another patient's record exists: their
id is answered exactly as an id that does not exist, in the API and on pages."""

import pytest

from tests.journal.page_text import visible_words
from tests.therapies.factories import CourseFactory, CustomDrugFactory, catalogue
from therapies.models import Course, Drug

pytestmark = pytest.mark.django_db


@pytest.fixture
def bobs_rows(other_patient):
    course = CourseFactory(user=other_patient, drug=catalogue("teriflunomide"))
    drug = CustomDrugFactory(owner=other_patient)
    return {"course": course.pk, "drug": drug.pk}


def missing_id(model):
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


@pytest.mark.parametrize(
    ("url", "param", "model"),
    [
        ("/api/v1/doses/", "course", Course),
        ("/api/v1/side-effects/", "course", Course),
        ("/api/v1/courses/", "drug", Drug),
        ("/api/v1/adherence/", "course", Course),
    ],
)
def test_another_patients_id_in_a_filter_looks_missing(patient_api, bobs_rows, url, param, model):
    bobs = patient_api.get(url, {param: bobs_rows[param]})
    missing = patient_api.get(url, {param: missing_id(model)})
    if url == "/api/v1/side-effects/":  # no course filter there: both are simply ignored
        assert bobs.status_code == missing.status_code == 200
        assert bobs.json() == missing.json()
        return
    assert bobs.status_code == missing.status_code == 400
    assert bobs.json() == missing.json()
    assert list(bobs.json()) == [param]


def test_the_patients_own_ids_and_the_catalogue_still_filter(patient_api, patient):
    own = CourseFactory(user=patient)
    assert patient_api.get("/api/v1/doses/", {"course": own.pk}).status_code == 200
    listed = patient_api.get("/api/v1/courses/", {"drug": own.drug_id}).json()["results"]
    assert [row["id"] for row in listed] == [own.pk]
    mine = CustomDrugFactory(owner=patient)
    assert patient_api.get("/api/v1/courses/", {"drug": mine.pk}).status_code == 200


@pytest.mark.parametrize("param", ["course", "drug"])
def test_pages_ignore_another_patients_id_as_a_missing_one(patient_client, bobs_rows, param):
    url = "/therapies/calendar/" if param == "course" else "/therapies/courses/new/"
    missing = missing_id(Course if param == "course" else Drug)
    bobs = patient_client.get(url, {param: bobs_rows[param]})
    absent = patient_client.get(url, {param: missing})
    assert bobs.status_code == absent.status_code == 200
    assert visible_words(bobs.text) == visible_words(absent.text)


@pytest.mark.parametrize("value", ["abc", "1.5", "-1"])
def test_a_drug_that_is_not_an_id_on_the_start_page_is_ignored(patient_client, value):
    assert patient_client.get("/therapies/courses/new/", {"drug": value}).status_code == 200
