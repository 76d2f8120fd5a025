"""Personas shared by every test: the patient (owner), another patient, a
clinician, and anonymous visitors, for the browser and for the API."""

import os
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from tests.catalogues import ensure_catalogues
from tests.factories import PASSWORD, ClinicianFactory, PatientFactory, api_token


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and other cached state never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _catalogues(request):
    """Transactional tests start with the seeded catalogues a flush may have wiped."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        ensure_catalogues()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def patient(db):
    return PatientFactory(username="alice", email="alice@example.org")


@pytest.fixture
def other_patient(db):
    return PatientFactory(username="bob", email="bob@example.org")


@pytest.fixture
def clinician(db):
    return ClinicianFactory(username="dr-carol", email="carol@clinic.example.org")


@pytest.fixture
def patient_client(client, patient):
    """A browser session logged in as the patient."""
    client.force_login(patient)
    return client


@pytest.fixture
def api_client():
    """An anonymous API client."""
    return APIClient()


def _token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    return client


@pytest.fixture
def patient_api(patient):
    return _token_client(patient)


@pytest.fixture
def other_patient_api(other_patient):
    return _token_client(other_patient)


@pytest.fixture
def clinician_api(clinician):
    return _token_client(clinician)


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run a block as a committed request would: ``with commits(): ...`` runs its
    on-commit callbacks (the records tokens' bumps) at the block's end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def celery_worker():
    """A real Celery worker (celery's test worker, in a thread) consuming the
    broker in ``CELERY_BROKER_URL``: Redis in CI, the filesystem locally.

    Tasks run outside the test's transaction, so tests that let tasks read or
    write rows use ``pytest.mark.django_db(transaction=True)``.
    """
    from celery.contrib.testing.worker import start_worker

    from mstracker.celery import app

    with start_worker(app, perform_ping_check=False, shutdown_timeout=20) as worker:
        yield worker


REAL_PARTS_MARKERS = ("browser", "postgres", "celery_worker")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With ``REQUIRE_REAL_PARTS=1`` (``.ci/run`` sets it) a browser, PostgreSQL
    or worker test that skips fails instead: CI must never pass by skipping them."""
    outcome = yield
    report = outcome.get_result()
    if (
        report.skipped
        and os.environ.get("REQUIRE_REAL_PARTS") == "1"
        and any(item.get_closest_marker(name) for name in REAL_PARTS_MARKERS)
    ):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped in CI, where it must run: {reason}"


@pytest.fixture
def berlin_noon():
    """The clock at noon of today in Berlin (the factories' and the demo's time zone),
    ticking on: for tests of what depends on the hour (until 3 a.m. the check-in is
    still yesterday's, `checkin_rules.LATE_NIGHT_UNTIL_HOUR`) or on the patient's date
    being the server's. Without it they failed when run late in the UTC evening."""
    zone = ZoneInfo("Europe/Berlin")
    noon = datetime.combine(datetime.now(zone).date(), time(12), tzinfo=zone)
    with time_machine.travel(noon, tick=True):
        yield noon
