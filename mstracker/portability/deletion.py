"""Deleting an account: every row that belongs to the patient, at once, in one transaction.

The user row's cascades remove the records (journal, therapies with the patient's own
drugs, reminders with their deliveries, the inbox, the API token, the records token,
and the care team: shares with their invitations, clinical notes, the panel's summary
row, and the access-log rows about the patient). The access log refuses change and
deletion through ``AccessEvent.delete`` and its queryset; the cascade of the user row
goes through neither (Django's collector deletes with its own SQL), so the log goes
with the patient's account and nothing else in the app can delete it
(`tests/portability/test_care_export.py`).
What has no foreign key to the user is removed here by hand: the patient's sessions
(so every browser is logged out at once) and django-axes' log-in records, which name
the username. A reminder send already queued finds its delivery gone and sends
nothing (`mstracker.reminders.sending.send_delivery`).
"""

import logging

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from mstracker.accounts import two_factor
from mstracker.reminders.models import Delivery

log = logging.getLogger(__name__)

WRONG_PASSWORD = "This is not your password."
CODE_NEEDED = "Two-factor authentication is on: type the code from your app (or a recovery code)."
WRONG_CODE = "This code is wrong or expired."


def confirmation_errors(user, password, code="") -> dict[str, str]:
    """Why ``password`` and ``code`` do not confirm that ``user`` deletes the account, by
    field (empty: they do). With two-factor on, a stolen session or token plus the
    password is not enough: the code from the app (or a recovery code) is asked too.
    The code is checked only after the password, so a wrong password spends no code."""
    if not user.check_password(password or ""):
        return {"password": WRONG_PASSWORD}
    if two_factor.has_two_factor(user):
        if not (code or "").strip():
            return {"otp": CODE_NEEDED}
        if two_factor.verify(user, code) is None:
            return {"otp": WRONG_CODE}
    return {}


def sessions_of(user):
    """Keys of the live database sessions logged in as ``user``.

    Sessions are signed blobs without a user column, so this reads each live one:
    linear in the number of live sessions, once per account deletion.
    """
    pk = str(user.pk)
    keys = []
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for key, data in live.values_list("session_key", "session_data").iterator(chunk_size=2000):
        decoded = Session(session_key=key, session_data=data).get_decoded()
        if str(decoded.get(SESSION_KEY)) == pk:
            keys.append(key)
    return keys


def delete_account(subject):
    """Delete the subject's account and everything that belongs to it. Returns the
    number of rows deleted per model, as ``QuerySet.delete`` counts them."""
    username, pk = subject.username, subject.pk
    with transaction.atomic():
        # Marked first, so a send that starts before the commit skips them too.
        Delivery.objects.filter(reminder__user=subject, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SKIPPED, reason="The account was deleted."
        )
        keys = sessions_of(subject)
        Session.objects.filter(session_key__in=keys).delete()
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__iexact=username).delete()
        _, counts = subject.delete()
    log.info("account %s deleted (%d rows)", pk, sum(counts.values()))
    return counts
