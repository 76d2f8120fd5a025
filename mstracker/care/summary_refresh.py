"""Refresh a sharing patient's panel summary after every write to their records.

The same models the records token tracks (``accounts.records_version``): after the
transaction commits (``on_commit(robust=True)``, through ``reminders.enqueue`` so a
broker outage never fails the patient's save) a Celery task recomputes the row.
Patients who share with nobody cost one ``EXISTS`` query after commit and no task.
Bulk writes send no signals: the nightly sweep catches them.
"""

from functools import partial

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save


def tracked_models():
    from journal.models import CheckIn, Measure, QuestionnaireResponse, Relapse
    from therapies.models import Course, DoseLog

    return (CheckIn, Relapse, Measure, QuestionnaireResponse, Course, DoseLog)


def connect():
    for model in tracked_models():
        post_save.connect(_on_write, sender=model, dispatch_uid=f"care-summary-{model._meta}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"care-summary-del-{model._meta}")


def _on_write(sender, instance, raw=False, origin=None, **kwargs):
    if raw or (isinstance(origin, Model) and origin is not instance):
        return  # fixtures, or a cascade the deleted parent accounts for
    user_id = getattr(instance, "user_id", None)
    if user_id is not None:
        transaction.on_commit(partial(refresh_after_commit, user_id), robust=True)


def refresh_after_commit(user_id):
    from mstracker.reminders.enqueue import publish

    from .models import Share
    from .tasks import refresh_summary

    if Share.objects.filter(patient_id=user_id, revoked_at=None).exists():
        publish(refresh_summary, user_id, expires=24 * 60 * 60)
