"""The optional "blood tests due" reminder: off by default, sent only when a test is due."""

from datetime import date, time, timedelta

import pytest

from mstracker.reminders.kinds import SPECS, Message, Skip, compose
from mstracker.reminders.models import Delivery, Kind
from tests.journal.factories import LabFactory
from tests.reminders.conftest import make_reminder, utc
from tests.therapies.factories import CourseFactory, catalogue

pytestmark = pytest.mark.django_db
MONDAY_9 = utc(2025, 6, 2, 7)  # 09:00 in Berlin


def delivery(reminder):
    return Delivery(
        reminder=reminder,
        slot="2025-06-02T09:00",
        scheduled_for=MONDAY_9,
        expires_at=MONDAY_9 + timedelta(hours=24),
    )


def test_it_is_off_for_new_patients_and_on_mondays():
    spec = SPECS[Kind.LABS_DUE]
    assert spec.enabled is False
    assert spec.local_time == time(9, 0)


def test_it_names_the_test_due_and_skips_when_none_is(patient):
    reminder = make_reminder(patient, kind=Kind.LABS_DUE, local_time=time(9, 0), weekdays=1)
    assert isinstance(compose(delivery(reminder)), Skip)

    CourseFactory(user=patient, drug=catalogue("natalizumab"), start=date(2024, 1, 10))
    LabFactory(user=patient, kind="jcv_index", value=0.4, unit="index", date=date(2024, 11, 20))
    message = compose(delivery(reminder))
    assert isinstance(message, Message)
    assert message.title == "A blood test is due"
    assert message.lines[0] == "JCV antibody index for Natalizumab: due since 20 May 2025."
    assert message.url == "/journal/labs/"

    LabFactory(user=patient, kind="jcv_index", value=0.4, unit="index", date=date(2025, 5, 30))
    assert isinstance(compose(delivery(reminder)), Skip)
