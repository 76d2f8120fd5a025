"""List pages and endpoints cost the same number of queries for 10 or 1,000 entries."""

import datetime as dt

import pytest
from django.urls import reverse

from journal.models import (
    CheckIn,
    ExerciseSession,
    LabResult,
    Measure,
    MriReport,
    QuestionnaireResponse,
    Relapse,
    SmokingRecord,
    Symptom,
    SymptomScore,
    VitaminDDose,
    VitaminDLevel,
)

pytestmark = pytest.mark.django_db

START = dt.date(2020, 1, 1)


def days(n):
    return [START + dt.timedelta(days=i) for i in range(n)]


def make_history(user, n):
    """``n`` entries of every kind, in bulk."""
    checkins = CheckIn.objects.bulk_create(CheckIn(user=user, date=d, wellbeing=5) for d in days(n))
    symptoms = list(Symptom.objects.filter(owner=None)[:4])
    SymptomScore.objects.bulk_create(
        SymptomScore(checkin=c, symptom=s, score=3) for c in checkins for s in symptoms
    )
    # Relapses 40 days apart, closed; episodes linked through the model's rules.
    Relapse.objects.bulk_create(
        Relapse(
            user=user,
            onset=START + dt.timedelta(days=40 * i),
            end=START + dt.timedelta(days=40 * i + 10),
        )
        for i in range(n)
    )
    Measure.objects.bulk_create(Measure(user=user, kind="pdds", date=d, value=2) for d in days(n))
    QuestionnaireResponse.objects.bulk_create(
        QuestionnaireResponse(user=user, kind="phq9", date=d, answers=[1] * 9, score=9, band="mild")
        for d in days(n)
    )
    ExerciseSession.objects.bulk_create(
        ExerciseSession(user=user, date=d, minutes=30) for d in days(n)
    )
    VitaminDDose.objects.bulk_create(VitaminDDose(user=user, date=d, iu=2000) for d in days(n))
    VitaminDLevel.objects.bulk_create(
        VitaminDLevel(user=user, date=d, nmol_per_l=80) for d in days(n)
    )
    SmokingRecord.objects.bulk_create(
        SmokingRecord(user=user, date=d, status="never") for d in days(n)
    )
    MriReport.objects.bulk_create(
        MriReport(user=user, date=d, contrast=True, new_t2_lesions=0, recorded_by=user)
        for d in days(n)
    )
    LabResult.objects.bulk_create(
        LabResult(user=user, date=d, kind="lymphocytes", value=1.2, unit="10^9/L") for d in days(n)
    )
    # A second relapse series inside 30 days shows episode links on the list.
    for relapse in Relapse.objects.filter(user=user)[:3]:
        relapse.save()


ENDPOINTS = [
    "/api/v1/checkins/",
    "/api/v1/symptoms/",
    "/api/v1/relapses/",
    "/api/v1/measures/",
    "/api/v1/questionnaires/",
    "/api/v1/exercise/",
    "/api/v1/vitamin-d/doses/",
    "/api/v1/vitamin-d/levels/",
    "/api/v1/smoking/",
    "/api/v1/mri/",
    "/api/v1/labs/",
]
PAGES = [
    "today",
    "checkin_list",
    "relapse_list",
    "measure_list",
    "questionnaire_list",
    "exercise_list",
    "vitd",
    "smoking_list",
    "symptoms",
    "mri_list",
    "lab_list",
]


@pytest.mark.parametrize("n", [10, 1000])
@pytest.mark.parametrize("path", ENDPOINTS)
def test_endpoints_have_a_fixed_query_count(
    path, n, patient, patient_api, django_assert_max_num_queries
):
    make_history(patient, n)
    with django_assert_max_num_queries(8):
        response = patient_api.get(path, {"page_size": 500})
    assert response.status_code == 200


@pytest.mark.parametrize("n", [10, 1000])
@pytest.mark.parametrize("name", PAGES)
def test_pages_have_a_fixed_query_count(
    name, n, patient, patient_client, django_assert_max_num_queries
):
    make_history(patient, n)
    # 19: the Today page with its therapies card, its blood-tests-due card (one query
    # without a monitored course), the care team's notes, the note for the neurologist,
    # the last PHQ-9 (the crisis help) and the last check-in ("Same as yesterday");
    # every page counts the inbox badge.
    with django_assert_max_num_queries(19):
        response = patient_client.get(reverse(f"journal:{name}"))
    assert response.status_code == 200
