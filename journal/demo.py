"""Two years of a plausible journal for the demo patient (``python manage.py demo``).

The story, counted in days from two years ago: a severe sensory/walking relapse
at day 110 that leaves a lasting EDSS step (2.0 -> 3.0 at the day-182 visit:
relapse-associated worsening); a feverish pseudo-relapse at day 300; an optic
neuritis at day 400 with new symptoms 20 days later (one episode); then,
without relapses, a slow rise (EDSS 3.0 -> 4.0 at day 547, confirmed at day
729: progression independent of relapse activity). Quit smoking at day 200;
vitamin D repleted from deficient; exercise about three times a week.
MRI: a re-baseline scan, an active scan at the first relapse, then only quiet scans
while the PIRA rise happens ("silent progression"); monitoring blood tests for
ocrelizumab, the latest IgG below its reference range and a year old (due again).
Seeded, so every run makes the same history; skipped if the patient has check-ins
(the MRI and lab rows: if the patient has MRI reports).
"""

import random
from datetime import datetime, time, timedelta

from journal import selftest_rules
from journal.models import (
    CheckIn,
    ExerciseSession,
    LabResult,
    Measure,
    MriReport,
    QuestionnaireResponse,
    Relapse,
    SelfTestRun,
    SmokingRecord,
    Symptom,
    SymptomScore,
    VitaminDDose,
    VitaminDLevel,
)
from journal.questionnaires import band
from mstracker.accounts import records_version

DAYS = 730
BASELINE = {
    "fatigue": 4, "walking": 2, "balance": 2, "numbness": 2, "vision": 0, "pain": 1,
    "spasticity": 1, "bladder_bowel": 1, "cognition": 2, "mood": 2, "heat": 2, "sleep": 3,
}  # fmt: skip
# (onset day, length in days, extra symptom burden, model fields)
RELAPSES = [
    (110, 42, {"numbness": 5, "walking": 4, "balance": 3, "fatigue": 3}, {
        "functions": ["sensation", "walking", "strength"], "severity": "severe", "steroids": True,
        "recovery": "partial", "clinician_confirmed": True,
    }),
    (300, 5, {"fatigue": 3, "walking": 2}, {
        "functions": ["walking", "fatigue"], "severity": "mild", "fever_or_infection": True,
        "recovery": "complete",
    }),
    (400, 14, {"vision": 6, "pain": 2}, {
        "functions": ["vision"], "severity": "moderate", "steroids": True, "recovery": "complete",
        "clinician_confirmed": True,
    }),
    (420, 20, {"numbness": 3, "balance": 2}, {
        "functions": ["sensation", "coordination"], "severity": "mild", "recovery": "complete",
    }),
]  # fmt: skip
# The last EDSS a clinician entered (day 365) starts the visit summary's default period,
# a year with the optic neuritis and the PIRA rise; the later ones came in visit letters.
EDSS_VISITS = [(0, 2.0, "visit_letter"), (182, 3.0, "clinician"), (365, 3.0, "clinician"),
               (547, 4.0, "visit_letter"), (729, 4.0, "visit_letter")]  # fmt: skip


def clamp(value, low=0, high=10):
    return max(low, min(high, round(value)))


def relapse_burden(day):
    extra = {}
    for onset, length, burden, _ in RELAPSES:
        if onset <= day < onset + length:
            fade = 1 - (day - onset) / length / 2
            for code, amount in burden.items():
                extra[code] = extra.get(code, 0) + amount * fade
        elif onset + length <= day < onset + length + 60 and onset == 110:
            # Partial recovery: some numbness and walking trouble stay.
            extra["numbness"] = extra.get("numbness", 0) + 1
    if day >= 110 + 42:
        extra["walking"] = extra.get("walking", 0) + 1
    return extra


# (day, region, contrast, new T2, enhancing, brain volume %/year, summary, by clinician)
SCANS = [
    (
        5,
        "brain",
        True,
        None,
        0,
        None,
        "Re-baseline before ocrelizumab: periventricular and "
        "juxtacortical T2 lesions; no enhancing lesion. No earlier scan to compare.",
        False,
    ),
    (
        128,
        "brain",
        True,
        2,
        1,
        None,
        "Two new T2 lesions, one enhancing (left parietal), in keeping with the recent relapse.",
        True,
    ),
    (470, "brain", True, 0, 0, None, "Stable. No new or enhancing lesions.", False),
    (
        540,
        "spine",
        False,
        0,
        None,
        None,
        "Cervical and thoracic cord: known C3 lesion, unchanged. No new lesion.",
        False,
    ),
    (
        700,
        "brain",
        True,
        0,
        0,
        -0.7,
        "Stable lesion load, no new or enhancing lesions. Brain "
        "volume loss slightly above the expected rate.",
        True,
    ),
]
# (day, kind, value as reported, unit, reference low, high)
LABS = [
    (20, "igg", 9.8, "g/L", 7.0, 16.0),
    (20, "lymphocytes", 1.6, "10^9/L", 1.0, 4.0),
    (20, "alt", 22, "U/L", None, 45),
    (350, "igg", 690, "mg/dL", 700, 1600),
    (350, "lymphocytes", 1100, "cells/uL", 1000, 4000),
]  # fmt: skip


