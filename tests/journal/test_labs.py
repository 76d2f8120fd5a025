"""Monitoring blood tests: one stored unit per kind, the report's range, and the rules."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal import lab_rules
from journal.models import LabResult
from mstracker.care.scopes import RESOURCE_SCOPES, Scope

API = "/api/v1/labs/"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.mark.parametrize(
    ("kind", "value", "unit", "stored"),
    [
        ("lymphocytes", 800, "cells/uL", 0.8),
        ("lymphocytes", 0.8, "10^9/L", 0.8),
        ("igg", 700, "mg/dL", 7.0),
        ("alt", 0.5, "ukat/L", 30.0),
        ("jcv_index", 0.35, "index", 0.35),
    ],
)
def test_conversion_to_the_stored_unit(kind, value, unit, stored):
    assert lab_rules.to_stored(kind, value, unit) == pytest.approx(stored)
    assert lab_rules.from_stored(kind, stored, unit) == pytest.approx(value)


def test_outside_reference_is_low_high_or_none():
    assert lab_rules.outside_reference(0.6, 1.0, 4.0) == "low"
    assert lab_rules.outside_reference(4.5, 1.0, 4.0) == "high"
    assert lab_rules.outside_reference(1.0, 1.0, 4.0) is None
    assert lab_rules.outside_reference(0.1, None, None) is None  # no range, no verdict
    assert lab_rules.outside_reference(0.1 * 3, 0.3, None) is None  # float noise at the edge


def test_browser_entry_in_cells_per_microlitre(patient_client, patient):
    response = patient_client.post(
        reverse("journal:lab_new"),
        {
            "date": "2025-06-01",
            "kind": "lymphocytes",
            "value": "650",
            "unit": "cells/uL",
            "reference_low": "1000",
            "reference_high": "4000",
            "note": "<script>x</script>",
        },
    )
    assert response.status_code == 302
    lab = LabResult.objects.get(user=patient)
    assert lab.value == pytest.approx(0.65)
    assert lab.reference_low == pytest.approx(1.0)
    assert lab.outside_reference == "low"
    assert lab.recorded_by == patient
    page = patient_client.get(reverse("journal:lab_list")).content.decode()
    assert "Below the reference range" in page
    assert "discuss this result with your care team" in page.lower()
    assert "&lt;script&gt;" in page
    assert "<script>x" not in page
    edit = patient_client.get(reverse("journal:lab_edit", args=[lab.pk]))
    assert edit.context["form"]["value"].value() == pytest.approx(650)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"unit": "mg/dL"}, "unit", "10^9/L"),
        ({"value": "-1"}, "value", "below 0"),
        ({"value": "1e300"}, "value", "not a possible"),
        ({"reference_low": "5", "reference_high": "1"}, "reference_high", "upper end"),
        ({"date": "2025-06-05"}, "date", "future"),
    ],
)
def test_bad_input_is_a_message_next_to_its_field(patient_client, changes, field, message):
    data = {"date": "2025-06-01", "kind": "lymphocytes", "value": "1.2", "unit": "10^9/L"}
    response = patient_client.post(reverse("journal:lab_new"), {**data, **changes})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert not LabResult.objects.exists()


def test_api_stores_one_unit_and_answers_in_the_reports(patient_api, patient):
    response = patient_api.post(
        API,
        {"date": "2025-03-10", "kind": "igg", "value": 520, "unit": "mg/dL",
         "reference_low": 700, "reference_high": 1600},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["value"] == pytest.approx(520)
    assert data["unit"] == "mg/dL"
    assert data["stored_value"] == pytest.approx(5.2)
    assert data["stored_unit"] == "g/L"
    assert data["outside_reference"] == "low"
    assert LabResult.objects.get().recorded_by == patient

    patched = patient_api.patch(f"{API}{data['id']}/", {"value": 800}, format="json")
    assert patched.json()["stored_value"] == pytest.approx(8.0)
    assert patched.json()["outside_reference"] is None

    default_unit = patient_api.post(
        API, {"date": "2025-03-10", "kind": "alt", "value": 31}, format="json"
    )
    assert default_unit.json()["unit"] == "U/L"


@pytest.mark.parametrize(
    "changes",
    [
        {"unit": "g/L"},
        {"value": -3},
        {"value": 1e308},
        {"kind": "ldl"},
        {"date": "2025-06-05"},
        {"reference_low": 4, "reference_high": 1},
    ],
)
def test_api_bad_input_is_a_400(patient_api, changes):
    body = {"date": "2025-03-10", "kind": "lymphocytes", "value": 1.1, **changes}
    response = patient_api.post(API, body, format="json")
    assert response.status_code == 400, response.content


def test_labs_are_shared_with_therapies():
    assert RESOURCE_SCOPES["labs"] == Scope.THERAPIES
