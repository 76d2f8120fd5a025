"""What a health link may hold: the FHIR export's resource types, with what they need.

The patient always comes along (every resource refers to the Patient). A chosen type
brings the types its resources refer to, so no reference in the bundle points at a
resource left out: an MRI report lists its findings (Observations), a questionnaire's
total is derived from its answers (QuestionnaireResponse), a dose refers to its course
(MedicationStatement).
"""

from mstracker.portability.export_fhir import RESOURCE_TYPES

CHOICES = [
    ("Condition", "Conditions: MS and each relapse"),
    (
        "Observation",
        "Observations: disability measures, check-ins, questionnaire scores, lab results, "
        "MRI findings, exercise, vitamin D, smoking",
    ),
    ("DiagnosticReport", "MRI reports"),
    ("QuestionnaireResponse", "Questionnaire answers (PHQ-9, GAD-7)"),
    ("MedicationStatement", "Therapies (courses)"),
    ("MedicationAdministration", "Doses taken and missed, vitamin D doses"),
]
CHOOSABLE = tuple(code for code, _ in CHOICES)
NEEDS = {
    "DiagnosticReport": ("Observation",),
    "Observation": ("QuestionnaireResponse",),
    "MedicationAdministration": ("MedicationStatement",),
}


def closure(chosen) -> list[str]:
    """``chosen`` with the Patient and every type it refers to, in the export's order."""
    wanted = {"Patient", *chosen}
    pending = list(wanted)
    while pending:
        for needed in NEEDS.get(pending.pop(), ()):
            if needed not in wanted:
                wanted.add(needed)
                pending.append(needed)
    return [t for t in RESOURCE_TYPES if t in wanted]
