"""Each check-in's score sum and number (`CheckIn.score_total`, `scored`), which the
dashboard reads instead of aggregating years of scores (issue 15), match its stored
scores after every way scores are written."""

import datetime as dt
import json

import pytest
from django.db.models import Count, Sum

from journal import dashboard, demo
from journal.models import CheckIn, Symptom, SymptomScore
from mstracker.portability.export_json import json_chunks
from mstracker.portability.importer import import_account
from tests.factories import ClinicianFactory, PatientFactory

pytestmark = pytest.mark.django_db

DAY = "2025-03-10"


def assert_counts_match(user):
    """Every check-in's kept sum and number equal those of its scores, and the check-ins
    checked are more than none."""
    stored = {
        pk: (total or 0, n)
        for pk, total, n in CheckIn.objects.filter(user=user)
        .annotate(t=Sum("scores__score"), n=Count("scores"))
        .values_list("pk", "t", "n")
    }
    kept = {
        pk: (total, n)
        for pk, total, n in CheckIn.objects.filter(user=user).values_list(
            "pk", "score_total", "scored"
        )
    }
    assert stored, "no check-ins to compare"
    assert kept == stored


def counts(user, day=DAY):
    return CheckIn.objects.filter(user=user, date=day).values_list("score_total", "scored").get()


