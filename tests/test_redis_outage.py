"""Redis, as cache and broker at once (the docker-compose layout), stops mid-test:
no save fails or is lost, the dashboard still answers, /healthz names what is
degraded, and everything recovers when Redis is back.

The Redis is the test's own (``tests/redis_server.py``), stopped (connections
refused) and then hung (connections accepted, never answered) for real; a real
Celery worker sends what was queued during the outage. The browser half of the
story is ``tests/browser/test_redis_outage.py``.
"""

import logging
import signal
import time as clock
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from journal.models import CheckIn
from mstracker import cache_backend
from mstracker.reminders import enqueue, sources
from mstracker.reminders.models import Delivery
from mstracker.reminders.tasks import dispatch
from tests.redis_server import redis_stack
from tests.reminders.conftest import make_reminder, running_worker, settled, wait_until
from tests.therapies.factories import CourseFactory, catalogue
from therapies.models import DoseLog

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.celery_worker]

DEGRADED = {
    "status": "degraded",
    "checks": {"database": "ok", "cache": "down", "broker": "down"},
    "degraded": ["cache", "broker"],
}
HEALTHY = {
    "status": "ok",
    "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    "degraded": [],
}


@pytest.fixture
def redis(tmp_path, settings):
    with redis_stack(tmp_path, settings) as server, hang_guard(seconds=180):
        yield server


@contextmanager
def hang_guard(seconds):
    """An unbounded wait on the hung Redis fails the test instead of blocking CI."""

    def hung(signum, frame):
        raise TimeoutError(f"still waiting after {seconds} s: a wait on Redis is unbounded")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class Saves:
    """The patient's saves through the API (a check-in of an earlier day and a dose
    log each time), every answer kept, and what the database holds afterwards."""

    def __init__(self, api, patient):
        self.api, self.patient = api, patient
        course = CourseFactory(
            user=patient,
            drug=catalogue("dimethyl-fumarate"),
            start=patient.local_today() - timedelta(days=30),
        )
        now = timezone.now()
        self.doses = iter(sources.due_doses(patient, now - timedelta(days=25), now))
        self.course = course
        self.days = iter(patient.local_today() - timedelta(days=n) for n in range(1, 30))
        self.checkins, self.dose_logs, self.failed = {}, set(), []
        self.slowest = 0.0

    def _send(self, method, url, body):
        started = clock.monotonic()
        response = getattr(self.api, method)(url, body, format="json")
        self.slowest = max(self.slowest, clock.monotonic() - started)
        if response.status_code not in (200, 201):
            self.failed.append((url, response.status_code, response.content[:300]))

    def round(self, count=3):
        for _ in range(count):
            day, fatigue = next(self.days), len(self.checkins) % 11
            self._send(
                "put",
                f"/api/v1/checkins/{day}/",
                {"date": str(day), "wellbeing": 5, "scores": {"fatigue": fatigue}},
            )
            self.checkins[day] = fatigue
            dose = next(self.doses)
            at = dose.scheduled_for.isoformat()
            self._send(
                "post",
                "/api/v1/doses/",
                {"course": self.course.pk, "scheduled_for": at, "status": "taken", "taken_at": at},
            )
            self.dose_logs.add(dose.scheduled_for)

    def lost(self):
        held = {
            c.date: c.scores_by_code().get("fatigue")
            for c in CheckIn.objects.filter(user=self.patient)
        }
        logged = set(
            DoseLog.objects.filter(user=self.patient).values_list("scheduled_for", flat=True)
        )
        return [d for d, f in self.checkins.items() if held.get(d) != f] + sorted(
            self.dose_logs - logged
        )


def dashboard_answers(patient_client, patient_api):
    page = patient_client.get(reverse("journal:dashboard"))
    api = patient_api.get("/api/v1/progression/?measure=edss")
    return (page.status_code, api.status_code) == (200, 200) and b"Progression" in page.content


def cached_keys(server):
    return {key.decode().split(":")[2] for key in server.client(1).keys("*")}


def health(client):
    started = clock.monotonic()
    response = client.get("/healthz")
    assert response.status_code == 200  # the database answers: the site is up
    return response.json(), clock.monotonic() - started


def test_api_saves_survive_redis_stopping_and_everything_recovers(
    redis, patient, patient_api, patient_client, client, caplog, mailoutbox
):
    caplog.set_level(logging.WARNING)
    saves = Saves(patient_api, patient)
    reminder = make_reminder(patient)

    # Redis up: the throttles and the dashboard really use it.
    saves.round()
    assert dashboard_answers(patient_client, patient_api)
    assert {"dashboard", f"throttle_user_{patient.pk}"} <= cached_keys(redis)
    assert health(client)[0] == HEALTHY

    # Redis stopped: connections refused.
    redis.stop()
    saves.round()
    assert dashboard_answers(patient_client, patient_api)  # computed without the cache
    assert health(client)[0] == DEGRADED
    response = patient_client.post(reverse("reminders:test", args=[reminder.pk]))
    assert response.status_code == 302  # the patient sees "sent"; the dispatcher sends it
    assert saves.slowest < 2

    # Redis hung: connections accepted, never answered; every wait is bounded.
    redis.start()
    redis.hang()
    clock.sleep(cache_backend.RETRY_AFTER)  # past the cache's pause: it tries Redis again
    saves.round(2)
    assert dashboard_answers(patient_client, patient_api)
    body, seconds = health(client)
    assert (body, seconds < 3) == (DEGRADED, True)
    started = clock.monotonic()
    response = patient_client.post(reverse("reminders:test", args=[reminder.pk]))
    assert (response.status_code, clock.monotonic() - started < 5) == (302, True)
    assert saves.slowest < 3

    assert saves.failed == []
    assert saves.lost() == []
    assert (len(saves.checkins), len(saves.dose_logs)) == (8, 8)
    lines = [r.getMessage() for r in caplog.records]
    assert sum(line.startswith("Cache unavailable") for line in lines) == 1  # not per call
    assert sum(line.startswith("Broker unavailable, reminders.send") for line in lines) == 2

    # Redis back (an empty one, as after a restart without persistence).
    redis.resume()
    redis.stop()
    redis.start()
    saves.round(1)
    assert health(client)[0] == HEALTHY
    wait_until(
        lambda: (
            dashboard_answers(patient_client, patient_api) and "dashboard" in cached_keys(redis)
        ),
        timeout=10,
        what="the dashboard to be cached in Redis again",
    )
    assert "Cache available again" in caplog.text
    # The dispatcher's next tick, on a real worker, sends both tests queued in the outage.
    with time_machine.travel(timezone.now() + timedelta(minutes=3), tick=True), running_worker():
        assert enqueue.publish(dispatch)
        wait_until(settled)
    tests = Delivery.objects.filter(reminder=reminder, slot__startswith="test:")
    assert sorted(tests.values_list("status", flat=True)) == ["sent", "sent"]
    assert [m.subject for m in mailoutbox].count("MS Tracker: Test: Daily check-in") == 2

    assert saves.failed == []
    assert saves.lost() == []
