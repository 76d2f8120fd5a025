"""The clinician's pages: the panel and, per sharing patient, their record."""

from django.urls import path

from journal.views.dashboard import DashboardView
from journal.views.summary import SummaryPdfView, SummaryView

from . import views

app_name = "clinician"

urlpatterns = [
    path("", views.PanelView.as_view(), name="panel"),
    path("settings/", views.ClinicianSettingsView.as_view(), name="settings"),
    path("patients/<int:patient_id>/", views.ClinicianPatientView.as_view(), name="patient"),
    path(
        "patients/<int:patient_id>/progression/",
        DashboardView.as_view(),
        name="progression",
    ),
    path("patients/<int:patient_id>/measures/", views.ClinicianEdssView.as_view(), name="edss_new"),
    path(
        "patients/<int:patient_id>/relapses/<int:pk>/confirm/",
        views.RelapseConfirmView.as_view(),
        name="relapse_confirm",
    ),
    path("patients/<int:patient_id>/notes/", views.ClinicalNoteView.as_view(), name="note_new"),
    path("patients/<int:patient_id>/summary/", SummaryView.as_view(), name="summary"),
    path("patients/<int:patient_id>/summary.pdf", SummaryPdfView.as_view(), name="summary_pdf"),
]