def test_the_api_post_put_and_patch_keep_the_counts(patient, patient_api):
    created = patient_api.post(
        "/api/v1/checkins/",
        {"date": DAY, "wellbeing": 5, "scores": {"fatigue": 4, "walking": 2, "pain": None}},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert counts(patient) == (6, 2)

    url = f"/api/v1/checkins/{DAY}/"
    replaced = patient_api.put(url, {"wellbeing": 4, "scores": {"sleep": 9}}, format="json")
    assert replaced.status_code == 200, replaced.content
    assert counts(patient) == (9, 1)

    merged = patient_api.patch(url, {"scores": {"pain": 3}}, format="json")
    assert merged.status_code == 200, merged.content
    assert counts(patient) == (12, 2)

    note_only = patient_api.patch(url, {"note": "a calm day"}, format="json")
    assert note_only.status_code == 200, note_only.content
    assert counts(patient) == (12, 2)
    assert CheckIn.objects.get(user=patient, date=DAY).burden == 6.0


def test_the_form_and_same_as_yesterday_keep_the_counts(patient):
    fatigue, walking = Symptom.objects.filter(code__in=("fatigue", "walking")).order_by("code")
    CheckIn.objects.record(patient, dt.date(2025, 3, 9), wellbeing=5, scores={fatigue: 7})
    CheckIn.objects.record(
        patient, dt.date(2025, 3, 9), wellbeing=5, scores={fatigue: 3, walking: 5}, seen_version=1
    )
    assert counts(patient, "2025-03-09") == (8, 2)

    CheckIn.objects.repeat_previous(patient, dt.date(2025, 3, 10), seen_version=0)
    assert counts(patient, "2025-03-10") == (8, 2)

    CheckIn.objects.record(patient, dt.date(2025, 3, 10), wellbeing=6, scores={fatigue: None})
    assert counts(patient, "2025-03-10") == (0, 0)
    assert CheckIn.objects.get(user=patient, date=DAY).burden is None
    assert_counts_match(patient)


def test_writes_of_single_scores_and_querysets_recount_their_check_ins(patient):
    fatigue, pain, walking = Symptom.objects.filter(
        code__in=("fatigue", "pain", "walking")
    ).order_by("code")
    first = CheckIn.objects.create(user=patient, date=dt.date(2025, 3, 1), wellbeing=5)
    second = CheckIn.objects.create(user=patient, date=dt.date(2025, 3, 2), wellbeing=5)
    SymptomScore.objects.bulk_create(
        [
            SymptomScore(checkin=first, symptom=fatigue, score=2),
            SymptomScore(checkin=first, symptom=pain, score=3),
            SymptomScore(checkin=second, symptom=fatigue, score=10),
        ]
    )
    assert counts(patient, "2025-03-01") == (5, 2)
    assert counts(patient, "2025-03-02") == (10, 1)

    single = SymptomScore.objects.create(checkin=second, symptom=walking, score=4)
    assert counts(patient, "2025-03-02") == (14, 2)
    single.score = 0
    single.save()
    assert counts(patient, "2025-03-02") == (10, 2)
    single.delete()
    assert counts(patient, "2025-03-02") == (10, 1)

    SymptomScore.objects.filter(symptom=fatigue).update(score=1)
    assert counts(patient, "2025-03-01") == (4, 2)
    assert counts(patient, "2025-03-02") == (1, 1)

    SymptomScore.objects.filter(checkin=first, symptom=pain).delete()
    assert counts(patient, "2025-03-01") == (1, 1)
    assert_counts_match(patient)


def test_deleting_an_own_symptom_recounts_the_check_ins_that_scored_it(patient, patient_client):
    own = Symptom.objects.create(owner=patient, code="own-tingling", name="Tingling")
    fatigue = Symptom.objects.get(code="fatigue")
    CheckIn.objects.record(patient, dt.date(2025, 3, 10), wellbeing=5, scores={own: 8, fatigue: 2})
    CheckIn.objects.record(patient, dt.date(2025, 3, 11), wellbeing=5, scores={fatigue: 6})
    assert counts(patient) == (10, 2)

    response = patient_client.post("/journal/symptoms/", {"action": "delete", "symptom": own.pk})

    assert response.status_code == 302
    assert counts(patient) == (2, 1)
    assert counts(patient, "2025-03-11") == (6, 1)


def test_an_import_and_the_demo_keep_the_counts():
    clinician = ClinicianFactory()
    source = PatientFactory()
    demo.populate(source, clinician)
    assert_counts_match(source)

    document = json.loads(b"".join(json_chunks(source)))
    newcomer = PatientFactory()
    import_account(newcomer, document)

    assert_counts_match(newcomer)
    kept = CheckIn.objects.filter(user=newcomer).aggregate(t=Sum("score_total"), n=Sum("scored"))
    assert kept == CheckIn.objects.filter(user=source).aggregate(
        t=Sum("score_total"), n=Sum("scored")
    )


def test_the_dashboard_burden_is_each_days_mean_score(patient):
    fatigue, pain, walking = Symptom.objects.filter(
        code__in=("fatigue", "pain", "walking")
    ).order_by("code")
    today = patient.local_today()
    CheckIn.objects.record(patient, today, wellbeing=5, scores={fatigue: 3, pain: 4, walking: 8})
    CheckIn.objects.record(patient, today - dt.timedelta(days=1), wellbeing=5, scores={pain: 1})
    CheckIn.objects.record(patient, today - dt.timedelta(days=2), wellbeing=5, scores={})
    span = dashboard.preset_range("6m", today, today - dt.timedelta(days=2))

    data = dashboard.gather(patient, span, symptom_codes=(dashboard.BURDEN, "fatigue", "walking"))

    assert data.burden == ((today - dt.timedelta(days=1), 1.0), (today, 5.0))
    assert data.symptoms["Fatigue"] == [(today, 3.0)]
    assert data.symptoms["Walking / mobility"] == [(today, 8.0)]
    assert data.symptoms[dashboard.BURDEN_NAME] == list(data.burden)


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_the_scores_already_stored():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("journal", "0006_self_test_runs")], [("journal", "0007_checkin_score_totals")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("accounts", "User").objects.create(username="before-0007")
    checkin = old.get_model("journal", "CheckIn").objects.create(
        user=user, date=dt.date(2025, 3, 10), wellbeing=5
    )
    old.get_model("journal", "CheckIn").objects.create(
        user=user, date=dt.date(2025, 3, 11), wellbeing=5
    )
    symptoms = old.get_model("journal", "Symptom").objects.filter(code__in=("fatigue", "pain"))
    old.get_model("journal", "SymptomScore").objects.bulk_create(
        old.get_model("journal", "SymptomScore")(checkin=checkin, symptom=s, score=score)
        for s, score in zip(symptoms, (4, 7), strict=True)
    )

    executor = MigrationExecutor(connection)  # the graph as it is after the rollback
    executor.migrate(after)

    assert list(
        CheckIn.objects.filter(user_id=user.pk)
        .order_by("date")
        .values_list("score_total", "scored")
    ) == [(11, 2), (0, 0)]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
