"""Send one delivery: to the inbox, by email, or both; at most once.

``send_delivery`` is what the Celery task runs. Every step that matters is a
compare-and-set on the delivery's status (``DeliveryQuerySet.move``), so a
second execution of the same task (a retry, a redelivered message after a
worker crash, a resend by the sweep) finds the work done or taken and
returns without sending:

    pending → skipped   no longer needed (check-in saved, dose logged, turned off)
    pending → expired   past its expiry: never sent late
    pending → sending   this execution sends; nobody else can
    sending → sent      done
    sending → pending   a named send error: the task retries with backoff
    sending → failed    the last retry failed too

The inbox message is created with ``get_or_create`` on the delivery (unique),
so even a retry after the email failed does not add a second one.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from . import kinds, links
from .models import Delivery, Notification

log = logging.getLogger(__name__)

# Errors worth retrying: the mail server or the network, not our own bugs.
SEND_ERRORS = (SMTPException, ConnectionError, TimeoutError)
# While a retry waits for its backoff, the sweep leaves the delivery alone.
RETRY_QUIET = timedelta(minutes=12)

Status = Delivery.Status


def send_delivery(delivery_id, now=None, final_attempt=False) -> str:
    """Send a delivery if it is still pending and needed; return what happened."""
    now = now or timezone.now()
    delivery = Delivery.objects.select_related("reminder__user").filter(pk=delivery_id).first()
    if delivery is None:
        return "gone"  # the reminder (or the account) was deleted meanwhile
    if delivery.status != Status.PENDING:
        return f"already {delivery.status}"
    move = Delivery.objects.move
    if now >= delivery.expires_at:
        move(delivery.pk, Status.PENDING, Status.EXPIRED, reason="Too late to send.")
        return Status.EXPIRED
    reminder = delivery.reminder
    if not reminder.enabled and not delivery.slot.startswith("test:"):
        move(delivery.pk, Status.PENDING, Status.SKIPPED, reason="The reminder was turned off.")
        return Status.SKIPPED
    message = kinds.compose(delivery)
    if isinstance(message, kinds.Skip):
        move(delivery.pk, Status.PENDING, Status.SKIPPED, reason=message.reason)
        return Status.SKIPPED
    if not move(
        delivery.pk, Status.PENDING, Status.SENDING, attempted_at=now, attempts=F("attempts") + 1
    ):
        return "taken by another worker"
    user = reminder.user
    try:
        if reminder.wants_in_app:
            Notification.objects.get_or_create(
                delivery=delivery,
                defaults={
                    "user": user,
                    "kind": reminder.kind,
                    "title": message.title,
                    "body": message.body,
                    "url": message.url,
                    "created_at": now,
                },
            )
        if reminder.wants_email and user.email:
            build_email(delivery, message).send()
    except SEND_ERRORS as exc:
        if final_attempt:
            move(delivery.pk, Status.SENDING, Status.FAILED, reason=f"Email failed: {exc}"[:200])
            log.error("reminders: delivery %s failed for good: %s", delivery.pk, exc)
            return Status.FAILED
        move(delivery.pk, Status.SENDING, Status.PENDING, enqueued_at=now + RETRY_QUIET)
        raise
    move(delivery.pk, Status.SENDING, Status.SENT, sent_at=timezone.now())
    return Status.SENT


def build_email(delivery, message) -> EmailMultiAlternatives:
    """Plain text and HTML parts, with an unsubscribe link for this kind (RFC 8058)."""
    reminder = delivery.reminder
    user = reminder.user
    unsubscribe = links.absolute(links.unsubscribe_path(user, reminder.kind))
    context = {
        "user": user,
        "message": message,
        "action_url": links.absolute(message.url),
        "kind_label": reminder.get_kind_display(),
        "settings_url": links.absolute("/reminders/"),
        "unsubscribe_url": unsubscribe,
    }
    email = EmailMultiAlternatives(
        subject=f"MS Tracker: {message.title}",
        body=render_to_string("reminders/email/reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    email.attach_alternative(
        render_to_string("reminders/email/reminder.html", context), "text/html"
    )
    return email
