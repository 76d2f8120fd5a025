"""Self-test runs on the progression dashboard and API: practice runs stay out of the
baseline, a confirmed drop is labelled PIRA or RAW, the provisional thresholds are said."""

import datetime as dt

import pytest
import time_machine

from journal import selftests
from journal.models import Measure, SelfTestRun
from tests.journal.factories import RelapseFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2025, 1, 6, 10, 0, tzinfo=dt.UTC)


def run_on(patient, when, score, kind="sdt"):
    """One uploaded symbol-digit run on ``when`` with ``score`` correct answers."""
    with time_machine.travel(when, tick=False):
        run = selftests.issue(patient, kind)
        answers = [[run.pairing[s], 600 * (i + 1)] for i, s in enumerate(run.items[:score])]
        return selftests.submit(run.pk, patient, selftests.Upload("touch", answers, []))


def history(patient, practice_scores=(70, 68, 66), scores=(55, 55, 50, 50, 50)):
    runs = [run_on(patient, START + dt.timedelta(days=i), s) for i, s in enumerate(practice_scores)]
    for i, score in enumerate(scores):
        runs.append(run_on(patient, START + dt.timedelta(days=10 + 60 * i), score))
    return runs


def test_practice_runs_are_not_measures_and_the_baseline_starts_after_them(patient, patient_api):
    runs = history(patient)
    assert [r.practice for r in runs] == [True] * 3 + [False] * 5
    assert list(
        Measure.objects.filter(kind="sdt").order_by("date").values_list("value", flat=True)
    ) == [
        55,
        55,
        50,
        50,
        50,
    ]
    with time_machine.travel(START + dt.timedelta(days=400), tick=False):
        body = patient_api.get("/api/v1/progression/", {"measure": "sdt"}).json()
    [event] = body["events"]
    assert (event["type"], event["classification"]) == ("CDW", "PIRA")
    assert (event["baseline_value"], event["confirmed_value"]) == (55, 50)


def test_a_drop_after_a_relapse_is_raw(patient, patient_api):
    history(patient)
    onset = (START + dt.timedelta(days=100)).date()
    RelapseFactory(
        user=patient, onset=onset, end=onset + dt.timedelta(days=20), functions=["vision"]
    )
    with time_machine.travel(START + dt.timedelta(days=400), tick=False):
        body = patient_api.get("/api/v1/progression/", {"measure": "sdt"}).json()
    assert [e["classification"] for e in body["events"]] == ["RAW"]


def test_the_dashboard_explains_the_provisional_thresholds(patient, patient_client):
    history(patient)
    with time_machine.travel(START + dt.timedelta(days=400), tick=False):
        page = patient_client.get("/journal/progression/", {"measure": "sdt", "range": "all"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "provisional" in text
    assert "resembles but is not" in text
    assert "first 3 runs are practice" in text
    assert "fell lastingly by 5 points" in text
    assert "PIRA" in text


def test_the_demo_patient_has_a_steady_self_test_trend_after_practice(client):
    import io

    from django.core.management import call_command

    from mstracker.accounts.models import User

    call_command("demo", stdout=io.StringIO())
    patient = User.objects.get(username="demo-patient")
    runs = SelfTestRun.objects.filter(user=patient, kind="sdt").order_by("date")
    assert [r.practice for r in runs[:4]] == [True, True, True, False]
    assert all(r.measure_id for r in runs[3:])
    client.force_login(patient)
    page = client.get("/journal/progression/", {"measure": "sdt", "range": "1y"})
    assert page.status_code == 200
    assert "About this self-test" in page.content.decode()
    listing = client.get("/journal/self-tests/").content.decode()
    assert "Your trend follows runs made with: touch screen." in listing
