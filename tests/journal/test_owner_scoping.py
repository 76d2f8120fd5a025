"""Every journal page and endpoint, as the owner, another patient, a clinician
without a share, and an anonymous visitor: nobody reaches another's records."""

import datetime as dt

import pytest
from django.urls import reverse

from journal.models import CheckIn, Symptom
from tests.factories import sign_in
from tests.journal.factories import (
    CheckInFactory,
    DoseFactory,
    ExerciseFactory,
    LabFactory,
    LevelFactory,
    MeasureFactory,
    MriFactory,
    QuestionnaireFactory,
    RelapseFactory,
    SmokingFactory,
)

pytestmark = pytest.mark.django_db

# (API list path, factory, browser page names taking the pk)
RESOURCES = [
    ("/api/v1/relapses/", RelapseFactory, ["relapse_edit", "relapse_delete"]),
    ("/api/v1/measures/", MeasureFactory, ["measure_edit", "measure_delete"]),
    (
        "/api/v1/questionnaires/",
        QuestionnaireFactory,
        ["questionnaire_detail", "questionnaire_edit", "questionnaire_delete"],
    ),
    ("/api/v1/exercise/", ExerciseFactory, ["exercise_edit", "exercise_delete"]),
    ("/api/v1/vitamin-d/doses/", DoseFactory, ["vitd_dose_edit", "vitd_dose_delete"]),
    ("/api/v1/vitamin-d/levels/", LevelFactory, ["vitd_level_edit", "vitd_level_delete"]),
    ("/api/v1/smoking/", SmokingFactory, ["smoking_edit", "smoking_delete"]),
    ("/api/v1/mri/", MriFactory, ["mri_edit", "mri_delete"]),
    ("/api/v1/labs/", LabFactory, ["lab_edit", "lab_delete"]),
]
IDS = [r[0] for r in RESOURCES]

LIST_PAGES = [
    reverse(f"journal:{name}")
    for name in (
        "today",
        "history",
        "checkin_list",
        "symptoms",
        "relapse_list",
        "relapse_new",
        "measure_list",
        "questionnaire_list",
        "exercise_list",
        "exercise_new",
        "exercise_goal",
        "vitd",
        "vitd_dose_new",
        "vitd_level_new",
        "smoking_list",
        "smoking_new",
        "mri_list",
        "mri_new",
        "lab_list",
        "lab_new",
    )
] + [
    reverse("journal:measure_new", args=["edss"]),
    reverse("journal:questionnaire_new", args=["phq9"]),
    reverse("journal:checkin_edit", args=["2024-01-01"]),
]


@pytest.mark.parametrize(("path", "factory", "pages"), RESOURCES, ids=IDS)
def test_api_owner_sees_others_get_404_clinician_403_anonymous_401(
    path, factory, pages, patient, patient_api, other_patient_api, clinician_api, api_client
):
    entry = factory(user=patient)
    detail = f"{path}{entry.pk}/"
    assert patient_api.get(detail).status_code == 200
    assert [e["id"] for e in patient_api.get(path).json()["results"]] == [entry.pk]

    assert other_patient_api.get(path).json()["results"] == []
    assert other_patient_api.get(detail).status_code == 404
    assert other_patient_api.patch(detail, {}, format="json").status_code == 404
    assert other_patient_api.delete(detail).status_code == 404

    assert clinician_api.get(path).status_code == 403
    assert clinician_api.get(detail).status_code == 403
    assert clinician_api.post(path, {}, format="json").status_code == 403

    assert api_client.get(path).status_code == 401
    assert api_client.get(detail).status_code == 401
    assert api_client.post(path, {}, format="json").status_code == 401
    assert factory._meta.model.objects.filter(pk=entry.pk).exists()


def test_api_checkins_by_date_are_owner_scoped(
    patient, patient_api, other_patient_api, clinician_api, api_client
):
    CheckInFactory(user=patient, date=dt.date(2024, 1, 1))
    url = "/api/v1/checkins/2024-01-01/"
    assert patient_api.get(url).status_code == 200
    assert other_patient_api.get(url).status_code == 404
    assert other_patient_api.delete(url).status_code == 404
    assert other_patient_api.get("/api/v1/checkins/").json()["results"] == []
    # Another patient's PUT to the same date makes their own check-in, never touches alice's.
    assert other_patient_api.put(url, {"wellbeing": 1}, format="json").status_code == 201
    assert CheckIn.objects.get(user=patient).wellbeing == 6
    assert clinician_api.get(url).status_code == 403
    assert api_client.get(url).status_code == 401


def test_api_own_symptoms_are_private(
    patient, patient_api, other_patient_api, clinician_api, api_client
):
    Symptom.objects.create(owner=patient, code="my_tremor", name="Tremor")
    assert patient_api.get("/api/v1/symptoms/my_tremor/").status_code == 200
    assert other_patient_api.get("/api/v1/symptoms/my_tremor/").status_code == 404
    assert other_patient_api.delete("/api/v1/symptoms/my_tremor/").status_code == 404
    codes = [s["code"] for s in other_patient_api.get("/api/v1/symptoms/").json()["results"]]
    assert "my_tremor" not in codes
    assert clinician_api.get("/api/v1/symptoms/").status_code == 403
    assert api_client.get("/api/v1/symptoms/").status_code == 401


@pytest.mark.parametrize(("path", "factory", "pages"), RESOURCES, ids=IDS)
def test_pages_of_another_patients_entry_are_not_found(
    path, factory, pages, client, patient, other_patient
):
    entry = factory(user=patient)
    client.force_login(other_patient)
    for name in pages:
        url = reverse(f"journal:{name}", args=[entry.pk])
        assert client.get(url).status_code == 404
        if not name.endswith("_detail"):  # the result page is read-only
            assert client.post(url, {}).status_code == 404
    assert factory._meta.model.objects.filter(pk=entry.pk).exists()
    client.force_login(patient)
    for name in pages:
        assert client.get(reverse(f"journal:{name}", args=[entry.pk])).status_code == 200


def test_another_patients_checkin_date_is_their_own_empty_day(client, patient, other_patient):
    CheckInFactory(user=patient, date=dt.date(2024, 1, 1), note="private")
    client.force_login(other_patient)
    page = client.get(reverse("journal:checkin_edit", args=["2024-01-01"]))
    assert "private" not in page.content.decode()
    assert client.post(reverse("journal:checkin_delete", args=["2024-01-01"])).status_code == 404
    assert CheckIn.objects.filter(user=patient).exists()


def test_hiding_another_patients_symptom_is_not_found(client, patient, other_patient):
    tremor = Symptom.objects.create(owner=patient, code="my_tremor", name="Tremor")
    client.force_login(other_patient)
    response = client.post(reverse("journal:symptoms"), {"action": "delete", "symptom": tremor.pk})
    assert response.status_code == 404
    response = client.post(reverse("journal:symptoms"), {"action": "hide", "symptom": tremor.pk})
    assert response.status_code == 404


@pytest.mark.parametrize("url", LIST_PAGES)
def test_pages_need_a_patient_login(url, client, patient, clinician):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    sign_in(client, clinician)
    assert client.get(url).status_code == 403
    client.force_login(patient)
    assert client.get(url).status_code == 200


def test_home_sends_patients_to_today_and_keeps_clinicians_home(client, patient, clinician):
    client.force_login(patient)
    assert client.get("/").url == reverse("journal:today")
    sign_in(client, clinician)
    assert client.get("/").status_code == 200
