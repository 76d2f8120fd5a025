"""One patient's story for the dashboard tests, dated back from their today.

EDSS 2.0 rises to 3.0 two months after a relapse (RAW) and later, with only a feverish
pseudo-relapse nearby, to 4.0 (PIRA: the pseudo-relapse does not count). A relapse a
month ago; check-ins that are worse in the 30 days after a relapse; dimethyl fumarate
for the last 200 days; a vitamin D result; stopped smoking 100 days ago.
"""

from datetime import timedelta

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
from tests.therapies.factories import CourseFactory, catalogue

EDSS = [(700, 2.0), (520, 3.0), (400, 3.0), (250, 4.0), (100, 4.0)]
RELAPSES = [(580, 560, False), (300, 290, True), (30, 10, False)]


def tell_story(patient):
    """Write the story for `patient`; returns their local today."""
    today = patient.local_today()

    def ago(days):
        return today - timedelta(days=days)

    for onset, end, fever in RELAPSES:
        Relapse(user=patient, onset=ago(onset), end=ago(end), fever_or_infection=fever).save()
    Measure.objects.bulk_create(
        Measure(user=patient, kind="edss", date=ago(days), value=value, source="clinician")
        for days, value in EDSS
    )
    fatigue, walking = (
        Symptom.objects.get(code=code, owner=None) for code in ("fatigue", "walking")
    )
    # Check-ins on the 10 days after the first relapse (scores 8) and 10 quiet days (2).
    days = [(575 - n, 8) for n in range(10)] + [(200 - n, 2) for n in range(10)]
    checkins = CheckIn.objects.bulk_create(
        CheckIn(user=patient, date=ago(d), wellbeing=5) for d, _ in days
    )
    SymptomScore.objects.bulk_create(
        SymptomScore(checkin=c, symptom=s, score=score)
        for c, (_, score) in zip(checkins, days, strict=True)
        for s in (fatigue, walking)
    )
    CourseFactory(user=patient, drug=catalogue("dimethyl-fumarate"), start=ago(200))
    ExerciseSession.objects.bulk_create(
        ExerciseSession(user=patient, date=ago(d), minutes=40) for d in range(7, 90, 2)
    )
    VitaminDLevel.objects.create(user=patient, date=ago(60), nmol_per_l=50, unit="nmol/L")
    VitaminDDose.objects.bulk_create(
        VitaminDDose(user=patient, date=ago(d), iu=2000) for d in range(0, 40, 2)
    )
    SmokingRecord.objects.bulk_create(
        [
            SmokingRecord(user=patient, date=ago(900), status="current", cigarettes=10),
            SmokingRecord(user=patient, date=ago(100), status="former", quit_date=ago(100)),
        ]
    )
    return today


def check_in(patient, commits, fatigue=10):
    """Today's check-in with one fatigue score, committed (``commits``: the fixture)."""
    with commits():
        CheckIn.objects.record(
            patient,
            patient.local_today(),
            wellbeing=2,
            scores={Symptom.objects.get(code="fatigue", owner=None): fatigue},
        )


def count_calls(monkeypatch, owner, name):
    """The calls of ``owner.<name>``, which still runs, as a list that grows with each."""
    calls = []
    real = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls
