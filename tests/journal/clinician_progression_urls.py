"""A stand-in for the clinician's progression route (being built on main): the patient's
ProgressionView behind the access gate, with no code of its own for `definition`."""

from django.urls import path
from rest_framework.permissions import IsAuthenticated

from journal.api.progression import ProgressionView
from mstracker.care.access import SubjectViewSetMixin


class ClinicianProgressionView(SubjectViewSetMixin, ProgressionView):
    care_resource = "progression"
    permission_classes = [IsAuthenticated]


urlpatterns = [
    path(
        "api/v1/clinician/patients/<int:patient_pk>/progression/",
        ClinicianProgressionView.as_view(),
    )
]