def populate(patient, clinician):
    today = patient.local_today()
    start = today - timedelta(days=DAYS)

    def on(day):
        return start + timedelta(days=day)

    if not MriReport.objects.filter(user=patient).exists():
        _mri_and_labs(patient, clinician, on)
    if not SelfTestRun.objects.filter(user=patient).exists():
        _self_tests(patient, random.Random(17), on)
    if CheckIn.objects.filter(user=patient).exists():
        return
    rng = random.Random(2016)
    _checkins(patient, rng, on)
    for onset, length, _, fields in RELAPSES:
        Relapse(user=patient, onset=on(onset), end=on(onset + length), **fields).save()
    _measures(patient, rng, on)
    _lifestyle(patient, rng, on)
    _questionnaires(patient, rng, on)
    records_version.changed(patient.pk)  # the rows above went in bulk


def _checkins(patient, rng, on):
    symptoms = {s.code: s for s in Symptom.objects.filter(owner=None)}
    checkins, scores = [], []
    for day in range(DAYS + 1):
        if rng.random() < 0.08 and day < DAYS:
            continue  # a missed day now and then
        date = on(day)
        extra = relapse_burden(day)
        drift = day / DAYS  # the slow second-year rise in walking and fatigue
        summer = 3 if date.month in (6, 7, 8) else 0
        values = {}
        for code, base in BASELINE.items():
            value = base + extra.get(code, 0) + rng.choice((-1, 0, 0, 0, 1))
            if code in ("walking", "fatigue", "balance"):
                value += drift * 1.5
            if code == "heat":
                value += summer
            values[code] = clamp(value)
        burden = sum(values.values()) / len(values)
        checkin = CheckIn(
            user=patient,
            date=date,
            wellbeing=clamp(9 - burden + rng.choice((-1, 0, 1))),
            note="Hot day, legs heavy." if summer and rng.random() < 0.05 else "",
        )
        checkins.append((checkin, values))
    CheckIn.objects.bulk_create([c for c, _ in checkins], batch_size=500)
    for checkin, values in checkins:
        for code, value in values.items():
            scores.append(SymptomScore(checkin=checkin, symptom=symptoms[code], score=value))
    SymptomScore.objects.bulk_create(scores, batch_size=2000)


