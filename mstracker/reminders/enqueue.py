"""Enqueue a Celery task after the transaction commits, without ever failing the caller.

The database is the source of truth (DESIGN.md section 5): a request writes
rows and asks for work after commit. ``transaction.on_commit(..., robust=True)``
keeps one failing callback from breaking the others, and the publish itself
catches broker errors and logs them, so a broker outage never turns a
patient's save into a 500. Whatever was not enqueued is found again by the
dispatcher's sweep (pending deliveries) when the broker is back.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)

# Short: a web request must not hang while the broker is away. One retry reconnects a
# pooled connection that a restarted Redis closed; each attempt waits at most about a
# second (REDIS_BROKER_TRANSPORT_OPTIONS in settings), so about 2 s with Redis hung.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
BROKER_ERRORS = (OperationalError, OSError)


def publish(task, *args, **options):
    """Send the task now; True if the broker took it, False (logged) if it is unreachable."""
    try:
        task.apply_async(args=args, retry=True, retry_policy=PUBLISH_RETRY_POLICY, **options)
    except BROKER_ERRORS as exc:
        log.warning(
            "Broker unavailable, %s%r not enqueued (the dispatcher will pick it up): %s",
            task.name,
            args,
            exc,
        )
        return False
    return True


def enqueue_on_commit(task, *args, **options):
    """Publish ``task`` with ``args`` once the current transaction commits (now if none)."""
    transaction.on_commit(lambda: publish(task, *args, **options), robust=True)
