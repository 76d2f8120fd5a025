"""The first-run flow after sign-up: MS course, diagnosis year, current DMT (a
course from the catalogue), symptoms to track and reminder times, each step saved
on its own or skipped."""

import datetime as dt

import pytest
from django.urls import reverse

from journal.models import JournalSettings, Symptom
from mstracker.reminders.models import Kind, Reminder
from mstracker.reminders.services import create_defaults
from tests.therapies.factories import catalogue
from therapies.models import Course

pytestmark = pytest.mark.django_db

URL = reverse("journal:welcome")


def step(client, key, **data):
    return client.post(URL, {"step": key, **data})


def test_sign_up_leads_a_patient_to_the_first_run(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "newcomer",
            "email": "new@example.org",
            "role": "patient",
            "time_zone": "Europe/Berlin",
            "password1": "a-long-and-unusual-pass-42",
            "password2": "a-long-and-unusual-pass-42",
        },
    )
    assert response.status_code == 302
    assert response.url == URL
    page = client.get(URL).content.decode()
    assert "Your MS course" in page
    assert "step 1 of 5" in page
    assert "Skip this step" in page


def test_each_step_saves_and_moves_on(patient_client, patient):
    create_defaults(patient)
    response = step(patient_client, "course", ms_course="rrms")
    assert response.url == f"{URL}?step=diagnosis"
    response = step(patient_client, "diagnosis", diagnosis_year="2019")
    assert response.url == f"{URL}?step=dmt"
    patient.refresh_from_db()
    assert (patient.ms_course, patient.diagnosis_year) == ("rrms", 2019)

    drug = catalogue("dimethyl-fumarate")
    page = patient_client.get(f"{URL}?step=dmt").content.decode()
    assert drug.name in page
    response = step(patient_client, "dmt", drug=drug.pk, start="2024-03-01")
    assert response.url == f"{URL}?step=symptoms"
    course = Course.objects.get(user=patient)
    assert (course.drug, course.start, course.dose) == (drug, dt.date(2024, 3, 1), drug.usual_dose)

    fatigue = Symptom.objects.get(owner=None, code="fatigue")
    walking = Symptom.objects.get(owner=None, code="walking")
    response = step(
        patient_client, "symptoms", track=[fatigue.pk, walking.pk], own="Tingling hands"
    )
    assert response.url == f"{URL}?step=reminders"
    visible = set(Symptom.objects.visible_for(patient).values_list("name", flat=True))
    assert visible == {fatigue.name, walking.name, "Tingling hands"}

    response = step(patient_client, "reminders", checkin="21:30", vitamin_d="")
    assert response.url == reverse("journal:today")
    checkin = Reminder.objects.get(user=patient, kind=Kind.CHECKIN)
    assert (checkin.enabled, checkin.local_time) == (True, dt.time(21, 30))
    assert not Reminder.objects.get(user=patient, kind=Kind.VITAMIN_D).enabled

    today = patient_client.get(reverse("journal:today")).content.decode()
    assert "You are set up" in today
    assert today.count('class="score-scale') == 4  # wellbeing and the three tracked


def test_every_step_can_be_skipped_and_changes_nothing(patient_client, patient):
    for key, following in (
        ("course", "diagnosis"),
        ("diagnosis", "dmt"),
        ("dmt", "symptoms"),
        ("symptoms", "reminders"),
    ):
        response = step(patient_client, key, skip="1")
        assert response.url == f"{URL}?step={following}"
    assert step(patient_client, "reminders", skip="1").url == reverse("journal:today")
    patient.refresh_from_db()
    assert patient.diagnosis_year is None
    assert not Course.objects.filter(user=patient).exists()
    assert not JournalSettings.objects.for_user(patient).hidden_symptoms.exists()


def test_bad_answers_are_shown_next_to_the_field(patient_client, patient):
    create_defaults(patient)
    response = step(patient_client, "diagnosis", diagnosis_year="2999")
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    response = step(patient_client, "dmt", drug="999999", start="2024-03-01")
    assert response.status_code == 200
    assert 'id="id_drug_error"' in response.content.decode()
    response = step(patient_client, "reminders", checkin="25:99")
    assert response.status_code == 200
    assert 'id="id_checkin_error"' in response.content.decode()
    Symptom.objects.create(owner=patient, name="Tingling", code="my_tingling")
    response = step(patient_client, "symptoms", own="tingling")
    assert "already have a symptom" in response.content.decode()


def test_another_patients_drug_cannot_be_picked(patient_client, other_patient):
    from tests.therapies.factories import CustomDrugFactory

    theirs = CustomDrugFactory(owner=other_patient, category="dmt", usual_dose=1)
    response = step(patient_client, "dmt", drug=theirs.pk, start="2024-03-01")
    assert response.status_code == 200
    assert not Course.objects.exists()


def test_clinicians_have_no_first_run(client, clinician):
    from tests.factories import sign_in

    sign_in(client, clinician)
    assert client.get(URL).status_code == 403
