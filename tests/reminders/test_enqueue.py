"""Enqueuing waits for the commit and never raises at the caller."""

import pytest
from kombu.exceptions import OperationalError

from mstracker.reminders import enqueue
from mstracker.reminders.tasks import send


class Task:
    name = "reminders.fake"

    def __init__(self, error=None):
        self.error = error
        self.calls = []

    def apply_async(self, args, **options):
        if self.error:
            raise self.error
        self.calls.append((args, options))


def test_a_broker_error_is_logged_not_raised(caplog):
    assert enqueue.publish(Task(OperationalError("connection refused")), 7) is False
    assert "Broker unavailable, reminders.fake(7,) not enqueued" in caplog.text


def test_publishing_retries_briefly_then_gives_up():
    task = Task()
    assert enqueue.publish(task, 7, expires=30) is True
    [(args, options)] = task.calls
    assert args == (7,)
    assert options["retry"] is True
    assert options["retry_policy"]["max_retries"] <= 3
    assert options["expires"] == 30


@pytest.mark.django_db(transaction=True)
def test_the_task_is_published_only_after_the_commit():
    from django.db import transaction

    task = Task()
    with transaction.atomic():
        enqueue.enqueue_on_commit(task, 1)
        assert task.calls == []
    assert task.calls == [((1,), {"retry": True, "retry_policy": enqueue.PUBLISH_RETRY_POLICY})]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_publishes_nothing():
    from django.db import transaction

    task = Task()

    def failing_save():
        with transaction.atomic():
            enqueue.enqueue_on_commit(task, 1)
            raise RuntimeError("the save failed")

    with pytest.raises(RuntimeError):
        failing_save()
    assert task.calls == []


def test_send_is_a_real_task_name():
    assert send.name == "reminders.send"
