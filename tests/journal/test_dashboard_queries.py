"""The dashboard page and the progression endpoint cost the same number of queries for
one year of history as for ten (check-ins with 12 symptoms, relapses, measures, three
therapy courses with every dose logged): computed afresh, and from the cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PatientFactory
from tests.journal.history import seed_history

pytestmark = pytest.mark.django_db

PAGE = "/journal/progression/?range=all&symptom=burden&symptom=fatigue&symptom=walking"
API = "/api/v1/progression/?measure=edss"


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def queries_for(client, patient):
    """(page computed, page cached, API computed, API cached)."""
    cache.clear()
    client.force_login(patient)
    return (
        count_queries(client, PAGE),
        count_queries(client, PAGE),
        count_queries(client, API),
        count_queries(client, API),
    )


def test_ten_years_cost_the_queries_of_one(client, django_capture_on_commit_callbacks):
    one_year, ten_years = PatientFactory(), PatientFactory()
    with django_capture_on_commit_callbacks(execute=True):  # their records tokens
        seed_history(one_year, 1)
        seed_history(ten_years, 10)

    one = queries_for(client, one_year)
    page, page_cached, api, api_cached = one
    # Session, user and the page's fixed set; from the cache: session, user, the
    # symptom chooser, the records token and the inbox badge. The MRI scans are one
    # query (NEDA-3 and the MRI chart).
    assert page <= 18
    assert page_cached <= 5
    assert api <= 15
    assert api_cached <= 3
    assert queries_for(client, ten_years) == one
