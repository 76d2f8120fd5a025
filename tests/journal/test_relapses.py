"""A patient logs, corrects and deletes relapses; the rules answer next to the field."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal.models import Relapse
from tests.journal.factories import RelapseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

NEW = reverse("journal:relapse_new")
API = "/api/v1/relapses/"


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def form(**overrides):
    data = {
        "onset": "2025-03-01",
        "end": "2025-03-25",
        "functions": ["vision", "sensation"],
        "severity": "moderate",
        "recovery": "partial",
        "steroids": "on",
        "note": "",
    }
    data.update(overrides)
    return data


def test_log_edit_and_delete_a_relapse_in_the_browser(patient_client, patient):
    response = patient_client.post(NEW, form())
    assert response.status_code == 302
    relapse = Relapse.objects.get(user=patient)
    assert relapse.functions == ["vision", "sensation"]
    assert relapse.steroids
    assert not relapse.possible_pseudo_relapse
    edit = reverse("journal:relapse_edit", args=[relapse.pk])
    patient_client.post(edit, form(recovery="complete", clinician_confirmed="on"))
    relapse.refresh_from_db()
    assert relapse.recovery == "complete"
    assert relapse.clinician_confirmed
    listing = patient_client.get(reverse("journal:relapse_list")).content.decode()
    assert "1 Mar 2025 – 25 Mar 2025" in listing
    delete = reverse("journal:relapse_delete", args=[relapse.pk])
    assert "This cannot be undone." in patient_client.get(delete).content.decode()
    patient_client.post(delete)
    assert not Relapse.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end": "2025-03-01"}, "end", "began and ended on the same day lasted less than 24 hours"),
        ({"end": "2025-03-02", "lasted_hours": "23"}, "lasted_hours", "less than 24 hours"),
        ({"end": "2025-03-02"}, "lasted_hours", "tell us how many hours they lasted"),
        ({"end": "2025-02-20"}, "end", "The end date cannot be before the onset date."),
        ({"onset": "2025-06-02", "end": ""}, "onset", "The onset date cannot be in the future."),
        ({"onset": "2025-06-01", "end": ""}, "onset", "began today have not yet lasted 24 hours"),
        ({"end": "2025-06-05"}, "end", "The end date cannot be in the future."),
        ({"functions": ["telepathy"]}, "functions", "Select a valid choice."),
        ({"onset": ""}, "onset", "This field is required."),
    ],
)
def test_every_rule_is_refused_next_to_its_field(patient_client, overrides, field, message):
    response = patient_client.post(NEW, form(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field]), errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Relapse.objects.exists()


def test_an_open_relapse_blocks_another_until_it_is_closed(patient_client, patient):
    RelapseFactory(user=patient, onset=dt.date(2025, 1, 5), end=None)
    response = patient_client.post(NEW, form(onset="2025-04-01", end=""))
    assert "is still open" in response.context["form"].errors["onset"][0]
    assert Relapse.objects.count() == 1


def test_fever_marks_a_possible_pseudo_relapse_which_is_not_counted(patient_client, patient):
    patient_client.post(NEW, form(fever_or_infection="on"))
    relapse = Relapse.objects.get()
    assert relapse.possible_pseudo_relapse
    listing = patient_client.get(reverse("journal:relapse_list"))
    assert listing.context["counted"] == 0
    assert "possible pseudo-relapse" in listing.content.decode()


def test_an_onset_under_30_days_later_is_shown_as_part_of_the_episode(patient_client, patient):
    first = RelapseFactory(user=patient, onset=dt.date(2025, 1, 1), end=dt.date(2025, 1, 10))
    patient_client.post(NEW, form(onset="2025-01-30", end="2025-02-10"))
    second = Relapse.objects.get(onset=dt.date(2025, 1, 30))
    assert second.episode_of == first
    listing = patient_client.get(reverse("journal:relapse_list"))
    assert listing.context["counted"] == 1
    assert "part of the episode from 1 Jan 2025" in listing.content.decode()
    # Deleting the first relapse makes the second its own episode.
    first.delete()
    second.refresh_from_db()
    assert second.episode_of is None


def test_an_onset_exactly_30_days_later_is_a_new_relapse(patient, patient_api):
    RelapseFactory(user=patient, onset=dt.date(2025, 1, 1), end=dt.date(2025, 1, 10))
    body = {"onset": "2025-01-31", "end": "2025-02-10", "functions": ["walking"]}
    response = patient_api.post(API, body, format="json")
    assert response.json()["episode_of"] is None
    assert Relapse.objects.filter(user=patient).counted().count() == 2


def test_api_create_read_update_delete(patient_api, patient):
    body = {
        "onset": "2025-02-03",
        "end": "2025-03-10",
        "functions": ["vision"],
        "severity": "severe",
        "fever_or_infection": False,
        "steroids": True,
        "hospitalised": True,
        "recovery": "partial",
        "clinician_confirmed": True,
    }
    created = patient_api.post(API, body, format="json")
    assert created.status_code == 201
    data = created.json()
    assert {k: data[k] for k in body} == body
    assert data["possible_pseudo_relapse"] is False
    assert data["episode_of"] is None
    url = f"{API}{data['id']}/"
    assert patient_api.patch(url, {"fever_or_infection": True}, format="json").json()[
        "possible_pseudo_relapse"
    ]
    body = {"onset": "2025-03-20", "end": "2025-03-30", "functions": ["vision"]}
    linked = patient_api.post(API, body, format="json")
    assert linked.json()["episode_of"] is None  # the first is now a pseudo-relapse
    assert patient_api.delete(url).status_code == 204
    assert Relapse.objects.filter(user=patient).count() == 1


@pytest.mark.parametrize(
    ("body", "field", "code_text"),
    [
        ({"onset": "2025-03-01", "end": "2025-03-01"}, "end", "less than 24 hours"),
        (
            {"onset": "2025-03-01", "end": "2025-03-02", "lasted_hours": 23},
            "lasted_hours",
            "less than 24 hours",
        ),
        ({"onset": "2025-03-01", "end": "2025-02-01"}, "end", "cannot be before the onset"),
        ({"onset": "2025-07-01"}, "onset", "cannot be in the future"),
        ({"onset": "2025-03-01", "functions": ["x"]}, "functions", "not a valid choice"),
    ],
)
def test_api_refuses_the_same_rules_with_the_same_words(patient_api, body, field, code_text):
    response = patient_api.post(API, body, format="json")
    assert response.status_code == 400
    assert code_text in str(response.json()[field])


def test_api_overlap_with_an_open_relapse(patient_api, patient):
    RelapseFactory(user=patient, onset=dt.date(2025, 1, 5), end=None)
    response = patient_api.post(API, {"onset": "2025-02-01", "end": "2025-02-20"}, format="json")
    assert response.status_code == 400
    assert "still open" in response.json()["onset"][0]


def test_api_filters_by_onset(patient_api, patient):
    RelapseFactory(user=patient, onset=dt.date(2024, 1, 1), end=dt.date(2024, 1, 10))
    RelapseFactory(user=patient, onset=dt.date(2025, 1, 1), end=dt.date(2025, 1, 10))
    response = patient_api.get(API, {"date_from": "2024-06-01"})
    assert [r["onset"] for r in response.json()["results"]] == ["2025-01-01"]


def test_a_relapse_with_no_affected_function_is_refused_in_the_browser(patient_client, patient):
    data = form()
    del data["functions"]
    response = patient_client.post(NEW, data)
    assert response.status_code == 200
    assert response.context["form"].errors["functions"] == [
        "Tick at least one function the relapse affected. If none fits, tick Other and "
        "describe it in the note."
    ]
    assert not Relapse.objects.filter(user=patient).exists()


@pytest.mark.parametrize(
    ("body", "field", "text"),
    [
        ({"functions": []}, "functions", "Tick at least one function"),
        ({"functions": ["other"]}, "note", "Describe in the note what the relapse affected"),
        ({"functions": ["other"], "note": "   "}, "note", "Describe in the note"),
    ],
)
def test_the_api_asks_for_a_function_or_other_with_words(patient_api, patient, body, field, text):
    response = patient_api.post(API, {"onset": "2025-03-01", "end": "2025-03-20", **body})
    assert response.status_code == 400
    assert text in " ".join(response.json()[field])
    assert not Relapse.objects.filter(user=patient).exists()


def test_other_with_a_description_is_accepted(patient_api):
    body = {"onset": "2025-03-01", "end": "2025-03-20", "functions": ["other"], "note": "Hiccups"}
    assert patient_api.post(API, body).status_code == 201
