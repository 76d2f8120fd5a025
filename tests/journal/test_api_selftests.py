"""/api/v1/self-tests/: issue a session, upload it once, list runs with their raw data;
crafted uploads and replays are refused; counted runs become measures after practice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from journal import selftest_rules as rules
from journal.models import Measure, SelfTestRun
from tests.care.factories import ShareFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/self-tests/"


def start(api, kind="sdt"):
    response = api.post(URL, {"kind": kind}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def sdt_answers(run, correct=40, wrong=2, every_ms=700):
    """Answers at a steady pace: ``correct`` right digits, then ``wrong`` wrong ones."""
    answers = []
    for i, symbol in enumerate(run["items"][: correct + wrong]):
        digit = run["pairing"][symbol]
        if i >= correct:
            digit = digit % 9 + 1  # another digit
        answers.append([digit, every_ms * (i + 1)])
    return answers


def upload(api, run, trials, input="touch", **extra):
    return api.post(
        f"{URL}{run['id']}/upload/", {"input": input, "trials": trials, **extra}, format="json"
    )


def test_a_session_has_its_own_random_key(patient_api):
    first, second = start(patient_api), start(patient_api)
    assert sorted(first["pairing"]) == list(range(1, 10))
    assert len(first["items"]) == rules.SDT_ITEMS
    assert len(first["practice_items"]) == rules.SDT_PRACTICE_ITEMS
    assert (first["pairing"], first["items"]) != (second["pairing"], second["items"])
    assert first["status"] == "not uploaded"


def test_an_upload_is_scored_on_the_server_and_its_raw_data_kept(patient_api):
    run = start(patient_api)
    trials = sdt_answers(run, correct=40, wrong=2)
    response = upload(patient_api, run, trials, practice_trials=[[1, 900]])
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["score"], body["errors"], body["median_ms"]) == (40, 2, 700)
    assert body["input"] == "touch"
    assert body["practice"] is True
    assert body["status"] == "practice"
    listed = patient_api.get(URL).json()["results"][0]
    assert listed["trials"] == trials
    assert listed["practice_trials"] == [[1, 900]]
    assert listed["pairing"] == run["pairing"]


def test_a_replayed_upload_is_refused(patient_api):
    run = start(patient_api)
    trials = sdt_answers(run)
    assert upload(patient_api, run, trials).status_code == 200
    again = upload(patient_api, run, trials)
    assert again.status_code == 400
    assert "already uploaded" in again.json()["session"][0]
    assert SelfTestRun.objects.get(pk=run["id"]).trials == trials


def test_an_expired_session_is_refused(patient_api):
    run = start(patient_api)
    SelfTestRun.objects.filter(pk=run["id"]).update(
        issued_at=timezone.now() - timedelta(minutes=rules.SESSION_MINUTES + 1)
    )
    response = upload(patient_api, run, sdt_answers(run))
    assert response.status_code == 400
    assert "expired" in response.json()["session"][0]


@pytest.mark.parametrize(
    ("trials", "field"),
    [
        ([[1, 100], [2, 200], [3, 300], [4, 400]], "answers"),  # faster than 150 ms in a row
        ([[1, 1000], [2, 95_000]], "answers"),  # longer than 90 s
        ("not a list", "answers"),
        ([[1, 1000]] * (rules.SDT_ITEMS + 1), "answers"),
    ],
)
def test_crafted_uploads_are_refused_and_nothing_is_stored(patient_api, trials, field):
    run = start(patient_api)
    response = upload(patient_api, run, trials)
    assert response.status_code == 400
    assert field in response.json()
    stored = SelfTestRun.objects.get(pk=run["id"])
    assert stored.completed_at is None
    assert not Measure.objects.exists()


def test_an_unknown_input_or_kind_is_a_field_error(patient_api):
    assert "kind" in patient_api.post(URL, {"kind": "sdmt"}, format="json").json()
    run = start(patient_api)
    assert "input" in upload(patient_api, run, [], input="eyes").json()


def test_after_three_practice_runs_a_run_becomes_the_days_measure(patient_api, patient):
    statuses = []
    for _ in range(5):
        run = start(patient_api)
        statuses.append(upload(patient_api, run, sdt_answers(run, correct=45)).json()["status"])
    # The 4th is counted; the 5th is the same day's second run: kept apart.
    assert statuses == ["practice", "practice", "practice", "counted", "kept apart"]
    [measure] = Measure.objects.filter(user=patient)
    assert (measure.kind, measure.value, measure.date) == ("sdt", 45, patient.local_today())


def test_runs_with_another_input_are_kept_apart_from_the_trend(patient_api, patient):
    for _ in range(4):
        run = start(patient_api, "tap_dominant")
        taps = [[i % 2, 150 * (i + 1)] for i in range(60)]
        body = upload(patient_api, run, taps, input="mouse").json()
    assert body["status"] == "counted"
    assert (body["score"], body["errors"], body["cv"]) == (60, 0, 0)
    Measure.objects.all().delete()  # as if it were another day
    for _ in range(4):
        run = start(patient_api, "tap_dominant")
        body = upload(patient_api, run, [[0, 200], [1, 400]], input="touch").json()
    assert body["status"] == "kept apart"  # the trend follows the mouse runs
    assert not Measure.objects.exists()


def test_a_tapping_upload_too_fast_is_refused(patient_api):
    run = start(patient_api, "tap_nondominant")
    response = upload(patient_api, run, [[0, 10], [1, 20], [0, 30]])
    assert response.status_code == 400
    assert "taps" in response.json()


def test_another_patients_session_is_a_404(patient_api, other_patient_api):
    run = start(patient_api)
    assert other_patient_api.get(f"{URL}{run['id']}/").status_code == 404
    assert upload(other_patient_api, run, sdt_answers(run)).status_code == 404
    assert SelfTestRun.objects.get(pk=run["id"]).completed_at is None


def test_a_clinician_with_a_share_reads_runs_but_cannot_start_one(
    patient, patient_api, clinician, clinician_api
):
    ShareFactory(patient=patient, clinician=clinician)
    run = start(patient_api)
    upload(patient_api, run, sdt_answers(run))
    url = f"/api/v1/clinician/patients/{patient.pk}/self-tests/"
    listed = clinician_api.get(url)
    assert listed.status_code == 200
    assert listed.json()["results"][0]["trials"] == sdt_answers(run)
    assert clinician_api.post(url, {"kind": "sdt"}, format="json").status_code == 403
