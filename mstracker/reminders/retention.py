"""How long the reminders' send log is kept.

A delivery row is the record that a slot was handled (the unique (reminder, slot)
key that makes a reminder arrive once); once finished and past its slot it has done
its job. A patient with three daily reminders leaves about 1,100 rows a year, so
finished deliveries older than ``REMINDERS_KEEP_DAYS`` (90 by default) are deleted
by a daily beat task. Inbox messages stay (their link to the delivery is cleared);
unfinished deliveries are the sweep's business and never purged here. Dose links
live for days, not months, so no valid link loses its delivery.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Delivery

BATCH_SIZE = 5000  # rows per DELETE, so no statement holds locks for long

Status = Delivery.Status
UNFINISHED = (Status.PENDING, Status.SENDING)


def purge_finished(now=None, keep_days=None) -> int:
    """Delete finished deliveries whose slot is more than `keep_days` old, in batches.
    Returns how many were deleted."""
    now = now or timezone.now()
    keep_days = settings.REMINDERS_KEEP_DAYS if keep_days is None else keep_days
    old = (
        Delivery.objects.filter(scheduled_for__lt=now - timedelta(days=keep_days))
        .exclude(status__in=UNFINISHED)
        .order_by()
    )
    deleted = 0
    while ids := list(old.values_list("pk", flat=True)[:BATCH_SIZE]):
        Delivery.objects.filter(pk__in=ids).delete()
        deleted += len(ids)
    return deleted
