"""Schemathesis over the whole OpenAPI schema, as an authenticated patient.

Every operation gets a bounded number of generated requests (valid and invalid)
sent to the Django WSGI app in-process, against real rows in the test database:
detail paths name the patient's own objects. Each answer must not be a server
error and must match what the schema documents (status code, content type, body).
"""

import json
import os
from datetime import UTC, date, datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from journal.models import Symptom
from mstracker.health_links import links as health_links
from mstracker.reminders.models import Kind, Notification
from mstracker.reminders.services import create_defaults
from tests.care.factories import AccessEventFactory, ShareFactory
from tests.factories import api_token
from tests.journal.factories import (
    CheckInFactory,
    DoseFactory,
    ExerciseFactory,
    LabFactory,
    LevelFactory,
    MeasureFactory,
    MriFactory,
    QuestionnaireFactory,
    RelapseFactory,
    SmokingFactory,
)
from tests.therapies.factories import (
    CourseFactory,
    CustomDrugFactory,
    DoseLogFactory,
    SideEffectFactory,
    catalogue,
)

pytestmark = pytest.mark.django_db

# Generated requests per operation and phase: ~95 operations fit in CI's time.
# API_FUZZ_EXAMPLES=500 explores further (random, not the fixed CI seed).
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "25"))

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _load_schema():
    generator = SchemaGenerator()
    raw = json.loads(OpenApiJsonRenderer().render(generator.get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(raw)
    loaded.app = get_wsgi_application()
    return loaded


schema = _load_schema()


@pytest.fixture
def records(patient):
    """One of each record the API serves, the patient's own; path values by collection."""
    course = CourseFactory(
        user=patient, drug=catalogue("dimethyl-fumarate"), start=date(2024, 1, 1)
    )
    dose = DoseLogFactory(
        course=course, scheduled_for=datetime(2024, 2, 1, 7, 0, tzinfo=UTC), taken_at=None
    )
    first = RelapseFactory(user=patient, onset=date(2024, 3, 1), end=date(2024, 3, 20))
    RelapseFactory(user=patient, onset=date(2024, 3, 25), end=date(2024, 4, 2))
    reminders = create_defaults(patient)
    notification = Notification.objects.create(user=patient, kind=Kind.CHECKIN, title="Check in")
    symptom = Symptom.objects.create(owner=patient, code="my_tremor", name="Tremor")
    checkin = CheckInFactory(user=patient, date=date(2024, 5, 2), note="Tired")
    return {
        "checkins": {"date": checkin.date.isoformat()},
        "symptoms": {"code": symptom.code},
        "relapses": {"id": first.pk},
        "measures": {"id": MeasureFactory(user=patient).pk},
        "questionnaires": {"id": QuestionnaireFactory(user=patient).pk},
        "exercise": {"id": ExerciseFactory(user=patient).pk},
        "vitamin-d/doses": {"id": DoseFactory(user=patient).pk},
        "vitamin-d/levels": {"id": LevelFactory(user=patient).pk},
        "smoking": {"id": SmokingFactory(user=patient).pk},
        "mri": {"id": MriFactory(user=patient).pk},
        "labs": {"id": LabFactory(user=patient).pk},
        "drugs": {"id": CustomDrugFactory(owner=patient).pk},
        "courses": {"id": course.pk},
        "doses": {"id": dose.pk},
        "side-effects": {"id": SideEffectFactory(course=course).pk},
        "reminders": {"id": reminders[0].pk},
        "notifications": {"id": notification.pk},
        "shares": {"id": ShareFactory(patient=patient).pk},
        "access-log": {"id": AccessEventFactory(patient=patient).pk},
        "health-links": {"id": health_links.create(patient, base="http://testserver")[0].pk},
    }


@pytest.fixture
def _keep_test_connection():
    """The WSGI handler closes the database connection after each request, which
    would end the test's transaction; Django's test client unhooks it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(patient, _keep_test_connection):
    return api_token(patient)


def _collection(path):
    """``/api/v1/vitamin-d/doses/{id}/`` -> ``vitamin-d/doses``."""
    return path.removeprefix("/api/v1/").split("/{")[0]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="API_FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_documented(case, records, token):
    if case.path_parameters:
        # Paths of no collection of the patient's (a clinician's) keep generated values.
        own = records.get(_collection(case.path), {})
        case.path_parameters = {**case.path_parameters, **own}
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