def _measures(patient, rng, on):
    rows = [
        Measure(user=patient, kind="edss", date=on(day), value=value, source=source)
        for day, value, source in EDSS_VISITS
    ]
    for month in range(DAYS // 30 + 1):
        day = month * 30 + 5
        if day > DAYS:
            break
        pdds = 1 if day < 110 else 2
        if day >= 500:
            pdds = 3
        walk = 5.6 + day / DAYS * 1.2 + (1.5 if 110 <= day < 160 else 0) + rng.uniform(-0.3, 0.3)
        rows.append(Measure(user=patient, kind="pdds", date=on(day), value=pdds))
        rows.append(Measure(user=patient, kind="t25fw", date=on(day), value=round(walk, 1)))
        if month % 3 == 0:
            for kind, base in (("nhpt_dominant", 19.5), ("nhpt_nondominant", 21.5)):
                value = base + day / DAYS * 1.5 + rng.uniform(-0.8, 0.8)
                rows.append(Measure(user=patient, kind=kind, date=on(day), value=round(value, 1)))
    Measure.objects.bulk_create(rows)


def _self_tests(patient, rng, on):
    """Monthly self-tests over the last year, touch only: three practice runs in the
    first week (faster each time), then one counted run a month, steady."""
    days = [DAYS - 365, DAYS - 363, DAYS - 361] + list(range(DAYS - 330, DAYS + 1, 30))
    for n, day in enumerate(days):
        practice = n < selftest_rules.PRACTICE_RUNS
        when = datetime.combine(on(day), time(10), tzinfo=patient.zone)
        for kind, base in (("sdt", 52), ("tap_dominant", 46), ("tap_nondominant", 41)):
            score = base - (selftest_rules.PRACTICE_RUNS - n) * 3 if practice else base
            score += rng.randint(-2, 2)
            run = SelfTestRun(
                user=patient, kind=kind, issued_at=when, completed_at=when, date=on(day)
            )
            run.input, run.practice = "touch", practice
            if kind == "sdt":
                run.pairing = selftest_rules.new_pairing(rng)
                run.items = selftest_rules.new_items(selftest_rules.SDT_ITEMS, rng)
                every = 90_000 / (score + 2)
                run.trials = [
                    [
                        run.pairing[s] if i < score else run.pairing[s] % 9 + 1,
                        round(every * (i + 1)),
                    ]
                    for i, s in enumerate(run.items[: score + 2])
                ]
                scored = selftest_rules.score_sdt(run.items, run.pairing, run.trials)
                run.score, run.errors, run.median_ms = (
                    scored.correct,
                    scored.errors,
                    scored.median_ms,
                )
            else:
                run.trials = [[i % 2, round(10_000 / score * i)] for i in range(score)]
                scored = selftest_rules.score_tapping(run.trials)
                run.score, run.errors, run.cv = scored.taps, scored.misses, scored.cv
                run.median_ms = scored.mean_interval_ms
            if not practice:
                run.measure = Measure.objects.create(
                    user=patient,
                    kind=kind,
                    date=on(day),
                    value=run.score,
                    note="MS Tracker self-test (touch screen)",
                )
            run.save()


def _lifestyle(patient, rng, on):
    sessions = []
    for day in range(DAYS + 1):
        in_relapse = any(o <= day < o + n for o, n, _, _ in RELAPSES)
        weekday = on(day).weekday()
        if weekday in (0, 2, 5) and not in_relapse and rng.random() < 0.85:
            sessions.append(
                ExerciseSession(
                    user=patient,
                    date=on(day),
                    kind="aerobic",
                    minutes=rng.choice((25, 30, 30, 35, 40, 45)),
                    intensity=rng.choice(("moderate", "moderate", "vigorous", "light")),
                )  # fmt: skip
            )
        elif weekday == 3 and rng.random() < 0.6:
            sessions.append(
                ExerciseSession(
                    user=patient,
                    date=on(day),
                    kind=rng.choice(("strength", "balance", "stretching")),
                    minutes=rng.choice((15, 20, 30)),
                    intensity="light",
                )  # fmt: skip
            )
    ExerciseSession.objects.bulk_create(sessions)

    doses = []
    for day in range(DAYS + 1):
        if day < 240:
            if on(day).weekday() == 6:
                doses.append(VitaminDDose(user=patient, date=on(day), iu=20000, regimen="weekly"))
        elif rng.random() < 0.93:
            doses.append(VitaminDDose(user=patient, date=on(day), iu=4000, regimen="daily"))
    VitaminDDose.objects.bulk_create(doses)
    levels = [(10, 42.0), (130, 61.0), (250, 78.0), (380, 92.0), (500, 101.0), (640, 108.0)]
    VitaminDLevel.objects.bulk_create(
        VitaminDLevel(user=patient, date=on(day), nmol_per_l=value, unit="nmol/L")
        for day, value in levels
    )

    SmokingRecord.objects.bulk_create(
        [
            SmokingRecord(user=patient, date=on(0), status="current", cigarettes=12),
            SmokingRecord(user=patient, date=on(150), status="current", cigarettes=5, vaping=True),
            SmokingRecord(user=patient, date=on(200), status="former", quit_date=on(198)),
        ]
    )


def _questionnaires(patient, rng, on):
    rows = []
    for quarter in range(DAYS // 91 + 1):
        day = quarter * 91 + 20
        if day > DAYS:
            break
        low = 110 <= day < 200  # low mood after the first relapse
        for kind, count in (("phq9", 9), ("gad7", 7)):
            answers = [rng.choice((0, 0, 1, 1, 2) if low else (0, 0, 0, 1)) for _ in range(count)]
            if kind == "phq9":
                answers[8] = 0
            total = sum(answers)
            rows.append(
                QuestionnaireResponse(
                    user=patient,
                    kind=kind,
                    date=on(day),
                    answers=answers,
                    score=total,
                    band=band(kind, total).code,
                )  # fmt: skip
            )
    QuestionnaireResponse.objects.bulk_create(rows)


def _mri_and_labs(patient, clinician, on):
    for day, region, contrast, new_t2, enhancing, volume, summary, by_clinician in SCANS:
        MriReport(
            user=patient,
            date=on(day),
            region=region,
            contrast=contrast,
            new_t2_lesions=new_t2,
            enhancing_lesions=enhancing,
            brain_volume_change=volume,
            summary=summary,
            source="clinician" if by_clinician else "report_letter",
            recorded_by=clinician if by_clinician else patient,
        ).save()
    for day, kind, value, unit, low, high in LABS:
        lab = LabResult(user=patient, date=on(day), kind=kind, recorded_by=patient)
        lab.set_values(value, unit, low, high)
        lab.save()
