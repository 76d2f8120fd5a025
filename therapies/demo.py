"""Demo therapy history: three years on interferon, a switch to ocrelizumab two years ago,
and dalfampridine for walking, with a realistic, imperfect dose log.

Reproducible (seeded ``random.Random``) and idempotent: skipped when the demo
patient already has courses.
"""

import random
from datetime import timedelta

from django.utils import timezone

from mstracker.accounts import records_version

from .models import Course, DoseLog, Drug, SideEffect
from .schedules import expand_days

SEED = 20160412


def populate(patient, clinician):
    if Course.objects.filter(user=patient).exists():
        return
    rng = random.Random(SEED)
    today = patient.local_today()
    # A little over two years ago, so the latest infusion was a fortnight ago.
    switch = today - timedelta(days=745)

    interferon = Course.objects.create(
        user=patient,
        drug=Drug.objects.get(code="interferon-beta-1a-sc", owner=None),
        start=switch - timedelta(days=3 * 365),
        stop=switch - timedelta(days=1),
        stop_reason="lack_of_efficacy",
        dose=44,
        dose_unit="mcg",
        note="Two relapses in the last year on it; MRI showed new lesions.",
    )
    ocrelizumab = Course.objects.create(
        user=patient,
        drug=Drug.objects.get(code="ocrelizumab-iv", owner=None),
        start=switch,
        dose=600,
        dose_unit="mg",
        note="Infusion centre at the university hospital.",
    )
    dalfampridine = Course.objects.create(
        user=patient,
        drug=Drug.objects.get(code="dalfampridine", owner=None),
        start=today - timedelta(days=300),
        dose=10,
        dose_unit="mg",
    )

    logs = []
    logs += _self_administered(interferon, rng, today, on_time=0.84, late=0.07, missed=0.05)
    logs += _self_administered(dalfampridine, rng, today, on_time=0.86, late=0.06, missed=0.04)
    logs += _infusions(ocrelizumab, rng, today)
    DoseLog.objects.bulk_create(logs, batch_size=500)

    SideEffect.objects.bulk_create(
        [
            SideEffect(
                user=patient,
                course=interferon,
                date=interferon.start + timedelta(days=2 + 30 * n),
                effect="Flu-like symptoms after injection",
                severity="moderate" if n < 3 else "mild",
                note="Chills and aching; ibuprofen before the injection helps.",
            )
            for n in range(6)
        ]
        + [
            SideEffect(
                user=patient,
                course=interferon,
                date=interferon.start + timedelta(days=200),
                effect="Injection-site redness",
                severity="mild",
            ),
            SideEffect(
                user=patient,
                course=ocrelizumab,
                date=ocrelizumab.start,
                effect="Itchy throat and rash during the first infusion",
                severity="moderate",
                note="Infusion slowed down; settled within an hour.",
            ),
            SideEffect(
                user=patient,
                course=dalfampridine,
                date=dalfampridine.start + timedelta(days=5),
                effect="Trouble falling asleep",
                severity="mild",
                note="Better after moving the evening dose earlier.",
            ),
        ]
    )
    records_version.changed(patient.pk)  # the logs went in bulk


def _self_administered(course, rng, today, on_time, late, missed):
    """Logs for doses before today: mostly on time, some late, some missed, a few unlogged."""
    schedule = course.schedule
    last = min(course.stop or today, today) - timedelta(days=1)
    logs = []
    for due in expand_days(
        schedule, course.start, course.stop, course.start, last, course.user.zone
    ):
        roll = rng.random()
        if roll < on_time:
            offset = timedelta(minutes=rng.gauss(0, 35))
            offset = max(-schedule.window, min(schedule.window, offset))
            logs.append(_log(course, due, "taken", due + offset))
        elif roll < on_time + late:
            delay = schedule.window + timedelta(minutes=rng.randint(20, 240))
            logs.append(_log(course, due, "late", due + delay))
        elif roll < on_time + late + missed:
            logs.append(_log(course, due, "missed", None))
        # else: never logged
    return logs


def _infusions(course, rng, today):
    """Every infusion given, usually within a few days; one delayed past its window."""
    schedule = course.schedule
    now = timezone.now()
    logs = []
    doses = expand_days(schedule, course.start, None, course.start, today, course.user.zone)
    for n, due in enumerate(doses):
        if n == 4:
            given = due + timedelta(days=18, hours=1)  # infusion chair shortage
        else:
            given = due + timedelta(days=rng.randint(0, 6), hours=rng.randint(0, 3))
        if given > now:
            continue  # still to come
        logs.append(_log(course, due, "taken" if given <= due + schedule.window else "late", given))
    return logs


def _log(course, due, status, taken_at):
    return DoseLog(
        user=course.user, course=course, scheduled_for=due, status=status, taken_at=taken_at
    )
