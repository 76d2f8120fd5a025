"""`dashboard.first_record`: the earliest date of any of the patient's own records,
whichever kind it is; another patient's rows, smoking statuses and dates before
`date_range.EARLIEST` (rows saved before the date rules) do not count."""

import datetime as dt

import pytest

from journal import dashboard
from tests.factories import PatientFactory
from tests.journal.factories import (
    CheckInFactory,
    DoseFactory,
    ExerciseFactory,
    LevelFactory,
    MeasureFactory,
    QuestionnaireFactory,
    RelapseFactory,
    SmokingFactory,
)

pytestmark = pytest.mark.django_db

EARLIEST = dt.date(2019, 3, 4)
SOURCES = {
    "check-in": lambda user, day: CheckInFactory(user=user, date=day),
    "relapse onset": lambda user, day: RelapseFactory(user=user, onset=day, end=None),
    "measure": lambda user, day: MeasureFactory(user=user, date=day),
    "questionnaire": lambda user, day: QuestionnaireFactory(user=user, date=day),
    "exercise": lambda user, day: ExerciseFactory(user=user, date=day),
    "vitamin D dose": lambda user, day: DoseFactory(user=user, date=day),
    "vitamin D level": lambda user, day: LevelFactory(user=user, date=day),
}


def test_a_patient_without_records_has_no_first_record():
    CheckInFactory(user=PatientFactory(), date=EARLIEST)  # someone else's

    assert dashboard.first_record(PatientFactory()) is None


@pytest.mark.parametrize("earliest", SOURCES)
def test_the_first_record_is_the_earliest_of_every_kind(earliest):
    patient = PatientFactory()
    for kind, make in SOURCES.items():
        make(patient, EARLIEST if kind == earliest else EARLIEST + dt.timedelta(days=40))
    other = PatientFactory()
    for make in SOURCES.values():
        make(other, EARLIEST - dt.timedelta(days=400))
    SmokingFactory(user=patient, date=EARLIEST - dt.timedelta(days=1), quit_date=None)

    assert dashboard.first_record(patient) == EARLIEST


def test_a_row_dated_year_one_is_left_out():
    patient = PatientFactory()
    CheckInFactory(user=patient, date=dt.date(1, 1, 1))
    MeasureFactory(user=patient, date=EARLIEST)

    assert dashboard.first_record(patient) == EARLIEST
