"""Therapies pages under /therapies/."""

from django.urls import path

from .views import catalogue, courses, doses, overview, side_effects, today

app_name = "therapies"

urlpatterns = [
    path("", overview.OverviewView.as_view(), name="overview"),
    path("drugs/", catalogue.CatalogueView.as_view(), name="catalogue"),
    path("drugs/new/", catalogue.CustomDrugCreateView.as_view(), name="drug_create"),
    path("courses/", courses.CourseListView.as_view(), name="courses"),
    path("courses/new/", courses.CourseStartView.as_view(), name="course_start"),
    path("courses/<int:pk>/edit/", courses.CourseEditView.as_view(), name="course_edit"),
    path("courses/<int:pk>/stop/", courses.CourseStopView.as_view(), name="course_stop"),
    path("courses/<int:pk>/switch/", courses.CourseSwitchView.as_view(), name="course_switch"),
    path("calendar/", doses.CalendarView.as_view(), name="calendar"),
    path("doses/log/", today.LogDoseView.as_view(), name="dose_log"),
    path("doses/<int:pk>/undo/", today.UndoDoseView.as_view(), name="dose_undo"),
    path("side-effects/", side_effects.SideEffectsView.as_view(), name="side_effects"),
    path(
        "side-effects/<int:pk>/delete/",
        side_effects.SideEffectDeleteView.as_view(),
        name="side_effect_delete",
    ),
]
