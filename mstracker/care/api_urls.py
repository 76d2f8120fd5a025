"""This app's resources under /api/v1/ (names fixed by issue 11)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from journal.api.summary import SummaryView

from . import api

router = SimpleRouter()
router.register("shares", api.ShareViewSet, basename="share")
router.register("access-log", api.AccessLogViewSet, basename="access-event")
router.register("clinician/patients", api.ClinicianPatientViewSet, basename="clinician-patient")

# Per shared patient: /api/v1/clinician/patients/{patient_pk}/<resource>/
per_patient = SimpleRouter()
per_patient.register("notes", api.ClinicalNoteViewSet, basename="clinician-note")

urlpatterns = [
    path("visit-note/", api.VisitNoteView.as_view(), name="visit-note"),
    path(
        "clinician/patients/<int:patient_pk>/visit-note/",
        api.VisitNoteView.as_view(),
        name="clinician-visit-note",
    ),
    path(
        "clinician/patients/<int:patient_pk>/summary/",
        SummaryView.as_view(),
        name="clinician-visit-summary",
    ),
    path("clinician/accept/", api.AcceptView.as_view(), name="clinician-accept"),
    path("clinician/patients/<int:patient_pk>/", include(per_patient.urls)),
    *router.urls,
]
