"""Demo reminders and a few inbox messages for the demo patient (``manage.py demo``).

Each message is dated when the demo patient's own reminder of its kind would have sent
it (the check-in at its 20:00, the weekly summary on its Sunday), so the inbox and
the reminder settings tell the same story.
"""

from datetime import timedelta

from django.utils import timezone

from .models import Kind, Notification, Reminder
from .schedule import next_fire
from .services import create_defaults

# (kind, title, body, days back: the latest send at least this long ago)
INBOX = [
    (Kind.CHECKIN, "Time for today's check-in", "How was your day? It takes under a minute.", 0),
    (
        Kind.WEEKLY_SUMMARY,
        "Your week",
        "Check-ins: 6 of 7 days\nAerobic exercise: 95 of 90 minutes",
        0,
    ),
    (Kind.PDDS, "Monthly check: how is your walking?", "One question (PDDS).", 0),
    (Kind.CHECKIN, "Time for today's check-in", "How was your day? It takes under a minute.", 3),
]


def last_send(reminder, before):
    """The reminder's latest occurrence at or before ``before`` (None if none in 40 days)."""
    found, after = None, before - timedelta(days=40)
    while True:
        fire = next_fire(
            reminder.local_time,
            reminder.user.zone,
            after,
            weekdays=reminder.weekdays,
            month_day=reminder.month_day,
        )
        if fire is None or fire.at > before:
            return found
        found, after = fire.at, fire.at


def populate(patient, clinician):
    """Default reminders, and a short inbox (two unread). Safe to run again."""
    create_defaults(patient)
    if Notification.objects.filter(user=patient).exists():
        return
    reminders = {r.kind: r for r in Reminder.objects.filter(user=patient, enabled=True)}
    now = timezone.now()
    rows = []
    for kind, title, body, days_back in INBOX:
        reminder = reminders.get(kind)
        sent = reminder and last_send(reminder, now - timedelta(days=days_back))
        if sent:
            notification = Notification(user=patient, kind=kind, title=title, body=body)
            rows.append(notification)
            notification.url, notification.created_at = "/reminders/", sent
    rows.sort(key=lambda n: n.created_at, reverse=True)
    for n, row in enumerate(rows):  # the two newest unread, the rest read the next day
        row.read_at = None if n < 2 else row.created_at + timedelta(days=1)
    Notification.objects.bulk_create(rows)
