"""Reminder fixtures: rows made the way the app makes them, a recorder for enqueued
sends, and a fake therapies app behind ``sources`` (the real one lives in another branch)."""

import time as clock
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta

import pytest

from mstracker.reminders import enqueue, sources
from mstracker.reminders.models import Channel, Delivery, Kind, Reminder


def make_reminder(user, kind=Kind.CHECKIN, now=None, **fields):
    """A saved reminder with its next fire time computed as the app does."""
    fields.setdefault("local_time", None if kind == Kind.DOSE else time(20, 0))
    fields.setdefault("channel", Channel.BOTH)
    reminder = Reminder(user=user, kind=kind, **fields)
    reminder.full_clean()
    reminder.reschedule(now)
    reminder.save()
    return reminder


@pytest.fixture
def reminder_factory():
    return make_reminder


@pytest.fixture
def enqueued(monkeypatch):
    """Record what would be enqueued (at once, not after commit) instead of publishing."""
    calls = []

    def record(task, *args, **options):
        calls.append((task.name, args, options))

    monkeypatch.setattr(enqueue, "enqueue_on_commit", record)
    return calls


class FakeTherapies:
    """Just enough of a therapies app for reminders: scheduled doses and a dose log."""

    def __init__(self):
        self.doses = []
        self.logged = {}

    def add(self, course_id, scheduled_for, drug="Dimethyl fumarate", **kwargs):
        dose = sources.DueDose(course_id, scheduled_for.astimezone(UTC), drug, **kwargs)
        self.doses.append(dose)
        return dose

    def due_doses(self, user, start, end):
        return sorted(
            (d for d in self.doses if start <= d.scheduled_for < end),
            key=lambda d: d.scheduled_for,
        )

    def next_dose_at(self, user, after):
        later = [d.scheduled_for for d in self.doses if d.scheduled_for > after]
        return min(later) if later else None

    def dose_logged(self, user, ref):
        return ref in self.logged

    def log_dose_taken(self, user, ref, taken_at):
        if ref not in {d.ref for d in self.doses}:
            return sources.NOT_FOUND
        if ref in self.logged:
            return sources.ALREADY_LOGGED
        self.logged[ref] = taken_at
        return sources.LOGGED


@pytest.fixture
def therapies(monkeypatch):
    fake = FakeTherapies()
    monkeypatch.setattr(sources, "therapies_wired", lambda: True)
    for name in ("due_doses", "next_dose_at", "dose_logged", "log_dose_taken"):
        monkeypatch.setattr(sources, name, getattr(fake, name))
    return fake


def deliveries(reminder):
    return list(Delivery.objects.filter(reminder=reminder).order_by("scheduled_for"))


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def minutes(n):
    return timedelta(minutes=n)


def many_patients(count, zone="Europe/Berlin", prefix="many"):
    """Patients in bulk, without password hashing (for volume tests)."""
    from mstracker.accounts.models import Role, User

    User.objects.bulk_create(
        User(
            username=f"{prefix}{n}",
            email=f"{prefix}{n}@example.org",
            role=Role.PATIENT,
            time_zone=zone,
            password="!",
        )
        for n in range(count)
    )
    return list(User.objects.filter(username__startswith=prefix).order_by("id"))


@contextmanager
def running_worker():
    """The project's real worker (in a thread), started on an empty queue: a message
    left by an earlier run must not act on this test's rows (ids are reused).

    Tests publish first and start the worker after, where SQLite is concerned:
    its in-memory test database does not take two writing threads at once.
    """
    from celery.contrib.testing.worker import start_worker

    from mstracker.celery import app

    with start_worker(app, perform_ping_check=False, shutdown_timeout=20) as worker:
        yield worker


def purge_queue():
    from mstracker.celery import app

    app.control.purge()


def wait_until(predicate, timeout=60, what="the worker"):
    deadline = clock.monotonic() + timeout
    while clock.monotonic() < deadline:
        if predicate():
            return
        clock.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def settled():
    """No delivery is waiting or being sent."""
    return not Delivery.objects.filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ).exists()


def due_now(user, kind=Kind.CHECKIN):
    """A reminder at this very minute of the patient's wall clock: due at once."""
    from django.utils import timezone

    local = timezone.now().astimezone(user.zone)
    reminder = make_reminder(
        user, kind=kind, local_time=local.time().replace(second=0, microsecond=0)
    )
    assert reminder.next_fire_at <= timezone.now()
    return reminder
