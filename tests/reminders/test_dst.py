"""Across daylight-saving changes, with the clock moved by time-machine and the real
dispatcher: each reminder arrives at the patient's wall-clock time, once a day."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from mstracker.reminders.dispatch import dispatch_due
from mstracker.reminders.models import Delivery
from tests.factories import PatientFactory
from tests.reminders.conftest import make_reminder

pytestmark = pytest.mark.django_db


def run_minutes(reminder, first, last):
    """Run the tick at the start of every minute from ``first`` to ``last`` (aware).

    Returns the local wall-clock times at which deliveries were recorded.
    """
    zone = reminder.user.zone
    fired = []
    # In UTC: adding minutes to a zoned datetime would walk the wall clock instead.
    moment, last = first.astimezone(UTC), last.astimezone(UTC)
    while moment <= last:
        with time_machine.travel(moment, tick=False):
            before = Delivery.objects.filter(reminder=reminder).count()
            dispatch_due()
            if Delivery.objects.filter(reminder=reminder).count() > before:
                fired.append(moment.astimezone(zone).replace(tzinfo=None))
        moment += timedelta(minutes=1)
    return fired


def every_evening(zone_name, days, at=time(20)):
    """Create a reminder before the first day, then tick through each day's evening."""
    zone = ZoneInfo(zone_name)
    patient = PatientFactory(time_zone=zone_name)
    with time_machine.travel(datetime.combine(days[0], time(9), tzinfo=zone), tick=False):
        reminder = make_reminder(patient, local_time=at)
    fired = []
    for day in days:
        start = datetime.combine(day, at, tzinfo=zone) - timedelta(minutes=3)
        fired += run_minutes(reminder, start, start + timedelta(minutes=6))
    return fired


@pytest.mark.usefixtures("enqueued")
@pytest.mark.parametrize(
    ("zone", "days"),
    [
        ("Europe/Berlin", [date(2025, 3, 29), date(2025, 3, 30), date(2025, 3, 31)]),
        ("Europe/Berlin", [date(2025, 10, 25), date(2025, 10, 26), date(2025, 10, 27)]),
        ("America/New_York", [date(2025, 3, 8), date(2025, 3, 9), date(2025, 3, 10)]),
        ("America/New_York", [date(2025, 11, 1), date(2025, 11, 2), date(2025, 11, 3)]),
    ],
)
def test_a_20_00_reminder_fires_at_20_00_local_each_day_around_the_change(zone, days):
    assert every_evening(zone, days) == [datetime.combine(day, time(20)) for day in days]


@pytest.mark.usefixtures("enqueued")
@pytest.mark.parametrize(
    ("zone", "day", "first_valid"),
    [
        ("Europe/Berlin", date(2025, 3, 30), time(3)),
        ("America/New_York", date(2025, 3, 9), time(3)),
    ],
)
def test_a_02_30_reminder_on_the_spring_forward_night_fires_once_at_03_00(zone, day, first_valid):
    tz = ZoneInfo(zone)
    patient = PatientFactory(time_zone=zone)
    with time_machine.travel(datetime.combine(day - timedelta(days=1), time(12), tzinfo=tz)):
        reminder = make_reminder(patient, local_time=time(2, 30))
    # Every minute of the night, 01:00 to 04:00 local (02:00-03:00 does not exist).
    start = datetime.combine(day, time(1), tzinfo=tz)
    fired = run_minutes(reminder, start, start + timedelta(hours=2))
    assert fired == [datetime.combine(day, first_valid)]
    [delivery] = Delivery.objects.filter(reminder=reminder)
    assert delivery.slot == f"{day}T02:30"


@pytest.mark.usefixtures("enqueued")
@pytest.mark.parametrize(
    ("zone", "day", "repeated"),
    [
        ("Europe/Berlin", date(2025, 10, 26), time(2, 30)),
        ("America/New_York", date(2025, 11, 2), time(1, 30)),
    ],
)
def test_a_time_repeated_on_the_fall_back_night_fires_once(zone, day, repeated):
    tz = ZoneInfo(zone)
    patient = PatientFactory(time_zone=zone)
    with time_machine.travel(datetime.combine(day - timedelta(days=1), time(12), tzinfo=tz)):
        reminder = make_reminder(patient, local_time=repeated)
    # Three real hours around the change: the repeated hour is walked twice.
    start = datetime.combine(day, time(0, 30), tzinfo=tz)
    fired = run_minutes(reminder, start, start + timedelta(hours=3))
    assert fired == [datetime.combine(day, repeated)]
    assert Delivery.objects.filter(reminder=reminder).count() == 1
