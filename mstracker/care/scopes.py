"""What a patient can share, in one vocabulary, and which resource belongs to which scope.

The scope names are part of the API contract (DESIGN.md section 7, issue 11):
integrators send them in ``POST /api/v1/shares/``. Every page, API resource and
export that shows a patient's data names its resource here, so the gate decides
scope in one place; a resource missing from ``RESOURCE_SCOPES`` is refused to
clinicians (a test walks the list).
"""

from django.db import models


class Scope(models.TextChoices):
    SYMPTOMS = "symptoms", "Symptoms and notes"
    RELAPSES_MEASURES = "relapses_measures", "Relapses and disability measures"
    QUESTIONNAIRES = "questionnaires", "Questionnaires and mood"
    THERAPIES = "therapies", "Therapies and adherence"
    LIFESTYLE = "lifestyle", "Lifestyle (exercise, vitamin D, smoking)"


# Resource kind (the patient's own API path name, or a page's name) -> the scope that
# must be shared for a clinician to read it. None: any active share is enough (the
# summary row and headline, whose flags are themselves filtered by scope).
RESOURCE_SCOPES: dict[str, Scope | None] = {
    "summary": None,
    "notes": None,  # clinical notes the clinician writes for the patient
    "visit-note": None,  # the patient's note for the neurologist: written for every reader
    # The visit summary: any active share opens it; each section shows only if its
    # scope is shared, else says "not shared" (journal.visit_summary).
    "visit-summary": None,
    # The export of a shared patient: any active share opens it; it holds only the kinds
    # whose resource below the share covers (portability.kinds.kinds_for).
    "export": None,
    "checkins": Scope.SYMPTOMS,
    "symptoms": Scope.SYMPTOMS,
    "relapses": Scope.RELAPSES_MEASURES,
    "relapse-confirmation": Scope.RELAPSES_MEASURES,  # the clinician's page form
    "measures": Scope.RELAPSES_MEASURES,
    "progression": Scope.RELAPSES_MEASURES,
    "mri": Scope.RELAPSES_MEASURES,
    "self-tests": Scope.RELAPSES_MEASURES,  # runs become disability measures
    "questionnaires": Scope.QUESTIONNAIRES,
    "courses": Scope.THERAPIES,
    "doses": Scope.THERAPIES,
    "adherence": Scope.THERAPIES,
    "side-effects": Scope.THERAPIES,
    "labs": Scope.THERAPIES,
    "exercise": Scope.LIFESTYLE,
    "vitamin-d/doses": Scope.LIFESTYLE,
    "vitamin-d/levels": Scope.LIFESTYLE,
    "smoking": Scope.LIFESTYLE,
}

# How the access log names a resource to the patient ("Dr X viewed your ..."), where its
# name is not already plain words.
RESOURCE_WORDS = {
    "checkins": "check-ins",
    "vitamin-d/doses": "vitamin D doses",
    "vitamin-d/levels": "vitamin D levels",
    "side-effects": "side effects",
    "relapse-confirmation": "relapse confirmation",
    "visit-note": "note for your neurologist",
    "visit-summary": "visit summary",
    # SMART Health Link manifest requests (mstracker.health_links.opening), by outcome.
    "health-link": "health link",
    "health-link-passcode": "health link with a wrong passcode",
    "health-link-inactive": "health link after it had ended",
    "health-link-invalid": "health link with a request it could not read",
}


def resource_words(resource: str) -> str:
    return RESOURCE_WORDS.get(resource, resource.replace("-", " "))


# What a clinician may write (DESIGN.md section 6), resource -> HTTP methods: record an
# EDSS (POST measures) or an MRI report (POST mri, issue 16), confirm or un-confirm a
# relapse (PATCH relapses), leave a note.
# Everything else a clinician sends is refused (403) even where they may read. The
# viewsets narrow further what a clinician's body may hold (an EDSS; the confirmation).
CLINICIAN_WRITES: dict[str, frozenset[str]] = {
    "measures": frozenset({"POST"}),
    "relapses": frozenset({"PATCH"}),
    "relapse-confirmation": frozenset({"POST"}),
    "notes": frozenset({"POST"}),
    "mri": frozenset({"POST"}),
}

# Expiry choices offered to the patient, in days; None is "until I revoke it".
EXPIRY_DAYS = (30, 182, 365)
# The same values as the API's `expires_in_days` enum (named in SPECTACULAR_SETTINGS).
EXPIRY_ENUM = [(days, days) for days in EXPIRY_DAYS]
EXPIRY_CHOICES = [(30, "30 days"), (182, "6 months"), (365, "1 year"), (None, "Until I revoke it")]


def scope_labels(scopes):
    labels = dict(Scope.choices)
    return [labels[s] for s in Scope.values if s in scopes]
