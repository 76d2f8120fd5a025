"""The optional monthly self-tests reminder: off by default, skipped once all three ran."""

from datetime import date, time, timedelta

import pytest
import time_machine

from journal import selftests
from mstracker.reminders.kinds import SPECS, Message, Skip, compose
from mstracker.reminders.models import Delivery, Kind
from tests.reminders.conftest import make_reminder, utc

pytestmark = pytest.mark.django_db
THIRD_10 = utc(2025, 6, 3, 8)  # 10:00 in Berlin


def delivery(reminder):
    return Delivery(
        reminder=reminder,
        slot="2025-06-03T10:00",
        scheduled_for=THIRD_10,
        expires_at=THIRD_10 + timedelta(hours=24),
    )


def run(patient, kind, when):
    with time_machine.travel(when, tick=False):
        session = selftests.issue(patient, kind)
        selftests.submit(session.pk, patient, selftests.Upload("touch", [], []))


def test_it_is_optional_and_monthly():
    spec = SPECS[Kind.SELF_TESTS]
    assert spec.enabled is False
    assert spec.month_day == 3
    assert spec.local_time == time(10, 0)


def test_it_leads_to_the_self_tests_until_all_three_were_done(patient):
    reminder = make_reminder(patient, kind=Kind.SELF_TESTS, local_time=time(10), month_day=3)
    message = compose(delivery(reminder))
    assert isinstance(message, Message)
    assert message.url == "/journal/self-tests/"

    run(patient, "sdt", utc(2025, 5, 20, 9))
    run(patient, "tap_dominant", utc(2025, 5, 20, 9))
    assert isinstance(compose(delivery(reminder)), Message)  # the other hand is missing
    run(patient, "tap_nondominant", utc(2025, 5, 1, 9))  # more than four weeks ago
    assert isinstance(compose(delivery(reminder)), Message)
    run(patient, "tap_nondominant", utc(2025, 5, 21, 9))
    assert isinstance(compose(delivery(reminder)), Skip)
    assert date(2025, 5, 21) >= date(2025, 6, 3) - timedelta(days=27)
