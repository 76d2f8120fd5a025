"""The Today check-in on the server: the one-tap "Same as yesterday", its refusal
to overwrite a check-in it has not seen, unrated symptoms, and honest copy on an
empty page."""

import datetime as dt

import pytest
from django.urls import reverse

from journal.models import CheckIn, Symptom
from tests.journal.factories import CheckInFactory

pytestmark = pytest.mark.django_db


def scored_yesterday(patient):
    yesterday = patient.local_today() - dt.timedelta(days=1)
    fatigue = Symptom.objects.get(owner=None, code="fatigue")
    checkin, _ = CheckIn.objects.record(
        patient, yesterday, wellbeing=6, note="Yesterday's note", scores={fatigue: 4}
    )
    return checkin


def test_an_empty_today_page_does_not_claim_a_last_check_in(patient_client):
    html = patient_client.get(reverse("journal:today")).content.decode()
    assert "Scores start from your last check-in" not in html
    assert "Your first check-in" in html
    assert "Same as yesterday" not in html


def test_same_as_yesterday_saves_yesterdays_scores_for_today(berlin_noon, patient_client, patient):
    scored_yesterday(patient)
    html = patient_client.get(reverse("journal:today")).content.decode()
    assert "Same as yesterday" in html
    today = patient.local_today()
    response = patient_client.post(
        reverse("journal:today"),
        {"action": "same", "date": today.isoformat(), "version": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="checkin-status" hx-swap-oob="innerHTML"' in body
    assert "saved, same as your last one" in body
    saved = CheckIn.objects.with_scores().get(user=patient, date=today)
    assert (saved.wellbeing, saved.note, saved.scores_by_code()) == (6, "", {"fatigue": 4})


def test_same_as_yesterday_never_overwrites_a_check_in_it_has_not_seen(patient_client, patient):
    scored_yesterday(patient)
    today = patient.local_today()
    CheckIn.objects.record(patient, today, wellbeing=2, note="From the other tab")
    response = patient_client.post(
        reverse("journal:today"), {"action": "same", "date": today.isoformat(), "version": "0"}
    )
    assert response.status_code == 302
    stored = CheckIn.objects.get(user=patient, date=today)
    assert (stored.wellbeing, stored.note) == (2, "From the other tab")
    page = patient_client.get(response.url).content.decode()
    assert "nothing was replaced" in page


def test_same_as_yesterday_only_for_the_offered_dates(patient_client, patient):
    scored_yesterday(patient)
    response = patient_client.post(
        reverse("journal:today"), {"action": "same", "date": "2020-01-01", "version": "0"}
    )
    assert response.status_code == 200
    assert not CheckIn.objects.filter(user=patient, date=dt.date(2020, 1, 1)).exists()


def test_a_symptom_left_unrated_is_not_recorded(patient_client, patient):
    scored_yesterday(patient)
    today = patient.local_today()
    response = patient_client.post(
        reverse("journal:today"),
        {"date": today.isoformat(), "version": "0", "wellbeing": "5", "score_fatigue": ""},
    )
    assert response.status_code == 302
    assert CheckIn.objects.with_scores().get(user=patient, date=today).scores_by_code() == {}


def test_the_api_accepts_unrated_symptoms(patient_api, patient):
    response = patient_api.post(
        "/api/v1/checkins/",
        {"date": "2024-05-01", "wellbeing": 5, "scores": {"fatigue": None, "walking": 3}},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["scores"] == {"walking": 3}
    response = patient_api.post(
        "/api/v1/checkins/", {"date": "2024-05-02", "wellbeing": 5}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["scores"] == {}


def test_quick_mode_folds_the_scales_and_all_scales_opens_them(
    berlin_noon, patient_client, patient
):
    CheckInFactory(user=patient, date=patient.local_today() - dt.timedelta(days=2))
    quick = patient_client.get(reverse("journal:today")).content.decode()
    assert 'class="quick-score"' in quick
    assert "Show every scale" in quick
    full = patient_client.get(reverse("journal:today") + "?scales=all").content.decode()
    assert 'class="quick-score"' not in full
    assert "Same as last time" in full  # the last check-in was not yesterday
