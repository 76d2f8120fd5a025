"""The dashboard's history part (relapses, the progression analysis, exercise, vitamin
D, smoking, MRI) stays cached across a check-in, under the history token, and is never
stale: every journal record but a check-in gives it a new token, and so does every bulk
change. Writes run with their on-commit callbacks executed, as a committed request's
would."""

import datetime as dt

import pytest
import time_machine

from journal import dashboard
from journal.models import (
    ExerciseSession,
    Measure,
    MriReport,
    Relapse,
    SmokingRecord,
    VitaminDLevel,
)
from journal.progression import Outcome
from mstracker.accounts import records_version
from tests.journal.dashboard_story import check_in, count_calls, tell_story
from therapies.models import Course, DoseLog

pytestmark = pytest.mark.django_db

API = "/api/v1/progression/"
NOON = dt.datetime(2025, 6, 13, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def story(patient, commits):
    with commits():
        return tell_story(patient)


@pytest.fixture
def analyses(monkeypatch):
    """How many times the history part was computed (the real function)."""
    return count_calls(monkeypatch, dashboard, "_computed_history")


def test_a_check_in_recomputes_the_symptoms_and_reuses_the_history(
    patient_client, patient, story, commits, analyses
):
    before = patient_client.get(API).json()
    assert len(analyses) == 1
    check_in(patient, commits)
    after = patient_client.get(API).json()
    assert len(analyses) == 1  # the history part came from the cache
    assert after["figures"]["symptom_burden"] != before["figures"]["symptom_burden"]
    assert after["events"] == before["events"]


def test_a_dose_leaves_the_history_and_a_relapse_changes_it(patient, story, commits):
    _, therapies, history, _ = records_version.tokens(patient)
    with commits():
        DoseLog.objects.create(
            user=patient,
            course=Course.objects.get(user=patient),
            scheduled_for="2025-06-13T06:00Z",
            status="missed",
        )
    assert records_version.history_token(patient) == history
    assert records_version.therapies_token(patient) != therapies
    _, therapies, _, _ = records_version.tokens(patient)
    with commits():
        Relapse.objects.create(user=patient, onset=dt.date(2025, 6, 1), severity="mild")
    assert records_version.history_token(patient) != history
    assert records_version.therapies_token(patient) == therapies


def test_every_other_journal_record_shows_at_once(patient, story, commits, analyses):
    today = patient.local_today()
    span = dashboard.preset_range("1y", today, None)

    def data():
        return dashboard.gather(patient, span, Outcome.EDSS)

    first = data()
    assert len(analyses) == 1
    assert data() == first
    assert len(analyses) == 1
    writes = [
        (
            lambda: Relapse.objects.create(user=patient, onset=today, severity="mild"),
            lambda d: today in d.relapse_onsets,
        ),
        (
            lambda: Measure.objects.create(user=patient, kind="edss", date=today, value=6.5),
            lambda d: (today, 6.5) in d.assessments,
        ),
        (
            lambda: ExerciseSession.objects.create(
                user=patient, date=today, minutes=45, kind="aerobic"
            ),
            lambda d: d.aerobic.current_week.minutes == 45,
        ),
        (
            lambda: VitaminDLevel.objects.create(user=patient, date=today, nmol_per_l=88),
            lambda d: any(v.date == today for v in d.vitamin_d_levels),
        ),
        (
            lambda: SmokingRecord.objects.create(user=patient, date=today, status="never"),
            lambda d: any(r.date == today for r in d.smoking),
        ),
        (
            lambda: MriReport.objects.create(user=patient, date=today, new_t2_lesions=2),
            lambda d: any(s.date == today for s in d.scans),
        ),
    ]
    for number, (write, shown) in enumerate(writes, start=2):
        assert not shown(data())
        with commits():
            write()
        assert shown(data()), write
        assert len(analyses) == number


def test_a_bulk_change_renews_the_history(patient, story, commits, analyses):
    span = dashboard.preset_range("1y", patient.local_today(), None)
    dashboard.gather(patient, span)
    with commits():
        Measure.objects.filter(user=patient, kind="edss").update(value=0.0)
        records_version.changed(patient.pk)
    assert all(value == 0.0 for _, value in dashboard.gather(patient, span).assessments)
    assert len(analyses) == 2
