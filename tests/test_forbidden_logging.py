"""A refused request (403) is an expected answer, not a server fault: logged once at
warning level, without a traceback."""

import logging

import pytest
from django.urls import reverse

from tests.factories import sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [reverse("journal:today"), "/api/v1/checkins/"])
def test_a_403_is_a_warning_without_traceback(client, clinician, caplog, url):
    sign_in(client, clinician)
    with caplog.at_level(logging.DEBUG):
        response = client.get(url)
    assert response.status_code == 403
    logged = [r for r in caplog.records if "403" in r.getMessage() or "Forbidden" in r.getMessage()]
    assert logged, [r.getMessage() for r in caplog.records]
    for record in logged:
        assert record.levelno == logging.WARNING, record.getMessage()
        assert record.exc_info is None, record.getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
