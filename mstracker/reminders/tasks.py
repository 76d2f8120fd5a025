"""Celery tasks for reminders: thin wrappers over ``dispatch`` and ``sending``.

Both are safe to run twice. ``dispatch`` claims rows with SKIP LOCKED and
relies on the unique delivery key; ``send`` moves the delivery's status by
compare-and-set, so a redelivered or retried message never sends twice.
Arguments are ids (JSON); the task re-reads the row and returns quietly when
it is gone.
"""

from celery import shared_task

from .dispatch import dispatch_due
from .retention import purge_finished
from .sending import SEND_ERRORS, send_delivery


@shared_task(name="reminders.dispatch", ignore_result=True, acks_late=True)
def dispatch():
    """The minute tick from beat (``CELERY_BEAT_SCHEDULE``, with ``expires`` under a minute)."""
    return dispatch_due().as_dict()


@shared_task(
    bind=True,
    name="reminders.send",
    ignore_result=True,
    acks_late=True,
    autoretry_for=SEND_ERRORS,
    retry_backoff=15,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def send(self, delivery_id):
    """Send one delivery; retried with backoff on mail and network errors only."""
    return send_delivery(delivery_id, final_attempt=self.request.retries >= self.max_retries)


@shared_task(name="reminders.purge", ignore_result=True)
def purge():
    """The daily clean-up of finished deliveries (``retention``)."""
    return purge_finished()
