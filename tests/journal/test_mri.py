"""MRI reports: "none" is 0, "not stated" is null, and the rules hold in the form and the API."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from journal import mri_rules
from journal.models import MriReport
from mstracker.care import access
from mstracker.care.scopes import CLINICIAN_WRITES, RESOURCE_SCOPES, Scope
from tests.care.factories import ShareFactory
from tests.journal.factories import MriFactory

API = "/api/v1/mri/"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2025, 6, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def form_data(**changes):
    data = {
        "date": "2025-05-20",
        "region": "brain",
        "contrast": "on",
        "new_t2_lesions_0": "none",
        "new_t2_lesions_1": "",
        "enhancing_lesions_0": "number",
        "enhancing_lesions_1": "2",
        "brain_volume_change": "-0.4",
        "summary": "Two enhancing lesions <b>left frontal</b>.",
        "source": "report_letter",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("new_t2", "enhancing", "expected"),
    [
        (0, 0, "quiet"),
        (0, None, "quiet"),
        (1, None, "active"),
        (0, 2, "active"),
        (None, 1, "active"),
        (None, 0, "unknown"),
        (None, None, "unknown"),
    ],
)
def test_activity_of_a_scan(new_t2, enhancing, expected):
    assert mri_rules.activity(new_t2, enhancing) == expected


def test_the_browser_form_keeps_none_and_not_stated_apart(patient_client, patient):
    response = patient_client.post(reverse("journal:mri_new"), form_data())
    assert response.status_code == 302
    scan = MriReport.objects.get(user=patient)
    assert (scan.new_t2_lesions, scan.enhancing_lesions) == (0, 2)
    assert scan.recorded_by == patient
    assert scan.activity == "active"
    page = patient_client.get(reverse("journal:mri_list")).content.decode()
    assert "&lt;b&gt;left frontal&lt;/b&gt;" in page  # escaped, never rendered as HTML
    assert "Active" in page

    edit = reverse("journal:mri_edit", args=[scan.pk])
    form = patient_client.get(edit).content.decode()
    assert 'value="none" id="id_new_t2_lesions_0_0" checked' in form
    patient_client.post(
        edit,
        form_data(
            new_t2_lesions_0="not_stated",
            enhancing_lesions_0="not_stated",
            enhancing_lesions_1="",
            version=scan.version,
        ),
    )
    scan.refresh_from_db()
    assert (scan.new_t2_lesions, scan.enhancing_lesions) == (None, None)
    assert scan.activity == "unknown"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date": "2025-06-05"}, "date", "future"),
        ({"new_t2_lesions_0": "number", "new_t2_lesions_1": ""}, "new_t2_lesions", "how many"),
        ({"new_t2_lesions_0": "number", "new_t2_lesions_1": "-1"}, "new_t2_lesions", "0"),
        ({"new_t2_lesions_0": "number", "new_t2_lesions_1": "301"}, "new_t2_lesions", "300"),
        ({"new_t2_lesions_0": "number", "new_t2_lesions_1": "9" * 30}, "new_t2_lesions", ""),
        ({"new_t2_lesions_0": ""}, "new_t2_lesions", "not stated"),
        ({"contrast": None}, "enhancing_lesions", "contrast"),
        ({"brain_volume_change": "-12"}, "brain_volume_change", "percent per year"),
        ({"date": "0001-01-01"}, "date", "1900"),
    ],
)
def test_bad_input_is_a_message_next_to_its_field(patient_client, changes, field, message):
    response = patient_client.post(reverse("journal:mri_new"), form_data(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message.lower() in " ".join(errors[field]).lower()
    assert not MriReport.objects.exists()


def test_api_round_trip_with_null_counts(patient_api, patient):
    body = {
        "date": "2025-04-02",
        "region": "spine",
        "contrast": False,
        "new_t2_lesions": None,
        "enhancing_lesions": None,
        "summary": "Known C3 lesion.",
        "source": "report_letter",
    }
    response = patient_api.post(API, body, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["new_t2_lesions"] is None
    assert data["enhancing_lesions"] is None
    assert data["brain_volume_change"] is None
    assert data["activity"] == "unknown"
    assert response["ETag"] == f'"{data["id"]}.1"'
    assert MriReport.objects.get().recorded_by == patient

    quiet = patient_api.patch(f"{API}{data['id']}/", {"new_t2_lesions": 0}, format="json")
    assert quiet.json()["activity"] == "quiet"
    stale = patient_api.patch(
        f"{API}{data['id']}/", {"summary": "x"}, format="json", HTTP_IF_MATCH=response["ETag"]
    )
    assert stale.status_code == 412


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"new_t2_lesions": -1}, "new_t2_lesions"),
        ({"new_t2_lesions": 10**12}, "new_t2_lesions"),
        ({"enhancing_lesions": 400}, "enhancing_lesions"),
        ({"contrast": False, "enhancing_lesions": 0}, "enhancing_lesions"),
        ({"brain_volume_change": 1e308}, "brain_volume_change"),
        ({"date": "2025-06-05"}, "date"),
        ({"date": "9999-12-31"}, "date"),
        ({"region": "knee"}, "region"),
    ],
)
def test_api_bad_input_is_a_400_naming_the_field(patient_api, changes, field):
    body = {"date": "2025-04-02", "region": "brain", "contrast": True, **changes}
    response = patient_api.post(API, body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_other_patients_scans_are_404(patient, other_patient_api, patient_api):
    scan = MriFactory(user=patient)
    assert patient_api.get(f"{API}{scan.pk}/").status_code == 200
    assert other_patient_api.get(f"{API}{scan.pk}/").status_code == 404
    assert other_patient_api.get(API).json()["results"] == []


def test_mri_is_shared_with_relapses_and_measures_and_a_clinician_may_record_one(
    patient, clinician
):
    assert RESOURCE_SCOPES["mri"] == Scope.RELAPSES_MEASURES
    assert "mri" in CLINICIAN_WRITES
    ShareFactory(patient=patient, clinician=clinician, scopes=[Scope.RELAPSES_MEASURES])
    granted = access.resolve(clinician, patient.pk)
    access.check(granted, "mri", "POST")
    with pytest.raises(access.NotShared):
        access.check(granted, "labs")


def test_a_clinician_with_a_share_records_an_mri_as_the_clinician(patient, clinician):
    from rest_framework.test import APIRequestFactory, force_authenticate

    from journal.api.mri import LabResultViewSet, MriReportViewSet

    ShareFactory(patient=patient, clinician=clinician)
    factory = APIRequestFactory()
    body = {"date": "2025-05-01", "region": "brain", "contrast": True, "new_t2_lesions": 0,
            "enhancing_lesions": 0, "source": "report_letter"}  # fmt: skip
    request = factory.post("/", body, format="json")
    force_authenticate(request, clinician)
    response = MriReportViewSet.as_view({"post": "create"})(request, patient_pk=patient.pk)
    assert response.status_code == 201, response.data
    scan = MriReport.objects.get()
    assert scan.user == patient
    assert scan.recorded_by == clinician
    assert scan.source == "clinician"

    request = factory.post("/", {"date": "2025-05-01", "kind": "igg", "value": 8}, format="json")
    force_authenticate(request, clinician)
    labs = LabResultViewSet.as_view({"post": "create"})(request, patient_pk=patient.pk)
    assert labs.status_code == 403  # labs are read-only for clinicians
