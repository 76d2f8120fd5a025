"""Finished deliveries are purged once past REMINDERS_KEEP_DAYS; unfinished ones and
inbox messages stay. The daily task runs on a real worker from beat's schedule."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings

from mstracker.reminders import retention
from mstracker.reminders.models import Delivery, Notification
from tests.factories import PatientFactory
from tests.reminders.conftest import make_reminder, purge_queue, running_worker, wait_until

Status = Delivery.Status
NOW = datetime(2025, 6, 13, 10, 0, tzinfo=UTC)


def delivery(reminder, days_ago, status, slot=None):
    scheduled = NOW - timedelta(days=days_ago)
    return Delivery.objects.create(
        reminder=reminder,
        slot=slot or f"{days_ago}-{status}",
        scheduled_for=scheduled,
        expires_at=scheduled + timedelta(hours=2),
        status=status,
    )


@pytest.fixture
def reminder(db):
    return make_reminder(PatientFactory(), now=NOW)


@pytest.mark.django_db
def test_finished_deliveries_past_the_keep_days_go_and_the_rest_stay(reminder):
    gone = [delivery(reminder, 91, s) for s in (Status.SENT, Status.SKIPPED, Status.EXPIRED)]
    gone.append(delivery(reminder, 400, Status.FAILED))
    kept = [
        delivery(reminder, 89, Status.SENT),
        delivery(reminder, 91, Status.PENDING),
        delivery(reminder, 91, Status.SENDING),
    ]
    assert retention.purge_finished(now=NOW, keep_days=90) == 4
    assert set(Delivery.objects.values_list("pk", flat=True)) == {d.pk for d in kept}
    assert not Delivery.objects.filter(pk__in=[d.pk for d in gone]).exists()


@pytest.mark.django_db
def test_the_inbox_message_outlives_its_delivery(reminder):
    sent = delivery(reminder, 120, Status.SENT)
    message = Notification.objects.create(
        user=reminder.user, delivery=sent, kind=reminder.kind, title="Time for your check-in"
    )
    retention.purge_finished(now=NOW, keep_days=90)
    message.refresh_from_db()
    assert message.delivery is None
    assert message.title == "Time for your check-in"


@pytest.mark.django_db
def test_many_rows_go_in_batches(reminder, monkeypatch):
    monkeypatch.setattr(retention, "BATCH_SIZE", 10)
    for n in range(35):
        delivery(reminder, 100 + n, Status.SENT)
    assert retention.purge_finished(now=NOW, keep_days=90) == 35
    assert not Delivery.objects.exists()


def test_beat_runs_the_purge_once_a_day():
    entry = settings.CELERY_BEAT_SCHEDULE["reminders-purge"]
    assert entry["task"] == "reminders.purge"
    assert entry["schedule"].hour == {3}
    assert entry["schedule"].minute == {17}


@pytest.mark.django_db(transaction=True)
@pytest.mark.celery_worker
def test_the_purge_task_runs_on_a_real_worker():
    from mstracker.reminders.tasks import purge

    reminder = make_reminder(PatientFactory())
    old = delivery(reminder, 0, Status.SENT)
    Delivery.objects.filter(pk=old.pk).update(
        scheduled_for=datetime.now(UTC) - timedelta(days=settings.REMINDERS_KEEP_DAYS + 1)
    )
    recent = delivery(reminder, 0, Status.SENT, slot="recent")
    Delivery.objects.filter(pk=recent.pk).update(scheduled_for=datetime.now(UTC))
    purge_queue()
    purge.delay()
    with running_worker():
        wait_until(lambda: not Delivery.objects.filter(pk=old.pk).exists())
    assert Delivery.objects.filter(pk=recent.pk).exists()
