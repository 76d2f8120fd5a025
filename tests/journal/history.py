"""A long, complete history for dashboard tests and the benchmark, made in bulk.

Per ten years (scaled to `years`): a check-in every day scoring all 12 catalogue
symptoms, 25 relapses (every fifth with fever, so a possible pseudo-relapse), 20 EDSS
visits, 120 monthly PDDS, three therapy courses one after the other with every dose
logged as taken on time, aerobic exercise three times a week, a daily vitamin D dose,
two 25(OH)D results a year, and stopping smoking halfway. `bench/dashboard.py` uses
it too, so the benchmark and the query-count test measure the same history.
"""

import random
from datetime import timedelta

from django.utils import timezone

from journal.models import (
    CheckIn,
    ExerciseSession,
    Measure,
    Relapse,
    SmokingRecord,
    Symptom,
    SymptomScore,
    VitaminDDose,
    VitaminDLevel,
)
from journal.models.relapses import relink_episodes
from mstracker.accounts import records_version
from tests.catalogues import ensure_catalogues
from therapies.models import Course, DoseLog, Drug
from therapies.schedules import expand_days

COURSES = ("interferon-beta-1a-sc", "dimethyl-fumarate", "ocrelizumab-iv")


def seed_history(patient, years, today=None, seed=7):
    """Give `patient` `years` years of history ending `today` (their local today).
    Returns the number of rows written."""
    ensure_catalogues()
    rng = random.Random(seed)
    today = today or patient.local_today()
    days = round(365.25 * years)
    start = today - timedelta(days=days - 1)
    written = 0

    checkins = CheckIn.objects.bulk_create(
        CheckIn(user=patient, date=start + timedelta(days=n), wellbeing=rng.randint(3, 8))
        for n in range(days)
    )
    symptoms = list(Symptom.objects.filter(owner=None))
    SymptomScore.objects.bulk_create(
        (
            SymptomScore(checkin=c, symptom=s, score=rng.randint(0, 6))
            for c in checkins
            for s in symptoms
        ),
        batch_size=5000,
    )
    written += len(checkins) * (1 + len(symptoms))

    relapse_count = max(1, round(2.5 * years))
    gap = days // (relapse_count + 1)
    relapses = [
        Relapse(
            user=patient,
            onset=start + timedelta(days=gap * (i + 1)),
            end=start + timedelta(days=gap * (i + 1) + 20),
            fever_or_infection=i % 5 == 4,
        )
        for i in range(relapse_count)
    ]
    Relapse.objects.bulk_create(relapses)
    relink_episodes(patient)

    edss_count, pdds_count = max(2, round(2 * years)), max(2, round(12 * years))
    measures = [
        Measure(
            user=patient,
            kind="edss",
            date=start + timedelta(days=n * days // edss_count),
            value=min(10.0, 2.0 + 0.5 * (n // 4)),
            source="clinician",
        )
        for n in range(edss_count)
    ] + [
        Measure(
            user=patient,
            kind="pdds",
            date=start + timedelta(days=n * days // pdds_count),
            value=min(8, 1 + n // 30),
        )
        for n in range(pdds_count)
    ]
    Measure.objects.bulk_create(measures)
    written += len(relapses) + len(measures)

    written += _courses(patient, start, today)

    sessions = [
        ExerciseSession(user=patient, date=start + timedelta(days=n), minutes=rng.randint(20, 45))
        for n in range(days)
        if (start + timedelta(days=n)).weekday() in (0, 2, 5)
    ]
    ExerciseSession.objects.bulk_create(sessions)
    doses = [
        VitaminDDose(user=patient, date=start + timedelta(days=n), iu=2000) for n in range(days)
    ]
    VitaminDDose.objects.bulk_create(doses, batch_size=5000)
    levels = [
        VitaminDLevel(user=patient, date=start + timedelta(days=n), nmol_per_l=rng.randint(40, 120))
        for n in range(30, days, 182)
    ]
    VitaminDLevel.objects.bulk_create(levels)
    SmokingRecord.objects.bulk_create(
        [
            SmokingRecord(user=patient, date=start, status="current", cigarettes=10),
            SmokingRecord(
                user=patient,
                date=start + timedelta(days=days // 2),
                status="former",
                quit_date=start + timedelta(days=days // 2),
            ),
        ]
    )
    records_version.changed(patient.pk)  # bulk writes send no signals
    return written + len(sessions) + len(doses) + len(levels) + 2


def _courses(patient, start, today):
    """Three DMT courses in a row over the history, every due dose logged on time."""
    zone = patient.zone
    now = timezone.now()
    days = (today - start).days + 1
    bounds = [start + timedelta(days=days * i // 3) for i in range(4)]
    logs = []
    for index, code in enumerate(COURSES):
        first, last = bounds[index], bounds[index + 1] - timedelta(days=1)
        course = Course.objects.create(
            user=patient,
            drug=Drug.objects.get(code=code, owner=None),
            start=first,
            stop=None if index == len(COURSES) - 1 else last,
            dose=1,
            dose_unit="mg",
        )
        course.user = patient
        for instant in expand_days(course.schedule, course.start, course.stop, first, today, zone):
            if instant <= now:
                logs.append(
                    DoseLog(
                        user=patient,
                        course=course,
                        scheduled_for=instant,
                        status="taken",
                        taken_at=instant,
                    )
                )
    DoseLog.objects.bulk_create(logs, batch_size=2000)
    return 3 + len(logs)
