from django.urls import path

from . import views

app_name = "clinician"

urlpatterns = [
    path("", views.PanelView.as_view(), name="panel"),
    path("settings/", views.ClinicianSettingsView.as_view(), name="settings"),
    path("patients/<int:patient_id>/", views.ClinicianPatientView.as_view(), name="patient"),
    path("patients/<int:patient_id>/notes/", views.ClinicalNoteView.as_view(), name="note_new"),
]
