"""The dashboard page and the progression endpoint cost the same number of queries for
one year of history as for ten (check-ins with 12 symptoms, relapses, measures, three
therapy courses with every dose logged)."""

import pytest
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


def test_ten_years_cost_the_queries_of_one(client, django_assert_num_queries):
    one_year, ten_years = PatientFactory(), PatientFactory()
    seed_history(one_year, 1)
    seed_history(ten_years, 10)

    client.force_login(one_year)
    page_queries = count_queries(client, PAGE)
    api_queries = count_queries(client, API)
    assert page_queries <= 16  # session, user, then the dashboard's fixed set
    assert api_queries <= 14

    client.force_login(ten_years)
    with django_assert_num_queries(page_queries):
        client.get(PAGE)
    with django_assert_num_queries(api_queries):
        client.get(API)
