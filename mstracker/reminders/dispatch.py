"""The minute tick: find due reminder rows, record their deliveries, enqueue the sends.

One beat entry runs ``dispatch_due`` every minute (DESIGN.md section 5). For
each batch of due rows, in one transaction:

1. claim them with ``SELECT … FOR UPDATE SKIP LOCKED`` (a second dispatcher
   running at the same time takes other rows or none), using the partial
   index on ``next_fire_at``;
2. write a delivery per due slot; the unique (reminder, slot) key makes a
   slot that was already delivered a no-op, whoever wrote it first;
3. advance ``next_fire_at`` past now (``schedule.next_fire``), so missed
   slots after an outage are not replayed one by one, written for the whole
   batch in one ``UPDATE … FROM (VALUES …)`` (``mstracker.bulk_values``);
4. after commit, enqueue a send per new pending delivery with ``expires``.

A slot found later than its kind's expiry is recorded as expired, one in
quiet hours as skipped; neither is sent. Before the batches, a sweep expires
pending deliveries past their expiry, fails sends a worker abandoned, and
re-enqueues pending deliveries whose message was lost (broker outage).

The number of queries depends on the number of due rows divided by the
batch size, never on how many reminder rows exist.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mstracker.bulk_values import update_rows

from . import enqueue, schedule, sources
from .kinds import DOSE_ALREADY_LOGGED, SPECS
from .models import Delivery, Kind, Reminder
from .services import next_dose_fire

log = logging.getLogger(__name__)

BATCH_SIZE = 500
RESEND_AFTER = timedelta(minutes=2)  # a pending delivery older than this lost its message
STALE_SENDING = timedelta(minutes=15)  # a send claimed this long ago was abandoned
DOSE_LOOKBACK = timedelta(hours=2)  # doses this recent still get their reminder

Status = Delivery.Status


@dataclass
class TickReport:
    claimed: int = 0
    planned: int = 0
    enqueued: int = 0
    expired: int = 0
    abandoned: int = 0
    resent: int = 0

    def as_dict(self):
        return asdict(self)


def claim(now, limit):
    """Due, enabled rows, oldest first, locked for this transaction; locked rows skipped."""
    return (
        Reminder.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("user")
        .filter(enabled=True, next_fire_at__lte=now)
        .order_by("next_fire_at")[:limit]
    )


def dispatch_due(now=None, batch_size=BATCH_SIZE) -> TickReport:
    """One tick. Safe to run twice at once and to run late: see the module docstring."""
    from .tasks import send

    now = now or timezone.now()
    report = TickReport()
    sweep(now, report)
    while True:
        with transaction.atomic():
            rows = list(claim(now, batch_size))
            if not rows:
                break
            planned = [d for reminder in rows for d in plan(reminder, now)]
            for reminder in rows:
                advance(reminder, now)
            Delivery.objects.bulk_create(planned, ignore_conflicts=True)
            fresh = list(
                Delivery.objects.filter(
                    reminder__in=[r.pk for r in rows],
                    status=Status.PENDING,
                    enqueued_at__isnull=True,
                ).values_list("pk", "expires_at")
            )
            Delivery.objects.filter(pk__in=[pk for pk, _ in fresh]).update(enqueued_at=now)
            update_rows(rows, ["next_fire_at", "next_slot"])
            for pk, expires_at in fresh:
                enqueue.enqueue_on_commit(send, pk, expires=expires_at)
            report.claimed += len(rows)
            report.planned += len(planned)
            report.enqueued += len(fresh)
        if len(rows) < batch_size:
            break
    if report.claimed or report.expired or report.resent or report.abandoned:
        log.info("reminders tick: %s", report.as_dict())
    return report


def plan(reminder, now) -> list[Delivery]:
    """The deliveries a due row owes: its slot, or (doses) each recent self-administered dose.

    A dose logged before its minute came is recorded as skipped, not sent.
    """
    spec = SPECS[Kind(reminder.kind)]
    if reminder.is_timed:
        fire_at = reminder.next_fire_at
        slot = reminder.next_slot or _slot_of(reminder, fire_at)
        return [_delivery(reminder, slot, fire_at, fire_at + spec.expiry, now)]
    try:
        with transaction.atomic():
            doses = sources.due_doses(
                reminder.user, now - DOSE_LOOKBACK, now + timedelta(seconds=1)
            )
    except Exception:
        log.exception("reminders: could not read the doses of user %s", reminder.user_id)
        return []
    return [
        _delivery(
            reminder,
            f"dose:{dose.ref}",
            dose.scheduled_for,
            dose.scheduled_for + spec.expiry,
            now,
            dose={
                "ref": dose.ref,
                "course_id": dose.course_id,
                "scheduled_for": dose.scheduled_for.isoformat(),
                "drug": dose.drug,
            },
            logged=dose.logged,
        )
        for dose in doses
        if dose.self_administered  # a clinic's infusion gets the treatment-due notice instead
    ]


def _delivery(reminder, slot, fire_at, expires_at, now, dose=None, logged=False):
    status, reason = Status.PENDING, ""
    local = fire_at.astimezone(reminder.user.zone)
    if logged:
        status, reason = Status.SKIPPED, DOSE_ALREADY_LOGGED
    elif now >= expires_at:
        status, reason = Status.EXPIRED, "Found after its time had passed (outage); not sent late."
    elif schedule.in_quiet_hours(local.time(), reminder.quiet_start, reminder.quiet_end):
        status, reason = Status.SKIPPED, "In your quiet hours."
    return Delivery(
        reminder=reminder,
        slot=slot,
        scheduled_for=fire_at,
        expires_at=expires_at,
        dose=dose,
        status=status,
        reason=reason,
    )


def _slot_of(reminder, fire_at):
    local = fire_at.astimezone(reminder.user.zone)
    return schedule.slot_key(local.date(), reminder.local_time or local.time())


def advance(reminder, now):
    """Move the row's next fire time past now (missed slots are not replayed)."""
    if reminder.is_timed:
        fire = schedule.next_fire(
            reminder.local_time,
            reminder.user.zone,
            now,
            weekdays=reminder.weekdays,
            month_day=reminder.month_day,
        )
        reminder.next_fire_at = fire.at if fire else None
        reminder.next_slot = fire.slot if fire else ""
    else:
        reminder.next_fire_at = next_dose_fire(reminder.user, now)
        reminder.next_slot = ""


def sweep(now, report):
    """Settle unfinished deliveries: expire the late, fail the abandoned, resend the lost."""
    from .tasks import send

    report.expired += Delivery.objects.filter(status=Status.PENDING, expires_at__lte=now).update(
        status=Status.EXPIRED, reason="Not sent before it expired (outage); not sent late."
    )
    report.abandoned += Delivery.objects.filter(
        status=Status.SENDING, attempted_at__lte=now - STALE_SENDING
    ).update(
        status=Status.FAILED,
        reason="A worker stopped while sending; not retried, so it cannot arrive twice.",
    )
    lost = list(
        Delivery.objects.filter(status=Status.PENDING, expires_at__gt=now)
        .filter(Q(enqueued_at__lte=now - RESEND_AFTER) | Q(enqueued_at__isnull=True))
        .order_by("enqueued_at")
        .values_list("pk", "expires_at")[:BATCH_SIZE]
    )
    if lost:
        Delivery.objects.filter(pk__in=[pk for pk, _ in lost]).update(enqueued_at=now)
        for pk, expires_at in lost:
            enqueue.enqueue_on_commit(send, pk, expires=expires_at)
        report.resent += len(lost)
