"""Input a person (or an attacker) can send that PostgreSQL or Python cannot take:
NUL characters, JSON nested 100,000 deep, numbers too large for a time span.
Each is a 400 saying what is wrong (in the API next to the field where there is
one), never a 500, and nothing is saved."""

import pytest
from django.urls import reverse

from journal.models import CheckIn
from tests.journal.page_text import visible_words
from therapies.models import Drug

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_page_search_is_a_400_page(patient_client):
    response = patient_client.get("/therapies/drugs/?q=%00")
    assert response.status_code == 400
    words = visible_words(response.text)
    assert "The NUL character (%00) is not allowed. It was found in the address (q)." in words


def test_a_nul_in_an_api_query_names_the_parameter(patient_api):
    response = patient_api.get("/api/v1/checkins/?date_from=2024-01-01%00")
    assert response.status_code == 400
    assert response.json() == {"date_from": ["The NUL character (%00) is not allowed."]}


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"date": "2024-01-01", "wellbeing": 5, "scores": {"\u0000": 1}}, "a key at scores"),
        ({"date": "2024-01-01", "wellbeing": 5, "note": "a\u0000b"}, "a text at note"),
    ],
)
def test_a_nul_in_json_is_a_400_saying_where(patient_api, patient, body, where):
    response = patient_api.post("/api/v1/checkins/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": f"The NUL character (\\u0000) is not allowed: found in {where}."
    }
    assert not CheckIn.objects.filter(user=patient).exists()


def test_json_nested_100000_deep_is_a_400(patient_api):
    body = "[" * 100_000 + "]" * 100_000
    response = patient_api.generic("POST", "/api/v1/checkins/", body, "application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "JSON nested more than 32 levels deep is not accepted."}


def test_json_nested_40_deep_inside_a_field_is_a_400(patient_api):
    deep = {}
    for _ in range(40):
        deep = {"x": deep}
    response = patient_api.post(
        "/api/v1/checkins/", {"date": "2024-01-01", "wellbeing": 5, "scores": deep}, format="json"
    )
    assert response.status_code == 400
    assert "nested more than 32 levels" in response.json()["detail"]


def drug(schedule):
    return {"name": "Trial", "drug_class": "other", "route": "oral", "schedule": schedule}


@pytest.mark.parametrize(
    ("schedule", "key", "message"),
    [
        ({"kind": "daily", "window_hours": 1e20}, "window_hours",
         "The window must be 0 to 1440 hours either side."),
        ({"kind": "daily", "window_hours": "inf"}, "window_hours",
         "The window must be 0 to 1440 hours either side."),
        ({"kind": "daily", "window_hours": "nan"}, "window_hours",
         "The window must be 0 to 1440 hours either side."),
        ({"kind": "every_n_days", "interval": 1e20}, "interval", "Give a whole number."),
        ({"kind": "every_n_days", "interval": "²"}, "interval", "Give a whole number."),
        ({"kind": "every_n_days", "interval": "9" * 5000}, "interval", "Give a whole number."),
        ({"kind": "every_n_days", "interval": 10**30}, "interval",
         "The interval must be 1 to 730 days."),
    ],
)  # fmt: skip
def test_huge_schedule_numbers_are_a_field_message(patient_api, schedule, key, message):
    response = patient_api.post("/api/v1/drugs/", drug(schedule), format="json")
    assert response.status_code == 400, response.content
    assert response.json() == {"schedule": {key: [message]}}
    assert not Drug.objects.filter(name="Trial").exists()


def test_a_huge_window_in_a_course_override_is_a_field_message(patient_api):
    cladribine = Drug.objects.get(code="dimethyl-fumarate", owner=None)
    response = patient_api.post(
        "/api/v1/courses/",
        {
            "drug": cladribine.pk,
            "start": "2024-01-01",
            "dose": "240",
            "schedule_override": {"kind": "daily", "window_hours": 1e20},
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "schedule_override": {"window_hours": ["The window must be 0 to 1440 hours either side."]}
    }


def test_a_huge_window_on_the_custom_drug_page_is_shown_next_to_the_field(patient_client):
    response = patient_client.post(
        reverse("therapies:drug_create"),
        {
            "name": "Trial",
            "drug_class": "other",
            "route": "oral",
            "category": "investigational",
            "schedule_kind": "daily",
            "times": "09:00",
            "window_hours": "1e20",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["window_hours"]
    assert not Drug.objects.filter(name="Trial").exists()
