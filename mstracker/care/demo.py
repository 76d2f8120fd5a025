"""The demo clinician's panel (``python manage.py demo``): the demo patient shares, and so
do three more demo patients whose records raise different flags.

- Jo: a relapse three weeks ago and a PHQ-9 with item 9 above 0.
- Alex: no check-in for three weeks and a GAD-7 of 14.
- Kim: a DMT taken on fewer than 80% of days, and a timed 25-foot walk 30% slower
  than a year ago.

Safe to run again: an existing demo patient keeps their records, a share is made only
when the pair has none active, and every summary is recomputed.
"""

from datetime import timedelta

from journal.models import CheckIn, Measure, QuestionnaireResponse, Relapse
from mstracker.accounts.models import MSCourse, Role
from therapies.models import Course, DoseLog, Drug
from therapies.schedules import expand_days

from . import summary
from .models import Share, VisitNote
from .scopes import Scope

OTHERS = [
    {"username": "demo-jo", "first_name": "Jo", "last_name": "Berger"},
    {"username": "demo-alex", "first_name": "Alex", "last_name": "Moreau"},
    {"username": "demo-kim", "first_name": "Kim", "last_name": "Nakamura"},
]

# The demo patient's note for the neurologist, printed on the visit summary.
DEMO_NOTE = (
    "My legs feel heavier on long walks since the summer, and the afternoon fatigue is "
    "worse. Should I keep taking fampridine? It helps a little but I sleep badly."
)


def populate(patient, clinician):
    from mstracker.accounts.management.commands.demo import demo_user

    VisitNote.objects.get_or_create(patient=patient, defaults={"text": DEMO_NOTE})
    patients = [patient]
    for fields in OTHERS:
        other = demo_user(
            {
                **fields,
                "email": f"{fields['username']}@example.org",
                "role": Role.PATIENT,
                "time_zone": "Europe/Berlin",
                "ms_course": MSCourse.RRMS,
                "diagnosis_year": 2019,
            }
        )
        if not CheckIn.objects.filter(user=other).exists():
            RECORDS[fields["username"]](other, other.local_today())
        patients.append(other)
    for each in patients:
        if not Share.objects.active().filter(patient=each, clinician=clinician).exists():
            Share.objects.create(
                patient=each,
                clinician=clinician,
                scopes=list(Scope.values),
                accepted_at=each.date_joined,
            )
        summary.refresh(each)


def _checkins(user, first, last):
    CheckIn.objects.bulk_create(
        CheckIn(user=user, date=first + timedelta(days=n), wellbeing=6)
        for n in range((last - first).days + 1)
    )


def _jo(user, today):
    _checkins(user, today - timedelta(days=60), today)
    Relapse.objects.create(
        user=user,
        onset=today - timedelta(days=21),
        functions=["vision"],
        severity="moderate",
        steroids=True,
    )
    QuestionnaireResponse.objects.create(
        user=user, kind="phq9", date=today - timedelta(days=2), answers=[2, 2, 1, 2, 1, 1, 1, 0, 1]
    )


def _alex(user, today):
    _checkins(user, today - timedelta(days=80), today - timedelta(days=21))
    QuestionnaireResponse.objects.create(
        user=user, kind="gad7", date=today - timedelta(days=25), answers=[2, 2, 2, 2, 2, 2, 2]
    )


def _kim(user, today):
    _checkins(user, today - timedelta(days=90), today)
    for days_ago, seconds in ((365, 5.0), (180, 5.6), (7, 6.5)):
        Measure.objects.create(
            user=user, kind="t25fw", date=today - timedelta(days=days_ago), value=seconds
        )
    course = Course.objects.create(
        user=user,
        drug=Drug.objects.get(code="dimethyl-fumarate", owner=None),
        start=today - timedelta(days=200),
        dose=240,
        dose_unit="mg",
    )
    due = expand_days(course.schedule, course.start, None, course.start, today, user.zone)
    # Every third dose forgotten: about two thirds taken.
    DoseLog.objects.bulk_create(
        DoseLog(course=course, user=user, scheduled_for=when, status="taken", taken_at=when)
        for n, when in enumerate(due)
        if n % 3 and when < user.local_now()
    )


RECORDS = {"demo-jo": _jo, "demo-alex": _alex, "demo-kim": _kim}
