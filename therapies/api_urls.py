"""This app's resources under /api/v1/ (stable names: DESIGN.md section 7)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("drugs", api.DrugViewSet, basename="drug")
router.register("courses", api.CourseViewSet, basename="course")
router.register("doses", api.DoseViewSet, basename="dose")
router.register("side-effects", api.SideEffectViewSet, basename="side-effect")

urlpatterns = [
    *router.urls,
    path("adherence/", api.AdherenceView.as_view(), name="adherence"),
]
