"""The dashboard's therapies part (adherence over years of doses) stays cached across a
check-in, under the therapies token, and is never stale: a dose, a course, a side
effect, a catalogue drug and every bulk change give it a new token. Writes run with
their on-commit callbacks executed, as a committed request's would."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from journal import dashboard
from mstracker.accounts import records_version
from tests.journal.dashboard_story import check_in, count_calls, tell_story
from tests.journal.page_text import visible_words
from tests.therapies.factories import SideEffectFactory, catalogue
from therapies import services as therapy_services
from therapies.models import Course, DoseLog

pytestmark = pytest.mark.django_db

URL = reverse("journal:dashboard")
API = "/api/v1/progression/"
# Noon in Berlin on a Friday: today's 08:00 dimethyl fumarate dose is due and its
# window (two hours) has closed.
NOON = dt.datetime(2025, 6, 13, 10, 0, tzinfo=dt.UTC)
MORNING_DOSE = "2025-06-13T06:00Z"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def story(patient, commits):
    with commits():
        return tell_story(patient)


@pytest.fixture
def reports(monkeypatch):
    """How many times the adherence over the doses was computed (the real function)."""
    return count_calls(monkeypatch, therapy_services, "adherence_report")


def thirty_days(client):
    return client.get(API).json()["figures"]["adherence"]["percent_30_days"]


def test_a_check_in_changes_the_symptoms_and_reuses_the_therapies(
    patient_client, patient, story, commits, reports
):
    before = patient_client.get(API).json()["figures"]
    assert len(reports) == 1
    check_in(patient, commits)
    after = patient_client.get(API).json()["figures"]
    assert len(reports) == 1  # the therapies part came from the cache
    assert after["adherence"] == before["adherence"]
    assert after["symptom_burden"] != before["symptom_burden"]  # the journal was computed
    page = visible_words(patient_client.get(URL).content.decode())
    assert "13 Jun 2025" in page  # today's check-in in the symptoms chart's table


def test_a_dose_changes_the_adherence_at_once(patient_client, patient, story, commits, reports):
    course = Course.objects.get(user=patient)
    before = thirty_days(patient_client)
    check_in(patient, commits)
    assert thirty_days(patient_client) == before
    with commits():
        DoseLog.objects.create(
            user=patient,
            course=course,
            scheduled_for=MORNING_DOSE,
            status="taken",
            taken_at=MORNING_DOSE,
        )
    assert thirty_days(patient_client) > before
    assert len(reports) == 2


def test_a_course_edit_a_side_effect_and_a_drug_rename_each_change_it(
    patient, story, commits, reports
):
    span = dashboard.preset_range("1y", patient.local_today(), None)

    def names():
        return [c.name for c in dashboard.gather(patient, span).courses]

    assert names() == ["Dimethyl fumarate"]
    with commits():
        SideEffectFactory(user=patient, course=Course.objects.get(user=patient))
    assert names() == ["Dimethyl fumarate"]
    assert len(reports) == 2
    with commits():
        drug = catalogue("dimethyl-fumarate")
        drug.name = "Tecfidera"
        drug.save()
    assert names() == ["Tecfidera"]
    with commits():
        today = patient.local_today()
        Course.objects.filter(user=patient).update(
            start=today - dt.timedelta(800), stop=today - dt.timedelta(700)
        )
        records_version.changed(patient.pk)  # a bulk write: everything is new
    assert names() == []
    assert len(reports) == 4


def test_tokens_a_check_in_leaves_the_therapies_token(patient, story, commits):
    records, therapies, history, _ = records_version.tokens(patient)
    check_in(patient, commits)
    assert records_version.token(patient) != records
    assert records_version.therapies_token(patient) == therapies
    assert records_version.history_token(patient) == history
    with commits():
        records_version.changed(patient.pk, therapies=False)
    assert records_version.therapies_token(patient) == therapies
    with commits():
        DoseLog.objects.create(
            user=patient,
            course=Course.objects.get(user=patient),
            scheduled_for=MORNING_DOSE,
            status="missed",
        )
    assert records_version.therapies_token(patient) != therapies


def test_a_therapy_record_inside_the_inline_replacement_still_counts(patient, story, commits):
    therapies = records_version.therapies_token(patient)
    with commits(), transaction.atomic(), records_version.replaced_in_transaction(patient.pk):
        SideEffectFactory(user=patient, course=Course.objects.get(user=patient))
    assert records_version.therapies_token(patient) != therapies
