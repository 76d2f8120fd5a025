"""Exercise sessions and the weekly aerobic goal (90 minutes in 3 sessions by default)."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from journal.exercise_goals import weekly_summaries
from journal.models import ExerciseSession, JournalSettings
from tests.journal.factories import ExerciseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

API = "/api/v1/exercise/"
# Wednesday 4 June 2025.
WEDNESDAY = dt.date(2025, 6, 4)


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_weekly_summary_counts_only_aerobic_sessions_toward_the_goal():
    monday = dt.date(2025, 6, 2)
    sessions = [
        (monday, "aerobic", 30),
        (monday + dt.timedelta(days=1), "strength", 40),
        (monday + dt.timedelta(days=2), "aerobic", 30),
        (monday - dt.timedelta(days=1), "aerobic", 60),  # Sunday: the week before
    ]
    this_week, last_week = weekly_summaries(
        sessions, monday - dt.timedelta(days=7), WEDNESDAY, 90, 3
    )
    assert (this_week.aerobic_minutes, this_week.aerobic_sessions, this_week.other_minutes) == (
        60,
        2,
        40,
    )
    assert not this_week.goal_met
    assert last_week.aerobic_minutes == 60


def test_goal_is_met_at_exactly_90_minutes_in_3_sessions():
    monday = dt.date(2025, 6, 2)
    sessions = [(monday + dt.timedelta(days=n), "aerobic", 30) for n in range(3)]
    (week,) = weekly_summaries(sessions, monday, WEDNESDAY, 90, 3)
    assert week.goal_met
    assert week.minutes_percent == 100
    (week,) = weekly_summaries(sessions[:2] + [(monday, "aerobic", 29)], monday, WEDNESDAY, 90, 3)
    assert not week.goal_met


def test_log_edit_delete_in_the_browser_and_the_week_shows(patient_client, patient):
    url = reverse("journal:exercise_new")
    data = {"date": "2025-06-03", "kind": "aerobic", "minutes": "35", "intensity": "moderate"}
    assert patient_client.post(url, data).status_code == 302
    session = ExerciseSession.objects.get(user=patient)
    listing = patient_client.get(reverse("journal:exercise_list"))
    assert listing.context["weeks"][0].aerobic_minutes == 35
    today = patient_client.get(reverse("journal:today")).content.decode()
    assert "<strong>35 of 90</strong> aerobic minutes" in today
    patient_client.post(
        reverse("journal:exercise_edit", args=[session.pk]), {**data, "minutes": "50"}
    )
    session.refresh_from_db()
    assert session.minutes == 50
    patient_client.post(reverse("journal:exercise_delete", args=[session.pk]))
    assert not ExerciseSession.objects.exists()


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("0", "Enter at least 1 minute."),
        ("601", "A session can be at most 600 minutes (10 hours)."),
        ("", "This field is required."),
    ],
)
def test_minutes_out_of_range_are_explained(patient_client, minutes, message):
    data = {"date": "2025-06-03", "kind": "aerobic", "minutes": minutes, "intensity": "light"}
    response = patient_client.post(reverse("journal:exercise_new"), data)
    assert message in response.context["form"].errors["minutes"]


def test_the_goal_is_editable_per_patient(patient_client, patient):
    url = reverse("journal:exercise_goal")
    patient_client.post(url, {"exercise_goal_minutes": "150", "exercise_goal_sessions": "5"})
    settings = JournalSettings.objects.get(user=patient)
    assert (settings.exercise_goal_minutes, settings.exercise_goal_sessions) == (150, 5)
    response = patient_client.post(
        url, {"exercise_goal_minutes": "0", "exercise_goal_sessions": "5"}
    )
    assert "exercise_goal_minutes" in response.context["form"].errors


def test_api_round_trip_and_refusals(patient_api):
    body = {"date": "2025-06-02", "kind": "aerobic", "minutes": 35, "intensity": "moderate"}
    created = patient_api.post(API, body, format="json")
    assert created.status_code == 201
    url = f"{API}{created.json()['id']}/"
    assert patient_api.patch(url, {"minutes": 40}, format="json").json()["minutes"] == 40
    bad = patient_api.post(API, {**body, "minutes": 601}, format="json")
    assert bad.json()["minutes"] == ["A session can be at most 600 minutes (10 hours)."]
    assert patient_api.post(API, {**body, "minutes": 0}, format="json").status_code == 400
    assert patient_api.post(API, {**body, "date": "2025-06-05"}, format="json").json()["date"] == [
        "The date cannot be in the future."
    ]
    assert patient_api.post(API, {**body, "kind": "yoga"}, format="json").status_code == 400
    assert patient_api.delete(url).status_code == 204


def test_api_filters_by_kind_and_dates(patient_api, patient):
    ExerciseFactory(user=patient, date=dt.date(2025, 6, 1), kind="aerobic")
    ExerciseFactory(user=patient, date=dt.date(2025, 6, 2), kind="balance")
    ExerciseFactory(user=patient, date=dt.date(2025, 5, 1), kind="aerobic")
    response = patient_api.get(API, {"kind": "aerobic", "date_from": "2025-05-15"})
    assert [s["date"] for s in response.json()["results"]] == ["2025-06-01"]


def test_past_weeks_below_the_goal_say_not_met_and_only_this_week_not_yet(patient_client, patient):
    ExerciseFactory(user=patient, date=WEDNESDAY - dt.timedelta(days=7), minutes=20)
    page = patient_client.get(reverse("journal:exercise_list")).content.decode()
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", page)
    assert len(rows) == 8
    assert rows[0].endswith("<td>not yet</td></tr>")  # this week, still running
    assert all(row.endswith("<td>not met</td></tr>") for row in rows[1:])
