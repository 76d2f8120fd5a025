"""Reminder fixtures: rows made the way the app makes them, a recorder for enqueued
sends, and real therapy courses whose doses fall where a test needs them."""

import time as clock
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta

import pytest

from mstracker.reminders import enqueue, sources
from mstracker.reminders.models import Channel, Delivery, Kind, Reminder
from tests.therapies.factories import CourseFactory, catalogue
from therapies.models import Course, DoseLog
from therapies.services import log_dose


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


class Therapies:
    """A patient's real therapy courses, each made so its dose falls where a test needs it."""

    def __init__(self, user):
        self.user = user

    def add(self, scheduled_for, drug="dimethyl-fumarate", window_hours=None):
        """A course of the catalogue ``drug`` with exactly one dose, at ``scheduled_for``:
        daily at that local time, from and to that local date. Returns the dose."""
        local = scheduled_for.astimezone(self.user.zone)
        schedule = {"kind": "daily", "times": [f"{local:%H:%M}"]}
        if window_hours is not None:
            schedule["window_hours"] = window_hours
        course = self.course(drug, local.date(), stop=local.date(), schedule_override=schedule)
        [dose] = sources.due_doses(self.user, scheduled_for, scheduled_for + timedelta(seconds=1))
        assert dose.course_id == course.pk
        return dose

    def course(self, drug, start, **fields):
        """A course of the catalogue ``drug`` on its own schedule unless one is given."""
        return CourseFactory(user=self.user, drug=catalogue(drug), start=start, **fields)

    def log(self, dose, status="taken", taken_at=None):
        """Log a dose the way the app does (``therapies.services.log_dose``)."""
        course = Course.objects.get(pk=dose.course_id)
        taken_at = taken_at or (dose.scheduled_for if status != "missed" else None)
        log, _ = log_dose(self.user, course, dose.scheduled_for, status, taken_at)
        return log

    def logs(self):
        """What is logged: (course id, scheduled instant, status), oldest first."""
        return list(
            DoseLog.objects.filter(user=self.user)
            .order_by("scheduled_for")
            .values_list("course_id", "scheduled_for", "status")
        )


@pytest.fixture
def therapies(patient):
    """The patient's therapy courses and dose logs, real rows in the therapies app."""
    return Therapies(patient)


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
