"""Demo reminders and a few inbox messages for the demo patient (``manage.py demo``)."""

import random
from datetime import timedelta

from django.utils import timezone

from .models import Kind, Notification
from .services import create_defaults

INBOX = [
    (Kind.CHECKIN, "Time for today's check-in", "How was your day? It takes under a minute."),
    (
        Kind.WEEKLY_SUMMARY,
        "Your week",
        "Check-ins: 6 of 7 days\nAerobic exercise: 95 of 90 minutes",
    ),
    (Kind.PDDS, "Monthly check: how is your walking?", "One question (PDDS)."),
    (Kind.CHECKIN, "Time for today's check-in", "How was your day? It takes under a minute."),
]


def populate(patient, clinician):
    """Default reminders, and a short inbox (two unread). Safe to run again."""
    create_defaults(patient)
    if Notification.objects.filter(user=patient).exists():
        return
    rng = random.Random(5)
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            user=patient,
            kind=kind,
            title=title,
            body=body,
            url="/reminders/",
            created_at=now - timedelta(days=n, minutes=rng.randint(0, 90)),
            read_at=None if n < 2 else now - timedelta(days=n - 1),
        )
        for n, (kind, title, body) in enumerate(INBOX)
    )
