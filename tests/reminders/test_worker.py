"""Exactly once, on a real Celery worker and the real broker in CELERY_BROKER_URL.

The dispatcher may run twice at the same moment (two beats by mistake, a
tick redelivered after a worker crash) and a send may run twice (a retry, a
redelivered message): the patient still gets one inbox message and one email.
"""

import threading
import time as clock

import pytest
from django.db import connection
from django.utils import timezone

from mstracker.reminders import enqueue
from mstracker.reminders.dispatch import dispatch_due
from mstracker.reminders.models import Delivery, Notification
from mstracker.reminders.tasks import send
from tests.factories import PatientFactory
from tests.reminders.conftest import (
    due_now,
    many_patients,
    purge_queue,
    running_worker,
    settled,
    wait_until,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

Status = Delivery.Status
needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two dispatchers racing need real row locks (SKIP LOCKED): PostgreSQL only",
)


def test_a_reminder_due_now_arrives_once_in_the_inbox_and_by_email(mailoutbox):
    patient = PatientFactory(username="alice", email="alice@example.org")
    reminder = due_now(patient)
    purge_queue()

    dispatch_due()
    dispatch_due()
    with running_worker():
        wait_until(settled)

    delivery = Delivery.objects.get(reminder=reminder)
    assert delivery.status == Status.SENT
    assert Notification.objects.filter(user=patient).count() == 1
    assert [m.to for m in mailoutbox] == [["alice@example.org"]]
    assert mailoutbox[0].subject == "MS Tracker: Time for today's check-in"


def test_a_send_run_twice_sends_once(mailoutbox):
    patient = PatientFactory()
    reminder = due_now(patient)
    delivery = Delivery.objects.create(
        reminder=reminder,
        slot="redelivered",
        scheduled_for=timezone.now(),
        expires_at=timezone.now() + timezone.timedelta(hours=1),
        enqueued_at=timezone.now(),
    )
    purge_queue()
    # The same message twice, as a broker redelivery or the sweep would produce.
    assert enqueue.publish(send, delivery.pk)
    assert enqueue.publish(send, delivery.pk)
    with running_worker():
        wait_until(lambda: Delivery.objects.get(pk=delivery.pk).status == Status.SENT)
        clock.sleep(1)  # let the second message be consumed too
    assert Notification.objects.filter(delivery=delivery).count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.postgres
@needs_postgres
def test_two_dispatchers_at_the_same_moment_deliver_each_reminder_once(mailoutbox):
    users = many_patients(40, zone="America/New_York")
    purge_queue()
    for user in users:
        due_now(user)
    start = threading.Barrier(2)
    reports, errors = [], []

    def tick():
        try:
            start.wait(timeout=10)
            reports.append(dispatch_due(batch_size=7))  # small batches interleave the two
        except Exception as exc:  # pragma: no cover - surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(r.claimed for r in reports) == 40  # each row claimed by one of them
    with running_worker():
        wait_until(settled)
    assert Delivery.objects.filter(status=Status.SENT).count() == 40
    assert Notification.objects.count() == 40
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in users)
