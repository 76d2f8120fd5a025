"""Celery tasks for the care team: thin wrappers over ``summary`` and ``invitations``.

Each takes ids, re-reads the rows and returns quietly when they are gone; each is
safe to run twice (a summary is recomputed from the records, an invitation email
carries the same invitation).
"""

from celery import shared_task
from django.db import OperationalError

from mstracker.accounts.models import User

from . import invitations, summary
from .models import Share


@shared_task(
    name="care.refresh_summary",
    ignore_result=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    retry_jitter=True,
    max_retries=5,
)
def refresh_summary(patient_id):
    """Recompute one patient's panel summary after a write (only if they share)."""
    patient = User.objects.filter(pk=patient_id).first()
    if patient is None or not Share.objects.filter(patient=patient, revoked_at=None).exists():
        return False
    summary.refresh(patient)
    return True


@shared_task(name="care.sweep_summaries", ignore_result=True)
def sweep_summaries():
    """Nightly safety net: recompute every sharing patient's summary (bulk writes send no
    signals, and a refresh lost while the broker was down is made up here)."""
    ids = Share.objects.active().values_list("patient_id", flat=True).distinct()
    count = 0
    for patient in User.objects.filter(pk__in=ids).iterator():
        summary.refresh(patient)
        count += 1
    return count


@shared_task(name="care.send_invitation", ignore_result=True, acks_late=True)
def send_invitation(invitation_id):
    return invitations.send_email(invitation_id)
