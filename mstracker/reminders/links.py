"""Signed links in reminder emails: "I took it" for a dose, and unsubscribe per kind.

Both work without a password, so the token is the credential:
``django.core.signing`` with a salt per purpose. The dose link is bound to
the patient, the delivery and the dose's identity (course and scheduled
instant), expires after ``DOSE_LINK_MAX_AGE``, and is single-use: its use is
recorded on the delivery row by a compare-and-set update, so a replay (or a
second tab) is refused. Neither link changes anything on GET: mail scanners
open links, so the page asks for one tap (a POST) first; RFC 8058's one-click
unsubscribe is a POST for the same reason.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import sources
from .models import Channel, Delivery, Kind, Reminder

DOSE_SALT = "mstracker.reminders.dose-taken"
UNSUBSCRIBE_SALT = "mstracker.reminders.unsubscribe"
DOSE_LINK_MAX_AGE = timedelta(hours=48)


class LinkError(Exception):
    """A link that cannot be used; ``code`` is expired, invalid or used."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def site_url():
    """The site's address for links in emails: ``SITE_URL``, else a sensible default."""
    url = getattr(settings, "SITE_URL", "")
    if url:
        return url.rstrip("/")
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "testserver")]
    if settings.DEBUG or not hosts:
        return "http://127.0.0.1:8000"
    return f"https://{hosts[0].lstrip('.')}"


def absolute(path):
    return path if path.startswith("http") else f"{site_url()}{path}"


# --- "I took it" -------------------------------------------------------------


def dose_token(delivery) -> str:
    payload = {"u": delivery.reminder.user_id, "d": delivery.pk, "r": delivery.dose["ref"]}
    return signing.dumps(payload, salt=DOSE_SALT)


def dose_link_path(delivery) -> str:
    return reverse("reminders:dose_taken", args=[dose_token(delivery)])


def read_dose_token(token):
    """The delivery a dose token names, checked against its signature, age and dose."""
    try:
        data = signing.loads(token, salt=DOSE_SALT, max_age=DOSE_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise LinkError(
            "expired", "This link has expired. Log the dose in MS Tracker instead."
        ) from None
    except signing.BadSignature:
        raise LinkError("invalid", "This link is not valid. Log the dose in MS Tracker.") from None
    delivery = (
        Delivery.objects.select_related("reminder__user")
        .filter(pk=data.get("d"), reminder__user_id=data.get("u"), reminder__kind=Kind.DOSE)
        .first()
    )
    if delivery is None or (delivery.dose or {}).get("ref") != data.get("r"):
        raise LinkError("invalid", "This link is not valid. Log the dose in MS Tracker.")
    return delivery


def use_dose_link(token, now=None) -> tuple[Delivery, str]:
    """Log the dose a link names as taken, once. Returns the delivery and
    ``sources.LOGGED`` / ``LOGGED_LATE`` / ``ALREADY_LOGGED`` / ``NOT_FOUND``;
    raises LinkError.

    Marking the link used and logging the dose share one transaction: if
    logging fails, the link still works.
    """
    now = now or timezone.now()
    delivery = read_dose_token(token)
    with transaction.atomic():
        first_use = Delivery.objects.filter(pk=delivery.pk, link_used_at__isnull=True).update(
            link_used_at=now
        )
        if first_use != 1:
            raise LinkError("used", "This link was already used. Your dose is logged.")
        result = sources.log_dose_taken(delivery.reminder.user, delivery.dose["ref"], now)
    return delivery, result


# --- unsubscribe --------------------------------------------------------------


def unsubscribe_token(user, kind) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_path(user, kind) -> str:
    return reverse("reminders:unsubscribe", args=[unsubscribe_token(user, kind)])


def read_unsubscribe_token(token) -> Reminder:
    """The reminder an unsubscribe link names. These links do not expire."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise LinkError("invalid", "This unsubscribe link is not valid.") from None
    reminder = (
        Reminder.objects.select_related("user")
        .filter(user_id=data.get("u"), kind=data.get("k"))
        .first()
    )
    if reminder is None:
        raise LinkError("invalid", "This unsubscribe link is not valid.")
    return reminder


def stop_emails(reminder) -> Reminder:
    """No more emails of this kind: in-app only if it was both, otherwise off."""
    if reminder.channel == Channel.BOTH:
        reminder.channel = Channel.IN_APP
    elif reminder.channel == Channel.EMAIL:
        reminder.enabled = False
    reminder.reschedule()
    reminder.save(update_fields=["channel", "enabled", "next_fire_at", "next_slot", "updated_at"])
    return reminder
