"""Disability measures: PDDS with its steps, walk and peg test in seconds, EDSS with its source."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal.measure_rules import PDDS_STEPS, check_value
from journal.models import Measure
from journal.rules import RuleViolation
from tests.journal.factories import MeasureFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

API = "/api/v1/measures/"


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("edss", 0), ("edss", 1.0), ("edss", 3.5), ("edss", 10),
        ("pdds", 0), ("pdds", 8),
        ("t25fw", 1.5), ("t25fw", 180),
        ("nhpt_dominant", 5), ("nhpt_nondominant", 300),
    ],
)  # fmt: skip
def test_possible_values_pass(kind, value):
    check_value(kind, value)


@pytest.mark.parametrize(
    ("kind", "value", "text"),
    [
        ("edss", 0.5, "EDSS has no 0.5 step"),
        ("edss", 3.3, "steps of 0.5"),
        ("edss", 10.5, "steps of 0.5"),
        ("edss", -1, "steps of 0.5"),
        ("pdds", 9, "whole step from 0 to 8"),
        ("pdds", 2.5, "whole step from 0 to 8"),
        ("t25fw", 1.4, "between 1.5 and 180 seconds"),
        ("t25fw", 181, "between 1.5 and 180 seconds"),
        ("nhpt_dominant", 4.9, "between 5 and 300 seconds"),
        ("nhpt_nondominant", 301, "between 5 and 300 seconds"),
    ],
)
def test_impossible_values_are_refused(kind, value, text):
    with pytest.raises(RuleViolation) as info:
        check_value(kind, value)
    assert info.value.field == "value"
    assert text in info.value.message


def test_pdds_form_shows_the_official_steps_and_saves(patient_client, patient):
    url = reverse("journal:measure_new", args=["pdds"])
    html = patient_client.get(url).content.decode()
    for number, title, _text in PDDS_STEPS:
        assert f"{number} – {title}" in html
    assert "I use a cane or a single crutch" in html
    response = patient_client.post(url, {"date": "2025-05-01", "value": "3.0", "source": "self"})
    assert response.status_code == 302
    measure = Measure.objects.get(user=patient)
    assert (measure.kind, measure.value) == ("pdds", 3.0)


def test_pdds_step_outside_the_scale_is_explained(patient_client):
    url = reverse("journal:measure_new", args=["pdds"])
    response = patient_client.post(url, {"date": "2025-05-01", "value": "9", "source": "self"})
    assert response.context["form"].errors["value"] == ["PDDS is a whole step from 0 to 8."]


@pytest.mark.parametrize(
    ("kind", "value", "text"),
    [
        ("edss", "0.5", "EDSS has no 0.5 step"),
        ("t25fw", "0", "between 1.5 and 180 seconds"),
        ("nhpt_dominant", "999", "between 5 and 300 seconds"),
    ],
)
def test_browser_refuses_impossible_values_next_to_the_field(patient_client, kind, value, text):
    url = reverse("journal:measure_new", args=[kind])
    response = patient_client.post(url, {"date": "2025-05-01", "value": value, "source": "self"})
    assert response.status_code == 200
    assert text in response.context["form"].errors["value"][0]
    assert not Measure.objects.exists()


def test_future_date_and_second_value_on_a_day_are_refused(patient_client, patient):
    url = reverse("journal:measure_new", args=["t25fw"])
    response = patient_client.post(url, {"date": "2025-06-02", "value": "6", "source": "self"})
    assert response.context["form"].errors["date"] == ["The date cannot be in the future."]
    MeasureFactory(user=patient, kind="t25fw", date=dt.date(2025, 5, 1), value=6.1)
    response = patient_client.post(url, {"date": "2025-05-01", "value": "6", "source": "self"})
    assert "already have a Timed 25-foot walk" in response.context["form"].errors["date"][0]


def test_edit_and_delete_in_the_browser(patient_client, patient):
    measure = MeasureFactory(user=patient, kind="edss", value=3.0, date=dt.date(2025, 1, 1))
    edit = reverse("journal:measure_edit", args=[measure.pk])
    assert "EDSS score" in patient_client.get(edit).content.decode()
    patient_client.post(edit, {"date": "2025-01-01", "value": "3.5", "source": "visit_letter"})
    measure.refresh_from_db()
    assert (measure.value, measure.source) == (3.5, "visit_letter")
    patient_client.post(reverse("journal:measure_delete", args=[measure.pk]))
    assert not Measure.objects.exists()


def test_unknown_kind_page_is_not_found(patient_client):
    assert patient_client.get(reverse("journal:measure_new", args=["msis29"])).status_code == 404


def test_history_filters_by_kind_and_date(patient_client, patient):
    MeasureFactory(user=patient, kind="edss", date=dt.date(2025, 1, 1))
    MeasureFactory(user=patient, kind="pdds", value=2, date=dt.date(2025, 1, 2))
    MeasureFactory(user=patient, kind="pdds", value=2, date=dt.date(2024, 1, 2))
    response = patient_client.get(
        reverse("journal:measure_list"), {"kind": "pdds", "date_from": "2025-01-01"}
    )
    assert [m.date for m in response.context["object_list"]] == [dt.date(2025, 1, 2)]


def test_api_round_trip(patient_api, patient):
    body = {"kind": "edss", "date": "2025-01-20", "value": 3.5, "source": "visit_letter"}
    created = patient_api.post(API, body, format="json")
    assert created.status_code == 201
    data = created.json()
    assert {k: data[k] for k in body} == body
    url = f"{API}{data['id']}/"
    assert patient_api.patch(url, {"value": 4.0}, format="json").json()["value"] == 4.0
    assert patient_api.delete(url).status_code == 204


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "edss", "date": "2025-01-20", "value": 0.5}, "value"),
        ({"kind": "pdds", "date": "2025-01-20", "value": 8.5}, "value"),
        ({"kind": "t25fw", "date": "2025-01-20", "value": 500}, "value"),
        ({"kind": "t25fw", "date": "2025-07-20", "value": 5}, "date"),
        ({"kind": "msis29", "date": "2025-01-20", "value": 5}, "kind"),
        ({"kind": "edss", "date": "2025-01-20", "value": 3, "source": "oracle"}, "source"),
    ],
)
def test_api_refuses_impossible_values(patient_api, body, field):
    response = patient_api.post(API, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_api_patch_cannot_make_a_value_impossible(patient_api, patient):
    measure = MeasureFactory(user=patient, kind="pdds", value=2, date=dt.date(2025, 1, 1))
    response = patient_api.patch(f"{API}{measure.pk}/", {"value": 11}, format="json")
    assert response.status_code == 400
    measure.refresh_from_db()
    assert measure.value == 2


def test_api_filters_by_kind(patient_api, patient):
    MeasureFactory(user=patient, kind="edss", date=dt.date(2025, 1, 1))
    MeasureFactory(user=patient, kind="pdds", value=1, date=dt.date(2025, 1, 1))
    response = patient_api.get(API, {"kind": "pdds"})
    assert [m["kind"] for m in response.json()["results"]] == ["pdds"]
