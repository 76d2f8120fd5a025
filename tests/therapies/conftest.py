"""Shared therapies fixtures: a fixed clock in mid-June 2024 and alice's courses."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from tests.therapies.factories import CourseFactory, catalogue, ensure_catalogue
from therapies.models import DoseLog
from therapies.schedules import expand_days

# Saturday 15 June 2024, 14:00 in Berlin (alice's zone).
NOW = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)
TODAY = date(2024, 6, 15)


@pytest.fixture(autouse=True)
def _catalogue(request):
    """The seeded catalogue, even after another module's transactional test flushed it."""
    if request.node.get_closest_marker("django_db"):
        ensure_catalogue()


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def fumarate_course(patient):
    """Alice on dimethyl fumarate twice daily (08:00 and 20:00) since 1 January 2024."""
    return CourseFactory(user=patient, drug=catalogue("dimethyl-fumarate"), start=date(2024, 1, 1))


@pytest.fixture
def bobs_course(other_patient):
    return CourseFactory(user=other_patient, drug=catalogue("teriflunomide"))


def log_history(course, first, last, every=1):
    """Bulk-log every ``every``-th expected dose of a course between local dates as taken."""
    doses = expand_days(course.schedule, course.start, course.stop, first, last, course.user.zone)
    logs = [
        DoseLog(user=course.user, course=course, scheduled_for=d, status="taken", taken_at=d)
        for d in doses[::every]
    ]
    DoseLog.objects.bulk_create(logs)
    return doses
