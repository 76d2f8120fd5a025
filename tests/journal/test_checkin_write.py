"""The daily write, ``POST /api/v1/checkins/`` of a new date (issue 15): at most six
queries and one commit, whatever the history's length, and still every effect of a
write (the records token, the panel summary's refresh after commit)."""

import datetime as dt

import pytest
from django.db import DataError, connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from journal.models import CheckIn, Symptom, SymptomScore
from mstracker.accounts import records_version
from tests.care.factories import ShareFactory
from tests.factories import PatientFactory, api_token

# A real commit: the test database's own transaction would hide it (and on_commit).
pytestmark = pytest.mark.django_db(transaction=True)

BODY = {"wellbeing": 6, "scores": {"fatigue": 4, "walking": 2, "balance": None}, "note": "ok"}


def client_for(patient):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(patient)}")
    client.get("/api/v1/me/")  # the token's first use (its last-used stamp) is behind us
    return client


CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def post(client, day):
    """The write's statements (on_commit work included): queries, and transaction control."""
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/api/v1/checkins/", {**BODY, "date": day}, format="json")
    statements = [q["sql"] for q in captured.captured_queries]
    return response, statements


def queries_of(statements):
    return [s for s in statements if not s.startswith(CONTROL)]


@pytest.mark.parametrize("history_days", [0, 400])
def test_a_new_day_is_six_queries_and_one_commit(history_days):
    patient = PatientFactory(time_zone="UTC")
    ShareFactory(patient=patient)  # the panel summary's refresh runs after the commit
    today = dt.date.today()
    CheckIn.objects.bulk_create(
        CheckIn(user=patient, date=today - dt.timedelta(days=i), wellbeing=5)
        for i in range(2, 2 + history_days)
    )
    client = client_for(patient)
    before = records_version.token(patient)

    response, statements = post(client, str(today))

    assert response.status_code == 201, response.content
    assert response.json()["scores"] == {"fatigue": 4, "walking": 2}
    assert response["ETag"]
    queries = queries_of(statements)
    assert len(queries) <= 6, "\n".join(statements)
    assert statements.count("COMMIT") == 1
    # The token is replaced inside the transaction; the refresh of the panel summary
    # (does the patient share?) runs after the commit.
    commit = statements.index("COMMIT")
    assert any("accounts_recordsversion" in s for s in statements[:commit])
    assert any('FROM "care_share"' in s for s in statements[commit:])
    assert records_version.token(patient) != before
    stored = CheckIn.objects.get(user=patient, date=today)
    assert SymptomScore.objects.filter(checkin=stored).count() == 2


def test_a_date_that_has_one_is_still_a_409_and_writes_nothing():
    patient = PatientFactory(time_zone="UTC")
    client = client_for(patient)
    day = str(dt.date.today())
    assert post(client, day)[0].status_code == 201
    token = records_version.token(patient)

    again, _ = post(client, day)
    assert again.status_code == 200  # the same body again changes nothing
    different = client.post("/api/v1/checkins/", {**BODY, "date": day, "wellbeing": 2})
    assert different.status_code == 409
    assert different.json()["current"]["wellbeing"] == 6
    assert records_version.token(patient) == token
    assert CheckIn.objects.filter(user=patient).count() == 1


@pytest.mark.postgres  # SQLite stores any integer in a smallint column
def test_a_failed_score_insert_leaves_no_check_in_and_no_new_token():
    patient = PatientFactory(time_zone="UTC")
    client = client_for(patient)
    post(client, str(dt.date.today() - dt.timedelta(days=1)))
    token = records_version.token(patient)
    fatigue = Symptom.objects.get(owner=None, code="fatigue")
    # A score the database refuses (smallint), past the serializer's own checks.
    with pytest.raises(DataError):
        CheckIn.objects.insert_new(patient, dt.date.today(), wellbeing=5, scores={fatigue: 70_000})
    assert not CheckIn.objects.filter(user=patient, date=dt.date.today()).exists()
    assert records_version.token(patient) == token
