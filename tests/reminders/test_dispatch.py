"""The minute tick: a due reminder becomes one delivery, once; the row moves on."""

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from mstracker.reminders.dispatch import dispatch_due
from mstracker.reminders.models import Delivery, Kind, Reminder
from mstracker.reminders.sending import send_delivery
from tests.reminders.conftest import deliveries, make_reminder, many_patients, utc

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
Status = Delivery.Status


def test_a_due_reminder_gets_one_delivery_and_moves_to_its_next_slot(patient, enqueued):
    # alice is in Berlin; 20:00 CEST on 2 June 2025 is 18:00 UTC.
    reminder = make_reminder(patient, local_time=time(20), now=utc(2025, 6, 2, 12))
    assert reminder.next_fire_at == utc(2025, 6, 2, 18)
    assert reminder.next_slot == "2025-06-02T20:00"

    report = dispatch_due(now=utc(2025, 6, 2, 18, 0, 5))

    [delivery] = deliveries(reminder)
    assert (delivery.slot, delivery.status) == ("2025-06-02T20:00", Status.PENDING)
    assert delivery.expires_at == utc(2025, 6, 2, 20)  # a check-in reminder keeps 2 hours
    assert report.enqueued == 1
    assert enqueued == [("reminders.send", (delivery.pk,), {"expires": delivery.expires_at})]
    reminder.refresh_from_db()
    assert reminder.next_fire_at == utc(2025, 6, 3, 18)


def test_nothing_happens_before_the_minute(patient, enqueued):
    reminder = make_reminder(patient, local_time=time(20), now=utc(2025, 6, 2, 12))
    dispatch_due(now=utc(2025, 6, 2, 17, 59, 59))
    assert deliveries(reminder) == []
    assert enqueued == []


def test_running_the_tick_twice_delivers_once(patient, enqueued):
    reminder = make_reminder(patient, now=utc(2025, 6, 2, 12))
    dispatch_due(now=utc(2025, 6, 2, 18, 0, 1))
    dispatch_due(now=utc(2025, 6, 2, 18, 0, 2))
    assert len(deliveries(reminder)) == 1
    assert len(enqueued) == 1


def test_a_slot_already_delivered_is_not_delivered_again_after_a_reschedule(patient, enqueued):
    """Saving the reminder just after its slot brings the slot back; the unique key holds."""
    reminder = make_reminder(patient, now=utc(2025, 6, 2, 12))
    dispatch_due(now=utc(2025, 6, 2, 18, 0, 1))
    reminder.reschedule(now=utc(2025, 6, 2, 18, 1))  # within the look-back
    reminder.save()
    assert reminder.next_fire_at == utc(2025, 6, 2, 18)
    dispatch_due(now=utc(2025, 6, 2, 18, 1, 30))
    assert len(deliveries(reminder)) == 1
    assert len(enqueued) == 1
    reminder.refresh_from_db()
    assert reminder.next_fire_at == utc(2025, 6, 3, 18)


def test_a_late_tick_within_the_expiry_still_sends(patient, enqueued):
    reminder = make_reminder(patient, now=utc(2025, 6, 2, 12))
    dispatch_due(now=utc(2025, 6, 2, 19, 30))  # 90 minutes late: the broker was down
    [delivery] = deliveries(reminder)
    assert delivery.status == Status.PENDING
    assert delivery.scheduled_for == utc(2025, 6, 2, 18)
    assert len(enqueued) == 1


def test_after_a_long_outage_the_missed_slot_is_recorded_expired_and_never_sent_late(
    patient, enqueued
):
    reminder = make_reminder(patient, now=utc(2025, 6, 2, 12))
    # Back three days later at 01:00 UTC (03:00 in Berlin): no 20:00 reminder now.
    dispatch_due(now=utc(2025, 6, 5, 1))
    [delivery] = deliveries(reminder)
    assert delivery.status == Status.EXPIRED
    assert "not sent late" in delivery.reason
    assert enqueued == []
    reminder.refresh_from_db()
    # The missed days in between are not replayed: next is tonight's 20:00.
    assert reminder.next_fire_at == utc(2025, 6, 5, 18)


def test_disabled_reminders_are_never_claimed(patient, enqueued):
    reminder = make_reminder(patient, now=utc(2025, 6, 2, 12), enabled=False)
    assert reminder.next_fire_at is None
    # Even a stale next fire time on a disabled row is ignored.
    Reminder.objects.filter(pk=reminder.pk).update(next_fire_at=utc(2025, 6, 2, 18))
    dispatch_due(now=utc(2025, 6, 2, 18, 1))
    assert deliveries(reminder) == []


