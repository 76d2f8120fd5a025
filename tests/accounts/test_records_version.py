"""Every write to a patient's records gives them a new records token once it commits;
nothing else does. What is cached from their history hangs on it (`dashboard_cache`)."""

from datetime import date

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from journal.models import CheckIn, Relapse, Symptom
from journal.models.relapses import relink_episodes
from mstracker.accounts import records_version
from mstracker.accounts.models import RecordsVersion
from tests.journal.factories import CheckInFactory, MeasureFactory, RelapseFactory
from tests.therapies.factories import CourseFactory, DoseLogFactory, catalogue

pytestmark = pytest.mark.django_db


def test_every_model_with_a_patient_is_tracked():
    """A new kind of record cannot be forgotten: it would leave the dashboard stale."""
    untracked = []
    for label in ("journal", "therapies"):
        for model in apps.get_app_config(label).get_models():
            names = {f.name for f in model._meta.get_fields()}
            if names & {"user", "owner"} and not (
                post_save.has_listeners(model) and post_delete.has_listeners(model)
            ):
                untracked.append(model.__name__)
    assert untracked == []


def test_no_token_until_the_first_write(patient):
    assert records_version.token(patient) is None


def test_a_save_and_a_delete_each_give_a_new_token(patient, commits):
    with commits():
        measure = MeasureFactory(user=patient)
    first = records_version.token(patient)
    with commits():
        measure.value = 3.5
        measure.save()
    second = records_version.token(patient)
    with commits():
        measure.delete()
    assert len({first, second, records_version.token(patient)}) == 3


def test_a_check_in_with_its_scores_is_one_change(patient, commits):
    fatigue = Symptom.objects.get(code="fatigue", owner=None)
    with commits() as callbacks:
        CheckIn.objects.record(patient, date(2025, 3, 1), wellbeing=5, scores={fatigue: 4})
    assert len(callbacks) == 1
    assert records_version.token(patient) is not None


def test_a_rolled_back_write_changes_nothing(patient, commits):
    with commits():
        MeasureFactory(user=patient)
    before = records_version.token(patient)

    def failed_request():
        with transaction.atomic():
            MeasureFactory(user=patient)
            raise RuntimeError("the request failed")

    with commits(), pytest.raises(RuntimeError):
        failed_request()
    assert records_version.token(patient) == before


def test_only_the_writers_token_changes(patient, other_patient, commits):
    with commits():
        MeasureFactory(user=patient)
        MeasureFactory(user=other_patient)
    others = records_version.token(other_patient)
    with commits():
        CheckInFactory(user=patient)
    assert records_version.token(other_patient) == others


def test_a_cascade_counts_once_for_the_deleted_parent(patient, commits):
    course = CourseFactory(user=patient, drug=catalogue("dimethyl-fumarate"))
    for hour in range(6):
        DoseLogFactory(course=course, user=patient, scheduled_for=f"2024-06-0{hour + 1}T06:00Z")
    with commits() as callbacks:
        course.delete()
    assert len(callbacks) == 1
    assert records_version.token(patient) is not None


def test_a_patient_who_leaves_takes_their_token_along(patient, commits):
    with commits():
        RelapseFactory(user=patient)
        CheckInFactory(user=patient)
    with commits() as callbacks:
        patient.delete()
    assert callbacks == []
    assert not RecordsVersion.objects.exists()


def test_relinking_episodes_in_bulk_is_a_change(patient, commits):
    Relapse.objects.bulk_create(
        [
            Relapse(user=patient, onset=date(2025, 1, 1)),
            Relapse(user=patient, onset=date(2025, 1, 9)),
        ]
    )
    with commits() as callbacks:
        relink_episodes(patient)
    assert len(callbacks) == 1
    assert records_version.token(patient) is not None


def test_a_catalogue_change_is_a_change_for_everyone(patient, other_patient, commits):
    with commits():
        MeasureFactory(user=patient)
        MeasureFactory(user=other_patient)
    before = {records_version.token(patient), records_version.token(other_patient)}
    with commits():
        fatigue = Symptom.objects.get(code="fatigue", owner=None)
        fatigue.name = "Tiredness"
        fatigue.save()
    after = {records_version.token(patient), records_version.token(other_patient)}
    assert before.isdisjoint(after)


def test_a_patients_own_symptom_is_their_change(patient, other_patient, commits):
    with commits():
        MeasureFactory(user=other_patient)
    others = records_version.token(other_patient)
    with commits():
        Symptom.objects.create(owner=patient, code="hiccups", name="Hiccups")
    assert records_version.token(patient) is not None
    assert records_version.token(other_patient) == others
