"""A broker outage never fails a patient's save, and the dispatcher catches up after it.

"Down" is real: the Celery app is pointed at a closed port
(``redis://127.0.0.1:1/0``) so every publish fails as it would with Redis
stopped; then it is pointed back at ``CELERY_BROKER_URL`` and a real worker
consumes what the dispatcher enqueues.
"""

import time as clock
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from journal.models import CheckIn
from mstracker.celery import app
from mstracker.reminders import enqueue
from mstracker.reminders.dispatch import dispatch_due
from mstracker.reminders.models import Delivery, Kind, Notification, Reminder
from mstracker.reminders.tasks import dispatch
from tests.reminders.conftest import (
    due_now,
    make_reminder,
    purge_queue,
    running_worker,
    settled,
    wait_until,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

Status = Delivery.Status
CLOSED_PORT = "redis://127.0.0.1:1/0"


def publish_to(url):
    """Where publishing goes. ``broker_write_url``: the CELERY_BROKER_URL variable
    overrides ``broker_url`` itself, and only publishing should fail."""
    app.conf.broker_write_url = url
    app._pool = None  # the connection and producer pools are per URL; drop the cached ones
    app.amqp._producer_pool = None


@contextmanager
def broker_down():
    publish_to(CLOSED_PORT)
    try:
        yield
    finally:
        publish_to(None)


def test_saves_succeed_while_the_broker_is_down_and_everything_arrives_after(
    patient_client, patient_api, patient, caplog, mailoutbox
):
    reminder = due_now(patient)

    with broker_down():
        started = clock.monotonic()
        response = patient_client.post(reverse("reminders:test", args=[reminder.pk]))
        assert response.status_code == 302  # the patient sees success
        assert clock.monotonic() - started < 10
        response = patient_api.patch(f"/api/v1/reminders/{reminder.pk}/", {"channel": "both"})
        assert response.status_code == 200
        response = patient_api.patch("/api/v1/me/", {"time_zone": patient.time_zone})
        assert response.status_code == 200
        # A tick that runs while publishing fails (a worker cut off from the broker).
        dispatch_due()
    assert "Broker unavailable" in caplog.text
    purge_queue()
    assert Delivery.objects.filter(status=Status.PENDING).count() == 2  # test + check-in
    assert mailoutbox == []

    # A reminder whose minute passed eight hours ago, in a long outage.
    stale = make_reminder(patient, kind=Kind.VITAMIN_D, local_time=reminder.local_time)
    Reminder.objects.filter(pk=stale.pk).update(next_fire_at=timezone.now() - timedelta(hours=8))

    # The broker is back; a few minutes on, beat's next tick runs on the real worker
    # (all in the worker: the tick, then the sends it enqueues).
    with time_machine.travel(timezone.now() + timedelta(minutes=3), tick=True), running_worker():
        assert enqueue.publish(dispatch)
        wait_until(settled)

    statuses = dict(Delivery.objects.values_list("reminder__kind", "status").order_by())
    assert Delivery.objects.filter(reminder=reminder, status=Status.SENT).count() == 2
    assert statuses[Kind.VITAMIN_D] == Status.EXPIRED  # recorded, never sent late
    assert Reminder.objects.get(pk=stale.pk).next_fire_at > timezone.now()
    assert sorted(m.subject for m in mailoutbox) == [
        "MS Tracker: Test: Daily check-in",
        "MS Tracker: Time for today's check-in",
    ]
    assert Notification.objects.filter(user=patient).count() == 2


def test_saving_a_check_in_with_the_broker_down_succeeds_and_the_reminder_then_stands_down(
    patient_client, patient_api, patient, mailoutbox
):
    """The check-in save path (Today page and API, both ``CheckIn.objects.record``)
    enqueues nothing, so it cannot fail on the broker; the day's reminder, found
    when the broker is back, sees the check-in and is skipped."""
    reminder = due_now(patient)
    today = patient.local_today().isoformat()
    with broker_down():
        started = clock.monotonic()
        response = patient_client.post(
            reverse("journal:today"), {"date": today, "wellbeing": "6", "note": ""}
        )
        assert response.status_code == 302, response.content  # saved: back to Today
        response = patient_api.put(
            f"/api/v1/checkins/{today}/",
            {"date": today, "wellbeing": 7, "scores": {}},
            format="json",
        )
        assert response.status_code in (200, 201), response.content
        assert clock.monotonic() - started < 10
        dispatch_due()  # the tick during the outage records the slot; its send is lost
    purge_queue()
    assert CheckIn.objects.get(user=patient).wellbeing == 7
    assert Delivery.objects.get(reminder=reminder).status == Status.PENDING  # not yet sent
    with time_machine.travel(timezone.now() + timedelta(minutes=3), tick=True), running_worker():
        assert enqueue.publish(dispatch)
        wait_until(settled)
    delivery = Delivery.objects.get(reminder=reminder)
    assert (delivery.status, delivery.reason) == (
        Status.SKIPPED,
        "Today's check-in is already saved.",
    )
    assert mailoutbox == []
    assert not Notification.objects.filter(user=patient).exists()