def test_a_slot_in_quiet_hours_is_skipped_not_sent(patient, enqueued):
    """Quiet hours mean silence: a reminder falling in them is recorded as skipped.

    A timed reminder cannot be saved inside its own quiet hours (the model
    refuses), but a skipped spring-forward time can land in them: 02:30 on
    30 March fires at 03:00, inside quiet hours 03:00-06:00.
    """
    reminder = make_reminder(
        patient,
        local_time=time(2, 30),
        now=utc(2025, 3, 29, 12),
        quiet_start=time(3),
        quiet_end=time(6),
    )
    assert reminder.next_fire_at == utc(2025, 3, 30, 1)  # 03:00 CEST
    dispatch_due(now=utc(2025, 3, 30, 1, 0, 10))
    [delivery] = deliveries(reminder)
    assert (delivery.status, delivery.reason) == (Status.SKIPPED, "In your quiet hours.")
    assert enqueued == []


def test_dose_reminders_fire_at_each_dose_and_respect_quiet_hours(patient, therapies, enqueued):
    morning = therapies.add(utc(2025, 6, 2, 6))  # 08:00 in Berlin
    night = therapies.add(utc(2025, 6, 2, 22))  # 00:00 in Berlin
    reminder = make_reminder(
        patient, kind=Kind.DOSE, now=utc(2025, 6, 2, 5), quiet_start=time(23), quiet_end=time(7)
    )
    assert reminder.next_fire_at == morning.scheduled_for

    dispatch_due(now=utc(2025, 6, 2, 6, 0, 3))
    [first] = deliveries(reminder)
    assert (first.slot, first.status) == (f"dose:{morning.ref}", Status.PENDING)
    assert first.dose["drug"] == "Dimethyl fumarate"
    assert first.expires_at == utc(2025, 6, 2, 8)
    reminder.refresh_from_db()
    assert reminder.next_fire_at == utc(2025, 6, 2, 7, 0, 3)  # the hourly rescan comes first

    dispatch_due(now=utc(2025, 6, 2, 22, 0, 3))  # midnight in Berlin: quiet
    second = Delivery.objects.get(slot=f"dose:{night.ref}")
    assert second.status == Status.SKIPPED
    assert len(enqueued) == 1


def test_a_dose_logged_before_its_minute_is_recorded_skipped_not_sent(patient, therapies, enqueued):
    dose = therapies.add(utc(2025, 6, 2, 6))
    therapies.log(dose, taken_at=utc(2025, 6, 2, 5, 50))  # taken ten minutes early
    reminder = make_reminder(patient, kind=Kind.DOSE, now=utc(2025, 6, 2, 5))
    dispatch_due(now=utc(2025, 6, 2, 6, 0, 3))
    [delivery] = deliveries(reminder)
    assert (delivery.status, delivery.reason) == (Status.SKIPPED, "This dose is already logged.")
    assert enqueued == []


def test_without_courses_a_dose_reminder_only_looks_again_hourly(patient, enqueued):
    reminder = make_reminder(patient, kind=Kind.DOSE, now=utc(2025, 6, 2, 5))
    assert reminder.next_fire_at == utc(2025, 6, 2, 6)
    dispatch_due(now=utc(2025, 6, 2, 6, 0, 1))
    assert deliveries(reminder) == []
    reminder.refresh_from_db()
    assert reminder.next_fire_at == utc(2025, 6, 2, 7, 0, 1)


def test_a_clinic_given_infusion_gets_no_dose_reminder_but_notices_3_days_and_1_day_before(
    patient, therapies, enqueued
):
    # Ocrelizumab is given by a clinic, at 09:00 in Berlin (07:00 UTC); first dose 12 June.
    therapies.course("ocrelizumab-iv", date(2025, 6, 12))
    dose = make_reminder(patient, kind=Kind.DOSE, now=utc(2025, 6, 12, 6, 30))
    assert dose.next_fire_at == utc(2025, 6, 12, 7, 30)  # the rescan, not the infusion
    notice = make_reminder(
        patient, kind=Kind.TREATMENT_DUE, now=utc(2025, 6, 7, 12), local_time=time(9)
    )
    sent = {}
    for day in (8, 9, 10, 11, 12):
        dispatch_due(now=utc(2025, 6, day, 7, 0, 5))
        delivery = Delivery.objects.get(reminder=notice, slot=f"2025-06-{day:02}T09:00")
        sent[day] = send_delivery(delivery.pk, now=utc(2025, 6, day, 7, 0, 6))
    assert sent == {8: "skipped", 9: "sent", 10: "skipped", 11: "sent", 12: "skipped"}
    dispatch_due(now=utc(2025, 6, 12, 7, 30, 5))  # the dose reminder looks: the infusion is not its
    assert deliveries(dose) == []


