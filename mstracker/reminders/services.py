"""What the rest of the project calls: defaults for new patients, rescheduling, test sends.

Accounts calls ``create_defaults`` when a patient signs up (web and API) and
``reschedule_user`` when the profile's time zone changes; these are explicit
calls from those code paths rather than signals, so the reader of a sign-up
or profile save sees what happens.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import sources
from .models import Delivery, Kind, Reminder

# A dose reminder looks again at least this often, so a change no signal told
# us about (a catalogue schedule edited by staff, a bulk import) is never missed
# for long.
DOSE_RESCAN = timedelta(hours=1)
TEST_SEND_EXPIRY = timedelta(hours=1)


def create_defaults(user, now=None) -> list[Reminder]:
    """Give a new patient one reminder of each kind, with the defaults in ``kinds.SPECS``.

    Safe to call again: kinds the patient already has are left alone.
    Clinicians get none.
    """
    from .kinds import SPECS

    if not user.is_patient:
        return []
    have = set(Reminder.objects.filter(user=user).values_list("kind", flat=True))
    rows = []
    for kind, spec in SPECS.items():
        if kind in have:
            continue
        reminder = Reminder(
            user=user,
            kind=kind,
            local_time=spec.local_time,
            weekdays=spec.weekdays,
            month_day=spec.month_day,
            channel=spec.channel,
            enabled=spec.enabled,
        )
        reminder.reschedule(now)
        rows.append(reminder)
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


def reschedule_user(user, now=None, kinds=None):
    """Recompute every next fire time of the patient's reminders (e.g. after a zone change)."""
    rows = list(Reminder.objects.filter(user=user, **({"kind__in": kinds} if kinds else {})))
    for reminder in rows:
        reminder.user = user  # the zone just saved, without another query
        reminder.reschedule(now)
    Reminder.objects.bulk_update(rows, ["next_fire_at", "next_slot"])
    return rows


def reschedule_doses(user):
    """After a therapy course changed: the dose reminders' next fire time follows it."""
    return reschedule_user(user, kinds=[Kind.DOSE])


def next_dose_fire(user, now):
    """When a dose reminder should look next: the next dose, or a rescan at the latest."""
    upcoming = sources.next_dose_at(user, now)
    rescan = now + DOSE_RESCAN
    return min(upcoming, rescan) if upcoming else rescan


def send_test(reminder, now=None) -> Delivery:
    """Queue a test message of this reminder now, so the patient sees how it arrives.

    Written as a delivery row first and enqueued after commit: with the
    broker down the patient still gets a success page, and the dispatcher's
    sweep sends it when the broker is back (within ``TEST_SEND_EXPIRY``).
    """
    from . import enqueue
    from .tasks import send

    now = now or timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.create(
            reminder=reminder,
            slot=f"test:{now:%Y-%m-%dT%H:%M:%S.%f}",
            scheduled_for=now,
            expires_at=now + TEST_SEND_EXPIRY,
            enqueued_at=now,
        )
        enqueue.enqueue_on_commit(send, delivery.pk, expires=delivery.expires_at)
    return delivery
