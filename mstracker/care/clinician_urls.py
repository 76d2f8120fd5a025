from django.urls import path

from journal.views.summary import SummaryPdfView, SummaryView

from . import views

app_name = "clinician"

urlpatterns = [
    path("", views.PanelView.as_view(), name="panel"),
    path("patients/<int:patient_id>/", views.ClinicianPatientView.as_view(), name="patient"),
    path("patients/<int:patient_id>/notes/", views.ClinicalNoteView.as_view(), name="note_new"),
    path("patients/<int:patient_id>/summary/", SummaryView.as_view(), name="summary"),
    path("patients/<int:patient_id>/summary.pdf", SummaryPdfView.as_view(), name="summary_pdf"),
]