def test_a_new_course_brings_the_dose_reminder_forward_and_a_stopped_one_ends_it(
    patient, therapies, enqueued
):
    """Saving a course reschedules the dose reminder at once (``watch_dose_changes``)."""
    with time_machine.travel(utc(2025, 6, 2, 5, 30), tick=False):
        reminder = make_reminder(patient, kind=Kind.DOSE)
        assert reminder.next_fire_at == utc(2025, 6, 2, 6, 30)  # nothing to take: the rescan
        course = therapies.course("dimethyl-fumarate", date(2025, 5, 1))  # 08:00 and 20:00
        reminder.refresh_from_db()
        assert reminder.next_fire_at == utc(2025, 6, 2, 6)  # 08:00 in Berlin

        course.stop = date(2025, 6, 1)  # stopped yesterday
        course.save()
        reminder.refresh_from_db()
        assert reminder.next_fire_at == utc(2025, 6, 2, 6, 30)
    dispatch_due(now=utc(2025, 6, 2, 6, 0, 3))
    dispatch_due(now=utc(2025, 6, 2, 6, 30, 3))
    assert deliveries(reminder) == []
    assert enqueued == []

    with time_machine.travel(utc(2025, 6, 2, 7), tick=False):
        course.delete()
        reminder.refresh_from_db()
        assert reminder.next_fire_at == utc(2025, 6, 2, 8)


def test_the_sweep_resends_lost_messages_and_settles_stale_ones(patient, enqueued):
    now = utc(2025, 6, 2, 18, 30)
    reminder = make_reminder(patient, now=now)  # next due tomorrow
    lost = Delivery.objects.create(
        reminder=reminder,
        slot="a",
        scheduled_for=utc(2025, 6, 2, 18),
        expires_at=utc(2025, 6, 2, 20),
        enqueued_at=now - timedelta(minutes=5),
    )
    fresh = Delivery.objects.create(
        reminder=reminder,
        slot="b",
        scheduled_for=utc(2025, 6, 2, 18),
        expires_at=utc(2025, 6, 2, 20),
        enqueued_at=now - timedelta(seconds=30),
    )
    late = Delivery.objects.create(
        reminder=reminder, slot="c", scheduled_for=now, expires_at=now, enqueued_at=now
    )
    abandoned = Delivery.objects.create(
        reminder=reminder,
        slot="d",
        scheduled_for=now,
        expires_at=now + timedelta(hours=1),
        status=Status.SENDING,
        attempted_at=now - timedelta(minutes=20),
    )
    report = dispatch_due(now=now)
    assert (report.resent, report.expired, report.abandoned) == (1, 1, 1)
    assert [call[1] for call in enqueued] == [(lost.pk,)]
    for delivery, status in [
        (lost, Status.PENDING),
        (fresh, Status.PENDING),
        (late, Status.EXPIRED),
        (abandoned, Status.FAILED),
    ]:
        delivery.refresh_from_db()
        assert delivery.status == status


@pytest.mark.parametrize("patients", [10, 100])
def test_a_tick_takes_the_same_queries_for_10_or_100_due_rows(
    patients, enqueued, django_assert_max_num_queries
):
    now = utc(2025, 6, 2, 12)
    for user in many_patients(patients):
        make_reminder(user, now=now)
    # Plenty of rows that are not due do not matter either.
    with django_assert_max_num_queries(12):
        report = dispatch_due(now=utc(2025, 6, 2, 18, 0, 1))
    assert report.claimed == patients
    assert Delivery.objects.count() == patients


def test_after_an_outage_rows_across_zones_move_to_their_own_next_slots_in_one_update(enqueued):
    """Every claimed row gets its own next fire time, written for the whole batch in one
    UPDATE joined to a VALUES list: no CASE WHEN branch per row, which the database
    would walk for every row (quadratic in the batch)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mstracker.reminders.schedule import next_fire

    zones = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"]
    reminders = []
    for n, zone in enumerate(zones):
        for user in many_patients(10, zone=zone, prefix=f"zone{n}-"):
            local_time = time((7 + 3 * n + user.pk) % 24, (user.pk * 7) % 60)
            reminders.append(make_reminder(user, now=utc(2025, 6, 1), local_time=local_time))
    back = utc(2025, 6, 2, 12)  # a day and a half of outage: every row is due

    with CaptureQueriesContext(connection) as queries:
        report = dispatch_due(now=back)

    assert report.claimed == len(reminders) == 40
    for reminder in reminders:
        reminder.refresh_from_db()
        expected = next_fire(reminder.local_time, reminder.user.zone, back)
        assert (reminder.next_fire_at, reminder.next_slot) == (expected.at, expected.slot)
    assert len({r.next_fire_at for r in reminders}) > 30  # they really differ
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "reminders_reminder"')]
    assert len(updates) == 1
    assert "CASE" not in updates[0]


def test_deleting_a_patient_with_courses_takes_their_reminders_along(patient, therapies):
    therapies.course("dimethyl-fumarate", date(2025, 5, 1))
    make_reminder(patient, kind=Kind.DOSE, now=utc(2025, 6, 2, 5))
    patient.delete()  # the courses go with the account: nothing left to reschedule
    assert not Reminder.objects.exists()
