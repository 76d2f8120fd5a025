"""A server error claims only what is true: the request may or may not have saved."""

import json

from django.test import RequestFactory

from mstracker.views import server_failure


def test_the_api_500_does_not_promise_that_nothing_was_lost():
    response = server_failure(RequestFactory().post("/api/v1/checkins/"))
    assert response.status_code == 500
    detail = json.loads(response.content)["detail"]
    assert "lost" not in detail
    assert "whether what it sent was saved is not known" in detail


def test_the_500_page_does_not_promise_that_nothing_was_lost():
    response = server_failure(RequestFactory().post("/journal/today/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "lost" not in page
    assert "we cannot tell whether what you just sent was saved" in page
