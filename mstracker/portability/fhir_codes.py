"""The codes of the FHIR export: SNOMED CT and LOINC where a code exists, ours where not.

Our local code systems (documented in the README, "Your data"):

- `LOCAL_OBSERVATION` (`urn:mstracker:codesystem:observation`): `t25fw` (timed
  25-foot walk, seconds), `pdds` (Patient Determined Disease Steps, 0-8),
  `nhpt_dominant` / `nhpt_nondominant` (which hand a 9-hole peg test was done with,
  beside LOINC 83141-2), `daily-checkin` (the check-in: symptom scores as components),
  `wellbeing` (overall wellbeing 0-10, 10 = very good), `exercise-kind`,
  `exercise-intensity`;
- `LOCAL_SYMPTOM` (`urn:mstracker:codesystem:symptom`): the symptom codes of
  `/api/v1/symptoms/` (0 = none, 10 = worst); the patient's own start with `my_`;
- `LOCAL_EXERCISE` (`urn:mstracker:codesystem:exercise`): exercise kinds and
  intensities as in `/api/v1/exercise/`;
- `LOCAL_DRUG` (`urn:mstracker:codesystem:drug`): the drug codes of `/api/v1/drugs/`.
"""

SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"

LOCAL_OBSERVATION = "urn:mstracker:codesystem:observation"
LOCAL_SYMPTOM = "urn:mstracker:codesystem:symptom"
LOCAL_EXERCISE = "urn:mstracker:codesystem:exercise"
LOCAL_DRUG = "urn:mstracker:codesystem:drug"
USERNAME_SYSTEM = "urn:mstracker:username"

MULTIPLE_SCLEROSIS = (SNOMED, "24700007", "Multiple sclerosis")
MS_COURSES = {
    "rrms": (SNOMED, "426373005", "Relapsing remitting multiple sclerosis"),
    "spms": (SNOMED, "425500002", "Secondary progressive multiple sclerosis"),
    "ppms": (SNOMED, "428700003", "Primary progressive multiple sclerosis"),
}
RELAPSE = (SNOMED, "192929006", "Exacerbation of multiple sclerosis")
SEVERITY = {
    "mild": (SNOMED, "255604002", "Mild"),
    "moderate": (SNOMED, "6736007", "Moderate"),
    "severe": (SNOMED, "24484000", "Severe"),
}

MEASURES = {
    # No LOINC code exists for the EDSS.
    "edss": [(SNOMED, "273554001", "Kurtzke Expanded Disability Status Scale")],
    "nhpt_dominant": [
        (LOINC, "83141-2", "Nine hole peg test"),
        (LOCAL_OBSERVATION, "nhpt_dominant", "9-hole peg test, dominant hand"),
    ],
    "nhpt_nondominant": [
        (LOINC, "83141-2", "Nine hole peg test"),
        (LOCAL_OBSERVATION, "nhpt_nondominant", "9-hole peg test, non-dominant hand"),
    ],
    # Neither has a LOINC code.
    "t25fw": [(LOCAL_OBSERVATION, "t25fw", "Timed 25-foot walk")],
    "pdds": [(LOCAL_OBSERVATION, "pdds", "Patient Determined Disease Steps")],
    # MS Tracker's own self-tests (not the SDMT): no standard code.
    "sdt": [(LOCAL_OBSERVATION, "sdt", "Symbol-digit self-test, correct in 90 s")],
    "tap_dominant": [(LOCAL_OBSERVATION, "tap_dominant", "Tapping self-test, dominant hand")],
    "tap_nondominant": [(LOCAL_OBSERVATION, "tap_nondominant", "Tapping self-test, other hand")],
}
MEASURE_CATEGORY = {
    "edss": "exam",
    "nhpt_dominant": "exam",
    "nhpt_nondominant": "exam",
    "t25fw": "exam",
    "pdds": "survey",
    "sdt": "exam",
    "tap_dominant": "exam",
    "tap_nondominant": "exam",
}

CHECKIN = (LOCAL_OBSERVATION, "daily-checkin", "Daily check-in")
WELLBEING = (LOCAL_OBSERVATION, "wellbeing", "Overall wellbeing (0-10, 10 = very good)")

QUESTIONNAIRE_TOTALS = {
    "phq9": (LOINC, "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score"),
    "gad7": (LOINC, "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score"),
}
QUESTIONNAIRES = {
    "phq9": "http://loinc.org/q/44249-1",
    "gad7": "http://loinc.org/q/69737-5",
}

TOBACCO_STATUS = (LOINC, "72166-2", "Tobacco smoking status")
# LOINC answer list LL2201-3.
TOBACCO_ANSWERS = {
    "never": (LOINC, "LA18978-9", "Never smoker"),
    "former": (LOINC, "LA15920-4", "Former smoker"),
    "current_daily": (LOINC, "LA18976-3", "Current every day smoker"),
    "current": (LOINC, "LA18981-3", "Smoker, current status unknown"),
}

VITAMIN_D = (LOINC, "62292-8", "25-Hydroxyvitamin D2+D3 [Mass/volume] in Serum or Plasma")
EXERCISE = (LOINC, "55411-3", "Exercise duration")
EXERCISE_KIND = (LOCAL_OBSERVATION, "exercise-kind", "Kind of exercise")
EXERCISE_INTENSITY = (LOCAL_OBSERVATION, "exercise-intensity", "Exercise intensity")


# MRI reports (no LOINC code fits a patient-entered count; ImagingStudy is not needed).
MRI_REPORT = (LOCAL_OBSERVATION, "mri-report", "MRI report")
MRI_COUNTS = {
    "new_t2_lesions": (LOCAL_OBSERVATION, "mri-new-t2-lesions", "New or enlarging T2 lesions"),
    "enhancing_lesions": (
        LOCAL_OBSERVATION,
        "mri-enhancing-lesions",
        "Gadolinium-enhancing lesions",
    ),
}
MRI_VOLUME = (LOCAL_OBSERVATION, "mri-brain-volume-change", "Brain volume change per year")
MRI_REGIONS = {
    "brain": (SNOMED, "12738006", "Brain structure"),
    "spine": (SNOMED, "2748008", "Spinal cord structure"),
}
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"

# Monitoring labs: LOINC where one exists; the stored unit in UCUM.
LABS = {
    "lymphocytes": ((LOINC, "731-0", "Lymphocytes [#/volume] in Blood by Automated count"),
                    "10*9/L"),
    "igg": ((LOINC, "2465-3", "IgG [Mass/volume] in Serum or Plasma"), "g/L"),
    "alt": ((LOINC, "1742-6",
             "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"), "U/L"),
    "jcv_index": ((LOCAL_OBSERVATION, "jcv-antibody-index", "Anti-JC virus antibody index"),
                  "{index}"),
}  # fmt: skip


def coding(code):
    system, value, display = code
    return {"system": system, "code": value, "display": display}


def concept(*codes, text=None):
    result = {"coding": [coding(c) for c in codes]}
    if text:
        result["text"] = text
    return result


def category(code, system=OBSERVATION_CATEGORY):
    return [{"coding": [{"system": system, "code": code}]}]
