"""factory-boy factories for journal records (owner: a patient)."""

import datetime as dt

import factory

from journal.models import (
    CheckIn,
    ExerciseSession,
    LabResult,
    Measure,
    MriReport,
    QuestionnaireResponse,
    Relapse,
    SmokingRecord,
    VitaminDDose,
    VitaminDLevel,
)
from tests.factories import PatientFactory


class EntryFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(PatientFactory)

    class Meta:
        abstract = True


class CheckInFactory(EntryFactory):
    date = factory.Sequence(lambda n: dt.date(2024, 1, 1) + dt.timedelta(days=n))
    wellbeing = 6

    class Meta:
        model = CheckIn


class RelapseFactory(EntryFactory):
    onset = dt.date(2024, 3, 1)
    end = dt.date(2024, 3, 20)
    severity = "moderate"

    class Meta:
        model = Relapse


class MeasureFactory(EntryFactory):
    kind = "edss"
    date = factory.Sequence(lambda n: dt.date(2020, 1, 1) + dt.timedelta(days=n))
    value = 2.5
    source = "clinician"

    class Meta:
        model = Measure


class QuestionnaireFactory(EntryFactory):
    kind = "phq9"
    date = dt.date(2024, 5, 1)
    answers = factory.LazyFunction(lambda: [1, 1, 1, 1, 0, 0, 0, 0, 0])

    class Meta:
        model = QuestionnaireResponse


class ExerciseFactory(EntryFactory):
    date = dt.date(2024, 5, 1)
    kind = "aerobic"
    minutes = 30
    intensity = "moderate"

    class Meta:
        model = ExerciseSession


class DoseFactory(EntryFactory):
    date = dt.date(2024, 5, 1)
    iu = 2000
    regimen = "daily"

    class Meta:
        model = VitaminDDose


class LevelFactory(EntryFactory):
    date = dt.date(2024, 5, 1)
    nmol_per_l = 75.0
    unit = "nmol/L"

    class Meta:
        model = VitaminDLevel


class SmokingFactory(EntryFactory):
    date = dt.date(2024, 5, 1)
    status = "former"
    quit_date = dt.date(2024, 4, 1)

    class Meta:
        model = SmokingRecord


class MriFactory(EntryFactory):
    date = dt.date(2024, 6, 1)
    region = "brain"
    contrast = True
    new_t2_lesions = 0
    enhancing_lesions = 0

    class Meta:
        model = MriReport


class LabFactory(EntryFactory):
    date = dt.date(2024, 6, 1)
    kind = "lymphocytes"
    value = 1.4
    unit = "10^9/L"
    reference_low = 1.0
    reference_high = 4.0

    class Meta:
        model = LabResult
