"""Vitamin D doses (IU) and blood levels in either unit, stored in nmol/L."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from journal import units
from journal.models import VitaminDDose, VitaminDLevel
from journal.rules import RuleViolation

API_DOSES = "/api/v1/vitamin-d/doses/"
API_LEVELS = "/api/v1/vitamin-d/levels/"


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_one_ng_per_ml_is_2_496_nmol_per_l():
    assert units.to_nmol(1, "ng/mL") == pytest.approx(2.496)
    assert units.to_nmol(30, "ng/mL") == pytest.approx(74.88)
    assert units.from_nmol(50, "ng/mL") == pytest.approx(20.032, abs=1e-3)


@given(st.floats(min_value=0.1, max_value=300, allow_nan=False))
def test_unit_conversion_round_trips(value):
    nmol = units.to_nmol(value, "ng/mL")
    assert units.from_nmol(nmol, "ng/mL") == pytest.approx(value, rel=1e-12)
    assert units.to_nmol(units.from_nmol(nmol, "nmol/L"), "nmol/L") == nmol


@pytest.mark.parametrize(
    ("ng", "band"),
    [(19.9, "deficient"), (20, "insufficient"), (29.9, "insufficient"), (30, "sufficient"),
     (100, "high"), (99.9, "sufficient")],
)  # fmt: skip
def test_reference_bands(ng, band):
    assert units.level_band(units.to_nmol(ng, "ng/mL")).code == band


def test_dose_limits():
    units.check_dose(50_000)
    with pytest.raises(RuleViolation, match="more than the largest single dose"):
        units.check_dose(50_001)
    with pytest.raises(RuleViolation):
        units.check_dose(0)


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
def test_doses_in_the_browser(patient_client, patient):
    url = reverse("journal:vitd_dose_new")
    assert (
        patient_client.post(
            url, {"date": "2025-06-01", "iu": "20000", "regimen": "weekly"}
        ).status_code
        == 302
    )
    dose = VitaminDDose.objects.get(user=patient)
    assert dose.daily_equivalent == pytest.approx(2857.14, abs=0.01)
    response = patient_client.post(url, {"date": "2025-06-01", "iu": "60000", "regimen": "weekly"})
    assert (
        "more than the largest single dose we accept (50,000 IU)"
        in response.context["form"].errors["iu"][0]
    )
    patient_client.post(
        reverse("journal:vitd_dose_edit", args=[dose.pk]),
        {"date": "2025-06-01", "iu": "4000", "regimen": "daily"},
    )
    dose.refresh_from_db()
    assert dose.iu == 4000
    patient_client.post(reverse("journal:vitd_dose_delete", args=[dose.pk]))
    assert not VitaminDDose.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
def test_levels_in_the_browser_with_both_units_and_the_bands_shown(patient_client, patient):
    url = reverse("journal:vitd_level_new")
    patient_client.post(url, {"date": "2025-05-01", "value": "32", "unit": "ng/mL"})
    level = VitaminDLevel.objects.get(user=patient)
    assert level.nmol_per_l == pytest.approx(79.872)
    assert (level.value, level.unit, level.band.code) == (32.0, "ng/mL", "sufficient")
    page = patient_client.get(reverse("journal:vitd")).content.decode()
    assert "32.0 ng/mL" in page
    assert "80 nmol/L" in page
    assert "75 to under 250 nmol/L" in page  # the reference bands
    edit = reverse("journal:vitd_level_edit", args=[level.pk])
    assert patient_client.get(edit).context["form"]["value"].value() == 32.0
    patient_client.post(edit, {"date": "2025-05-01", "value": "40", "unit": "nmol/L"})
    level.refresh_from_db()
    assert (level.nmol_per_l, level.band.code) == (40.0, "deficient")
    response = patient_client.post(url, {"date": "2025-05-02", "value": "900", "unit": "nmol/L"})
    assert "not a possible blood level" in response.context["form"].errors["value"][0]
    patient_client.post(reverse("journal:vitd_level_delete", args=[level.pk]))
    assert not VitaminDLevel.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
def test_api_doses_and_levels(patient_api):
    dose = patient_api.post(
        API_DOSES, {"date": "2025-06-01", "iu": 2000, "regimen": "daily"}, format="json"
    )
    assert dose.status_code == 201
    assert dose.json()["daily_equivalent"] == 2000
    too_much = patient_api.post(API_DOSES, {"date": "2025-06-01", "iu": 50001}, format="json")
    assert too_much.status_code == 400
    assert "iu" in too_much.json()
    level = patient_api.post(
        API_LEVELS, {"date": "2025-05-01", "value": 32, "unit": "ng/mL"}, format="json"
    )
    assert level.status_code == 201
    body = level.json()
    assert (body["value"], body["unit"], body["nmol_per_l"], body["band"]) == (
        32.0,
        "ng/mL",
        79.9,
        "sufficient",
    )
    url = f"{API_LEVELS}{body['id']}/"
    switched = patient_api.patch(url, {"value": 60, "unit": "nmol/L"}, format="json").json()
    assert (switched["value"], switched["ng_per_ml"], switched["band"]) == (
        60.0,
        24.0,
        "insufficient",
    )
    bad = patient_api.post(
        API_LEVELS, {"date": "2025-05-01", "value": 400, "unit": "ng/mL"}, format="json"
    )
    assert "not a possible blood level" in bad.json()["value"][0]
    assert (
        patient_api.post(
            API_LEVELS, {"date": "2025-05-01", "value": 30, "unit": "mg"}, format="json"
        ).status_code
        == 400
    )
    assert patient_api.delete(url).status_code == 204


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
def test_a_new_dose_starts_from_the_usual_one_and_a_second_on_one_day_is_pointed_out(
    patient_client, patient
):
    url = reverse("journal:vitd_dose_new")
    assert patient_client.get(url).context["form"].initial.get("iu") is None
    patient_client.post(url, {"date": "2025-06-01", "iu": "2000", "regimen": "daily"})

    initial = patient_client.get(url).context["form"].initial
    assert (initial["iu"], initial["regimen"]) == (2000, "daily")

    response = patient_client.post(
        url, {"date": "2025-06-01", "iu": "2000", "regimen": "daily"}, follow=True
    )
    assert "You have now logged 2 vitamin D doses on 1 June 2025." in response.content.decode()
    response = patient_client.post(
        url, {"date": "2025-06-02", "iu": "2000", "regimen": "daily"}, follow=True
    )
    assert "vitamin D doses on" not in response.content.decode()
