"""The drug catalogue through the API: seeded DMTs, search, and a patient's own drugs."""

import pytest

from tests.therapies.factories import CourseFactory, CustomDrugFactory, catalogue
from therapies.models import Drug

pytestmark = pytest.mark.django_db

URL = "/api/v1/drugs/"


def codes(response):
    return {d["code"] for d in response.json()["results"]}


def test_the_catalogue_holds_the_approved_dmts_and_trial_drugs(patient_api):
    response = patient_api.get(f"{URL}?page_size=100")
    assert response.status_code == 200
    found = codes(response)
    for code in [
        "interferon-beta-1b",
        "interferon-beta-1a-im",
        "interferon-beta-1a-sc",
        "peginterferon-beta-1a",
        "glatiramer-20",
        "glatiramer-40",
        "teriflunomide",
        "fingolimod",
        "siponimod",
        "ozanimod",
        "ponesimod",
        "dimethyl-fumarate",
        "diroximel-fumarate",
        "monomethyl-fumarate",
        "cladribine",
        "natalizumab",
        "alemtuzumab",
        "ocrelizumab-iv",
        "ocrelizumab-sc",
        "ofatumumab",
        "ublituximab",
        "mitoxantrone",
        "rituximab",
        "dalfampridine",
        "baclofen",
        "modafinil",
        "phenytoin",
        "lamotrigine",
        "biotin-high-dose",
        "idebenone",
        "clemastine",
        "opicinumab",
    ]:
        assert code in found, code


@pytest.mark.parametrize(
    ("code", "description"),
    [
        ("interferon-beta-1b", "Every other day at 20:00"),
        ("interferon-beta-1a-im", "Weekly at 20:00"),
        ("interferon-beta-1a-sc", "3× weekly (Mon, Wed and Fri) at 20:00"),
        ("peginterferon-beta-1a", "Every 2 weeks at 20:00"),
        ("glatiramer-20", "Daily at 08:00"),
        ("dimethyl-fumarate", "Twice daily at 08:00 and 20:00"),
        ("cladribine", "Treatment courses on days 1-5, 29-33, 366-370 and 394-398 from the start"),
        ("natalizumab", "Every 4 weeks at 09:00"),
        ("alemtuzumab", "Treatment courses on days 1-5 and 366-368 from the start"),
        ("ocrelizumab-iv", "Every 6 months, after first doses on days 1 and 15"),
        ("ofatumumab", "Monthly, after first doses on days 1, 8 and 15"),
        ("ublituximab", "Every 24 weeks at 09:00, after first doses on days 1 and 15"),
        ("mitoxantrone", "Every 3 months; at most 11 doses"),
        ("rituximab", "Every 6 months"),
        ("dalfampridine", "Twice daily at 08:00 and 20:00"),
    ],
)
def test_catalogue_schedules(patient_api, code, description):
    drug = catalogue(code)
    response = patient_api.get(f"{URL}{drug.pk}/")
    assert response.json()["schedule_description"] == description


def test_search_by_brand_or_class_and_filter_by_category(patient_api):
    assert codes(patient_api.get(f"{URL}?q=ocrevus")) == {"ocrelizumab-iv", "ocrelizumab-sc"}
    assert codes(patient_api.get(f"{URL}?q=anti-cd20")) >= {"ofatumumab", "ublituximab"}
    investigational = codes(patient_api.get(f"{URL}?category=investigational"))
    assert "clemastine" in investigational
    assert "fingolimod" not in investigational


def test_a_patient_adds_a_custom_drug_only_they_see(patient_api, other_patient_api, patient):
    data = {
        "name": "Trial compound X",
        "drug_class": "other",
        "route": "oral",
        "category": "investigational",
        "schedule": {"kind": "every_n_days", "interval": 3, "times": ["07:30"]},
    }
    response = patient_api.post(URL, data, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["code"] == "custom-trial-compound-x"
    assert response.json()["is_custom"] is True
    assert Drug.objects.get(code="custom-trial-compound-x").owner == patient
    assert "custom-trial-compound-x" not in codes(other_patient_api.get(f"{URL}?q=trial"))
    # The same name again gets its own code.
    assert patient_api.post(URL, data, format="json").json()["code"] == "custom-trial-compound-x-2"


@pytest.mark.parametrize(
    ("schedule", "errors"),
    [
        (
            {"kind": "daily", "times": ["8am"]},
            {"times": ["'8am' is not a time; use HH:MM, e.g. 08:00."]},
        ),
        (
            {"kind": "every_n_days", "interval": 0},
            {"interval": ["The interval must be 1 to 730 days."]},
        ),
        ("daily", {"schedule": ["A schedule must be an object with a 'kind'."]}),
    ],
)
def test_a_bad_custom_schedule_is_explained(patient_api, schedule, errors):
    data = {"name": "X", "drug_class": "other", "route": "oral", "schedule": schedule}
    response = patient_api.post(URL, data, format="json")
    assert response.status_code == 400
    assert response.json()["schedule"] == errors


def test_the_catalogue_is_read_only_for_patients(patient_api):
    drug = catalogue("fingolimod")
    assert patient_api.patch(f"{URL}{drug.pk}/", {"name": "x"}, format="json").status_code == 403
    assert patient_api.delete(f"{URL}{drug.pk}/").status_code == 403
    drug.refresh_from_db()
    assert drug.name == "Fingolimod"


def test_own_custom_drugs_are_changed_and_deleted_by_their_owner(
    patient_api, patient, other_patient
):
    mine = CustomDrugFactory(owner=patient)
    bobs = CustomDrugFactory(owner=other_patient)
    assert (
        patient_api.patch(f"{URL}{mine.pk}/", {"name": "Renamed"}, format="json").status_code == 200
    )
    assert patient_api.patch(f"{URL}{bobs.pk}/", {"name": "x"}, format="json").status_code == 404
    CourseFactory(user=patient, drug=mine)
    response = patient_api.delete(f"{URL}{mine.pk}/")
    assert response.status_code == 400
    assert "has courses" in response.json()["non_field_errors"][0]
