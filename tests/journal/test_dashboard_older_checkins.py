"""The daily symptom scores before the last weeks stay cached across the daily
check-in, under the older check-ins' token, and are never stale: every write but a
check-in of the last days (created, or saved again for its date) gives that token a
new value, and so does every bulk change. Writes run with their on-commit callbacks
executed, as a committed request's would."""

import datetime as dt
from datetime import timedelta

import pytest
import time_machine

from journal import dashboard
from journal.models import CheckIn, Relapse, Symptom
from mstracker.accounts import records_version
from tests.journal.dashboard_story import check_in, count_calls, tell_story

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
def archives(monkeypatch):
    """How many times the older scores were read (only their build reads the symptoms)."""
    return count_calls(monkeypatch, dashboard, "_chosen_symptoms")


def fatigue():
    return Symptom.objects.get(code="fatigue", owner=None)


def burden(client):
    return client.get(API).json()["figures"]["symptom_burden"]


def test_the_daily_check_in_reads_only_the_last_weeks_again(
    patient_client, patient, story, commits, archives
):
    before = burden(patient_client)
    assert len(archives) == 1
    check_in(patient, commits)
    after = burden(patient_client)
    assert len(archives) == 1  # the older scores came from the cache
    assert after != before  # today's scores are read afresh


def test_an_edit_of_an_older_check_in_shows_at_once(
    patient_client, patient, story, commits, archives
):
    before = burden(patient_client)
    with commits():  # one of the story's quiet days, 200 days ago (fatigue 2)
        CheckIn.objects.record(
            patient, story - timedelta(days=200), wellbeing=5, scores={fatigue(): 10}
        )
    after = burden(patient_client)
    assert len(archives) == 2
    assert after["relapse_free"] > before["relapse_free"]


def test_a_new_check_in_of_an_older_day_shows_at_once(patient_client, patient, story, commits):
    before = burden(patient_client)
    with commits():
        CheckIn.objects.insert_new(
            patient, story - timedelta(days=40), wellbeing=5, scores={fatigue(): 10}
        )
    after = burden(patient_client)
    assert after["relapse_free_days"] == before["relapse_free_days"] + 1


@pytest.mark.parametrize("days_ago", [0, 1, records_version.RECENT_DAYS])
@pytest.mark.parametrize("write", ["record", "insert_new"])
def test_a_check_in_of_the_last_days_leaves_the_older_token(
    patient, story, commits, days_ago, write
):
    records, *_, older = records_version.tokens(patient)
    with commits():
        getattr(CheckIn.objects, write)(
            patient, story - timedelta(days=days_ago), wellbeing=4, scores={fatigue(): 3}
        )
    assert records_version.token(patient) != records
    assert records_version.older_checkins_token(patient) == older


def test_saving_a_recent_check_in_again_leaves_the_older_token(patient, story, commits):
    check_in(patient, commits, fatigue=3)
    older = records_version.older_checkins_token(patient)
    check_in(patient, commits, fatigue=7)
    assert records_version.older_checkins_token(patient) == older


def _record_old(patient, today):
    CheckIn.objects.record(
        patient, today - timedelta(days=records_version.RECENT_DAYS + 1), wellbeing=4
    )


def _insert_old(patient, today):
    CheckIn.objects.insert_new(patient, today - timedelta(days=400), wellbeing=4)


def _delete_today(patient, today):
    CheckIn.objects.record(patient, today, wellbeing=4)
    CheckIn.objects.get(user=patient, date=today).delete()


def _save_directly(patient, today):
    checkin = CheckIn.objects.filter(user=patient).order_by("date").first()
    checkin.wellbeing = 9
    checkin.save()


def _rename_symptom(patient, today):
    Symptom.objects.create(owner=patient, code="own-pain", name="Pain").save()


def _relapse(patient, today):
    Relapse(user=patient, onset=today - timedelta(days=3)).save()


def _bulk(patient, today):
    records_version.changed(patient.pk)


@pytest.mark.parametrize(
    "write",
    [_record_old, _insert_old, _delete_today, _save_directly, _rename_symptom, _relapse, _bulk],
)
def test_every_other_write_changes_the_older_token(patient, story, commits, write):
    older = records_version.older_checkins_token(patient)
    with commits():
        write(patient, story)
    assert records_version.older_checkins_token(patient) != older


@pytest.mark.parametrize("weekday", range(7))
def test_what_is_kept_starts_before_any_day_a_recent_write_can_touch(weekday):
    """A kept entry is read only on its reader's local day; a writer's local day is at
    most one day before it (time zones): their recent days are all after the entry."""
    today = dt.date(2025, 6, 9) + timedelta(days=weekday)  # a Monday, then each day
    writer_today = today - timedelta(days=1)
    earliest_recent = writer_today - timedelta(days=records_version.RECENT_DAYS)
    assert dashboard.archive_end(today) < earliest_recent
    assert dashboard.archive_end(today).weekday() == 0
