"""Refresh a sharing patient's panel summary after every write to their records.

Every write the records token sees (``accounts.records_version``: each save or delete
of a journal or therapies record, and the bulk writes that call ``changed()``) calls
``refresh_after_commit`` once its transaction has committed, and a Celery task
recomputes the row. Publishing goes through ``reminders.enqueue.publish``, so a broker
outage is logged and never fails the patient's save; the nightly sweep makes up for it.
Patients who share with nobody cost one ``EXISTS`` query after commit and no task.
"""


def connect():
    from mstracker.accounts import records_version

    records_version.on_change(refresh_after_commit)


def refresh_after_commit(user_id):
    from mstracker.reminders.enqueue import publish

    from .models import Share
    from .tasks import refresh_summary

    if Share.objects.filter(patient_id=user_id, revoked_at=None).exists():
        publish(refresh_summary, user_id, expires=24 * 60 * 60)
