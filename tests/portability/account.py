"""An account with every kind of record, for the export, import and deletion tests."""

from datetime import UTC, date, datetime, time, timedelta

import time_machine
from django.utils import timezone

from journal import selftests
from journal.models import CheckIn, JournalSettings, Symptom
from mstracker.care.models import ClinicalNote, Invitation, PatientSummary, Share, VisitNote
from mstracker.reminders.models import Delivery, Notification, Reminder
from mstracker.reminders.services import create_defaults
from tests.care.factories import AccessEventFactory, ShareFactory
from tests.factories import ClinicianFactory
from tests.journal.factories import (
    DoseFactory,
    ExerciseFactory,
    LabFactory,
    LevelFactory,
    MeasureFactory,
    MriFactory,
    QuestionnaireFactory,
    RelapseFactory,
    SmokingFactory,
)
from tests.therapies.factories import (
    CourseFactory,
    CustomDrugFactory,
    DoseLogFactory,
    SideEffectFactory,
    catalogue,
)
from therapies.models import DoseLog


def every_kind_of_record(patient):
    """Give ``patient`` at least one row of every kind the export holds (and more)."""
    patient.first_name, patient.last_name = "Alice", "Émile"
    patient.ms_course, patient.diagnosis_year = "rrms", 2015
    patient.save()
    create_defaults(patient)

    tremor = Symptom.objects.create(
        owner=patient, code="my_tremor", name="Tremor", anchor_low="Steady", position=200
    )
    fatigue = Symptom.objects.get(owner=None, code="fatigue")
    settings = JournalSettings.objects.for_user(patient)
    settings.exercise_goal_minutes = 120
    settings.save()
    settings.hidden_symptoms.add(Symptom.objects.get(owner=None, code="heat"))
    CheckIn.objects.record(
        patient,
        date(2024, 5, 1),
        wellbeing=6,
        note="Tired, «ça va»",
        scores={fatigue: 7, tremor: 2},
    )
    CheckIn.objects.record(patient, date(2024, 5, 2), wellbeing=8, note="", scores={})

    RelapseFactory(
        user=patient,
        onset=date(2024, 3, 1),
        end=date(2024, 3, 20),
        functions=["vision", "walking"],
        steroids=True,
        recovery="partial",
        clinician_confirmed=True,
    )
    RelapseFactory(  # the same episode
        user=patient, onset=date(2024, 3, 25), end=date(2024, 4, 1), functions=["sensation"]
    )
    RelapseFactory(
        user=patient,
        onset=date(2024, 8, 1),
        end=None,
        fever_or_infection=True,
        functions=["fatigue"],
    )
    for kind, value in (
        ("edss", 3.5),
        ("pdds", 2),
        ("t25fw", 6.4),
        ("nhpt_dominant", 21.0),
        ("nhpt_nondominant", 23.5),
    ):
        MeasureFactory(user=patient, kind=kind, date=date(2024, 4, 2), value=value)
    # A self-test run with its raw trials (a practice run: no measure of its own).
    with time_machine.travel(datetime(2024, 4, 3, 9, tzinfo=UTC), tick=False):
        session = selftests.issue(patient, "sdt")
        answers = [[session.pairing[s], 700 * (i + 1)] for i, s in enumerate(session.items[:30])]
        selftests.submit(session.pk, patient, selftests.Upload("touch", answers, [[1, 900]]))
    QuestionnaireFactory(user=patient, kind="phq9", answers=[1, 1, 2, 2, 0, 1, 1, 0, 1])
    QuestionnaireFactory(user=patient, kind="gad7", answers=[1, 0, 1, 2, 0, 1, 0])
    ExerciseFactory(user=patient, note="Swim")
    DoseFactory(user=patient, iu=50000, regimen="weekly")
    LevelFactory(user=patient, nmol_per_l=80.0, unit="ng/mL")
    MriFactory(
        user=patient,
        recorded_by=patient,
        brain_volume_change=-0.4,
        summary="Stable; «no new lesions»",
    )
    MriFactory(
        user=patient,
        date=date(2024, 7, 1),
        region="spine",
        contrast=False,
        new_t2_lesions=None,
        enhancing_lesions=None,
    )
    LabFactory(user=patient, recorded_by=patient, value=0.65, unit="cells/uL")
    LabFactory(
        user=patient, kind="igg", value=5.2, unit="g/L", reference_low=7.0, reference_high=16.0
    )
    SmokingFactory(
        user=patient, date=date(2023, 1, 1), status="current", cigarettes=10, quit_date=None
    )
    SmokingFactory(user=patient, vaping=True)

    own_drug = CustomDrugFactory(owner=patient, name="Trial drug", brand_names=["Trialix"])
    own_course = CourseFactory(user=patient, drug=own_drug, start=date(2024, 1, 1), dose="10.5")
    fumarate = CourseFactory(
        user=patient,
        drug=catalogue("dimethyl-fumarate"),
        start=date(2023, 1, 1),
        stop=date(2023, 12, 31),
        stop_reason="side_effects",
        schedule_override={"kind": "daily", "times": ["07:30", "19:30"]},
    )
    first, second = own_course.expected_doses(
        datetime(2024, 1, 2, tzinfo=UTC), datetime(2024, 1, 4, tzinfo=UTC)
    )[:2]
    DoseLogFactory(course=own_course, scheduled_for=first, status="taken", taken_at=first)
    DoseLogFactory(course=own_course, scheduled_for=second, status="missed", taken_at=None)
    (late,) = fumarate.expected_doses(
        datetime(2023, 6, 1, 4, tzinfo=UTC), datetime(2023, 6, 1, 12, tzinfo=UTC)
    )
    late_log = DoseLog(
        user=patient,
        course=fumarate,
        scheduled_for=late,
        status="taken",
        taken_at=late + timedelta(hours=6),
    )
    late_log.full_clean()  # the model's rule makes it "late"
    late_log.save()
    SideEffectFactory(
        course=fumarate, date=date(2023, 2, 1), effect="Flushing", severity="moderate"
    )

    reminder = Reminder.objects.get(user=patient, kind="checkin")
    reminder.local_time, reminder.quiet_start, reminder.quiet_end = time(21, 15), time(23), time(7)
    reminder.save()
    now = timezone.now()
    delivery = Delivery.objects.create(
        reminder=reminder, slot="2024-05-01T21:15", scheduled_for=now, expires_at=now
    )
    Notification.objects.create(
        user=patient, delivery=delivery, kind="checkin", title="Time for your check-in", url="/"
    )
    Notification.objects.create(
        user=patient, kind="pdds", title="Monthly PDDS", read_at=now, created_at=now
    )
    care_team(patient, now)
    return patient


