"""This app's resources under /api/v1/ (names fixed by issue 11).

A clinician reads a sharing patient's records under
``/api/v1/clinician/patients/{patient_pk}/<resource>/``: the patient's own viewsets,
mounted again, so the serializers, filters and schema are the same; the access gate
(``care.access``) picks the patient from ``patient_pk`` and checks the share's scope.
"""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from journal.api.checkins import CheckInViewSet, SymptomViewSet
from journal.api.lifestyle import (
    ExerciseViewSet,
    SmokingViewSet,
    VitaminDDoseViewSet,
    VitaminDLevelViewSet,
)
from journal.api.measures import MeasureViewSet, QuestionnaireViewSet
from journal.api.mri import LabResultViewSet, MriReportViewSet
from journal.api.progression import ProgressionView
from journal.api.relapses import RelapseViewSet
from journal.api.selftests import SelfTestViewSet
from journal.api.summary import SummaryView
from mstracker.portability.api import ExportView
from therapies.api import AdherenceView, CourseViewSet, DoseViewSet, SideEffectViewSet

from . import api

router = SimpleRouter()
router.register("shares", api.ShareViewSet, basename="share")
router.register("access-log", api.AccessLogViewSet, basename="access-event")
router.register("clinician/patients", api.ClinicianPatientViewSet, basename="clinician-patient")

# Per shared patient: /api/v1/clinician/patients/{patient_pk}/<resource>/
per_patient = SimpleRouter()
per_patient.register("notes", api.ClinicalNoteViewSet, basename="clinician-note")
for prefix, viewset, name in (
    ("checkins", CheckInViewSet, "checkin"),
    ("symptoms", SymptomViewSet, "symptom"),
    ("relapses", RelapseViewSet, "relapse"),
    ("measures", MeasureViewSet, "measure"),
    ("questionnaires", QuestionnaireViewSet, "questionnaire"),
    ("exercise", ExerciseViewSet, "exercise"),
    ("vitamin-d/doses", VitaminDDoseViewSet, "vitamin-d-dose"),
    ("vitamin-d/levels", VitaminDLevelViewSet, "vitamin-d-level"),
    ("smoking", SmokingViewSet, "smoking"),
    ("mri", MriReportViewSet, "mri"),
    ("labs", LabResultViewSet, "lab"),
    ("self-tests", SelfTestViewSet, "self-test"),
    ("courses", CourseViewSet, "course"),
    ("doses", DoseViewSet, "dose"),
    ("side-effects", SideEffectViewSet, "side-effect"),
):
    per_patient.register(prefix, viewset, basename=f"clinician-{name}")

urlpatterns = [
    path("visit-note/", api.VisitNoteView.as_view(), name="visit-note"),
    path(
        "clinician/patients/<int:patient_pk>/visit-note/",
        api.VisitNoteView.as_view(),
        name="clinician-visit-note",
    ),
    path(
        "clinician/patients/<int:patient_pk>/adherence/",
        AdherenceView.as_view(),
        name="clinician-adherence",
    ),
    path(
        "clinician/patients/<int:patient_pk>/progression/",
        ProgressionView.as_view(),
        name="clinician-progression",
    ),
    path(
        "clinician/patients/<int:patient_pk>/summary/",
        SummaryView.as_view(),
        name="clinician-visit-summary",
    ),
    path(
        "clinician/patients/<int:patient_pk>/export/",
        ExportView.as_view(),
        name="clinician-export",
    ),
    path("clinician/accept/", api.AcceptView.as_view(), name="clinician-accept"),
    path("clinician/patients/<int:patient_pk>/", include(per_patient.urls)),
    *router.urls,
]
