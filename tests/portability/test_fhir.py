"""The FHIR R4 export validates with fhir.resources (R4B) and carries the issue's codes."""

import io
import json
import zipfile

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from tests.portability.account import every_kind_of_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def bundle(patient, patient_api):
    every_kind_of_record(patient)
    response = patient_api.get("/api/v1/export/?format=fhir")
    return json.loads(b"".join(response.streaming_content))


def resources(bundle, resource_type):
    return [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == resource_type
    ]


def codings(resource, path="code"):
    return {(c["system"], c["code"]) for c in resource[path]["coding"]}


def test_the_bundle_and_every_resource_validate(bundle):
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"


def test_every_reference_points_at_an_entry_of_the_bundle(bundle):
    urls = {e["fullUrl"] for e in bundle["entry"]}
    text = json.dumps(bundle)
    references = [part.split('"')[0] for part in text.split('"reference": "')[1:]]
    assert references
    assert set(references) <= urls


def test_conditions_code_ms_with_its_course_and_each_relapse(bundle):
    ms, *relapses = resources(bundle, "Condition")
    assert codings(ms) == {
        ("http://snomed.info/sct", "24700007"),
        ("http://snomed.info/sct", "426373005"),
    }
    assert ms["onsetDateTime"] == "2015"
    assert [r["onsetDateTime"] for r in relapses] == ["2024-03-01", "2024-03-25", "2024-08-01"]
    assert all(codings(r) == {("http://snomed.info/sct", "192929006")} for r in relapses)
    assert relapses[0]["abatementDateTime"] == "2024-03-20"
    assert "abatementDateTime" not in relapses[2]


def test_observations_use_loinc_snomed_and_our_local_codes(bundle):
    observations = resources(bundle, "Observation")
    by_code = {}
    for o in observations:
        for _system, code in codings(o):
            by_code.setdefault(code, []).append(o)
    assert by_code["273554001"][0]["valueQuantity"]["value"] == 3.5  # EDSS, SNOMED CT
    assert len(by_code["83141-2"]) == 2  # 9-hole peg, both hands
    assert by_code["t25fw"][0]["valueQuantity"] == {
        "value": 6.4,
        "unit": "s",
        "system": "http://unitsofmeasure.org",
        "code": "s",
    }
    assert by_code["pdds"][0]["valueInteger"] == 2
    assert by_code["44261-6"][0]["valueInteger"] == 9  # PHQ-9 total
    assert by_code["70274-6"][0]["valueInteger"] == 5  # GAD-7 total
    statuses = [codings(o, "valueCodeableConcept") for o in by_code["72166-2"]]
    assert statuses == [{("http://loinc.org", "LA18976-3")}, {("http://loinc.org", "LA15920-4")}]
    vitamin_d = by_code["62292-8"][0]["valueQuantity"]
    assert vitamin_d["code"] == "ng/mL"
    assert vitamin_d["system"] == "http://unitsofmeasure.org"
    exercise = by_code["55411-3"][0]
    assert exercise["category"][0]["coding"][0]["code"] == "activity"
    assert exercise["valueQuantity"]["value"] == 30
    (checkin, _) = by_code["daily-checkin"]
    scores = {c["code"]["coding"][0]["code"]: c["valueInteger"] for c in checkin["component"]}
    assert scores == {"wellbeing": 6, "fatigue": 7, "my_tremor": 2}


def test_questionnaire_responses_medication_statements_and_administrations(bundle):
    phq9 = [
        q for q in resources(bundle, "QuestionnaireResponse") if "44249-1" in q["questionnaire"]
    ]
    assert [i["answer"][0]["valueInteger"] for i in phq9[0]["item"]] == [1, 1, 2, 2, 0, 1, 1, 0, 1]
    statements = resources(bundle, "MedicationStatement")
    assert sorted(s["status"] for s in statements) == ["active", "stopped"]
    administrations = resources(bundle, "MedicationAdministration")
    assert sorted(a["status"] for a in administrations) == [
        "completed",
        "completed",
        "completed",
        "not-done",
    ]


def test_ndjson_is_one_file_per_resource_type_with_valid_lines(patient, patient_api):
    every_kind_of_record(patient)
    response = patient_api.get("/api/v1/export/?format=ndjson")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "Patient.ndjson" in archive.namelist()
    for name in archive.namelist():
        lines = archive.read(name).decode().splitlines()
        assert lines, name
        for line in lines:
            resource = json.loads(line)
            assert f"{resource['resourceType']}.ndjson" == name
            get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    observation = json.loads(archive.read("Observation.ndjson").decode().splitlines()[0])
    assert observation["subject"]["reference"].startswith("Patient/")


def test_mri_findings_are_observations_grouped_by_a_diagnostic_report(bundle):
    local = "urn:mstracker:codesystem:observation"
    imaging = [
        o for o in resources(bundle, "Observation")
        if o["category"][0]["coding"][0]["code"] == "imaging"
    ]  # fmt: skip
    by_code = {}
    for o in imaging:
        ((system, code),) = codings(o)
        assert system == local
        by_code.setdefault(code, []).append(o)
    # The brain scan states both counts as 0 and a volume change; the spine scan (no
    # contrast) does not state its new T2 count: an absent value, never 0.
    t2 = sorted(by_code["mri-new-t2-lesions"], key=lambda o: o["effectiveDateTime"])
    assert t2[0]["valueInteger"] == 0
    assert "valueInteger" not in t2[1]
    assert t2[1]["dataAbsentReason"]["coding"][0]["code"] == "unknown"
    assert len(by_code["mri-enhancing-lesions"]) == 1
    assert by_code["mri-brain-volume-change"][0]["valueQuantity"]["code"] == "%/a"
    reports = resources(bundle, "DiagnosticReport")
    assert len(reports) == 2
    assert reports[0]["conclusion"] == "Stable; «no new lesions»"
    assert len(reports[0]["result"]) == 3


def test_labs_are_observations_with_loinc_ucum_range_and_interpretation(bundle):
    labs = [
        o for o in resources(bundle, "Observation")
        if o["category"][0]["coding"][0]["code"] == "laboratory"
        and ("http://loinc.org", "62292-8") not in codings(o)
    ]  # fmt: skip
    by_loinc = {next(iter(codings(o)))[1]: o for o in labs}
    lymphocytes, igg = by_loinc["731-0"], by_loinc["2465-3"]
    assert lymphocytes["valueQuantity"] == {
        "value": 0.65, "unit": "10^9/L", "system": "http://unitsofmeasure.org", "code": "10*9/L",
    }  # fmt: skip
    assert lymphocytes["referenceRange"][0]["low"]["value"] == 1.0
    assert lymphocytes["interpretation"][0]["coding"][0]["code"] == "L"
    assert igg["valueQuantity"]["code"] == "g/L"