def care_team(patient, now):
    """An active share with its access log and a clinical note, a revoked share, a pending
    email invitation and the panel's summary row: a row of every care model of a patient."""
    nora = ClinicianFactory(
        username="dr-nora", first_name="Nora", last_name="Neuro", email="nora@clinic.example.org"
    )
    active = ShareFactory(
        patient=patient,
        clinician=nora,
        scopes=["symptoms", "relapses_measures"],
        expires_at=now + timedelta(days=30),
        last_viewed_at=now,
    )
    ShareFactory(patient=patient, scopes=["lifestyle"], revoked_at=now - timedelta(days=1))
    pending = Share.objects.create(
        patient=patient, scopes=["therapies"], expires_at=now + timedelta(days=182)
    )
    Invitation.objects.create(
        share=pending,
        method=Invitation.Method.EMAIL,
        email="new.neuro@clinic.example.org",
        nonce="n0nce",
        expires_at=now + timedelta(days=7),
    )
    AccessEventFactory(patient=patient, reader=nora, reader_name="Nora Neuro", ip="192.0.2.7")
    AccessEventFactory(
        patient=patient,
        reader=nora,
        reader_name="Nora Neuro",
        what="relapses",
        object_id="12",
        ip="192.0.2.7",
    )
    ClinicalNote.objects.create(
        patient=patient, clinician=nora, clinician_name="Nora Neuro", text="Keep walking daily."
    )
    PatientSummary.objects.update_or_create(
        patient=patient, defaults={"facts": {}, "computed_at": now}
    )
    VisitNote.objects.create(patient=patient, text="Walking got harder since June.")
    return active
