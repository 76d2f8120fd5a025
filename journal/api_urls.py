"""This app's resources under /api/v1/ (names fixed by DESIGN.md section 7)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .api.checkins import CheckInViewSet, SymptomViewSet
from .api.lifestyle import (
    ExerciseViewSet,
    SmokingViewSet,
    VitaminDDoseViewSet,
    VitaminDLevelViewSet,
)
from .api.measures import MeasureViewSet, QuestionnaireViewSet
from .api.mri import LabResultViewSet, MriReportViewSet
from .api.progression import ProgressionView
from .api.relapses import RelapseViewSet
from .api.selftests import SelfTestViewSet
from .api.summary import SummaryView

router = SimpleRouter()
router.register("symptoms", SymptomViewSet, basename="symptom")
router.register("checkins", CheckInViewSet, basename="checkin")
router.register("relapses", RelapseViewSet, basename="relapse")
router.register("measures", MeasureViewSet, basename="measure")
router.register("questionnaires", QuestionnaireViewSet, basename="questionnaire")
router.register("exercise", ExerciseViewSet, basename="exercise")
router.register("vitamin-d/doses", VitaminDDoseViewSet, basename="vitamin-d-dose")
router.register("vitamin-d/levels", VitaminDLevelViewSet, basename="vitamin-d-level")
router.register("smoking", SmokingViewSet, basename="smoking")
router.register("mri", MriReportViewSet, basename="mri")
router.register("labs", LabResultViewSet, basename="lab")
router.register("self-tests", SelfTestViewSet, basename="self-test")

urlpatterns = [
    path("progression/", ProgressionView.as_view(), name="progression"),
    path("summary/", SummaryView.as_view(), name="visit-summary"),
    *router.urls,
]
