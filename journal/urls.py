"""Browser pages under /journal/ (namespace "journal")."""

from django.urls import path

from .views import checkins, mri, questionnaires, records, selftests
from .views.dashboard import DashboardView
from .views.first_run import FirstRunView
from .views.summary import SummaryPdfView, SummaryView
from .views.today import TodayView

app_name = "journal"

DATE = "<str:date>"

urlpatterns = [
    path("", records.HistoryView.as_view(), name="history"),
    path("today/", TodayView.as_view(), name="today"),
    path("welcome/", FirstRunView.as_view(), name="welcome"),
    path("progression/", DashboardView.as_view(), name="dashboard"),
    path("summary/", SummaryView.as_view(), name="summary"),
    path("summary.pdf", SummaryPdfView.as_view(), name="summary_pdf"),
    # Check-ins and symptoms
    path("checkins/", checkins.CheckInListView.as_view(), name="checkin_list"),
    path(f"checkins/{DATE}/", checkins.CheckInEditView.as_view(), name="checkin_edit"),
    path(f"checkins/{DATE}/delete/", checkins.CheckInDeleteView.as_view(), name="checkin_delete"),
    path("symptoms/", checkins.SymptomSettingsView.as_view(), name="symptoms"),
    # Relapses
    path("relapses/", records.RelapseListView.as_view(), name="relapse_list"),
    path("relapses/new/", records.RelapseCreateView.as_view(), name="relapse_new"),
    path("relapses/<int:pk>/", records.RelapseUpdateView.as_view(), name="relapse_edit"),
    path("relapses/<int:pk>/delete/", records.RelapseDeleteView.as_view(), name="relapse_delete"),
    # Disability measures
    path("measures/", records.MeasureListView.as_view(), name="measure_list"),
    path("measures/new/<slug:kind>/", records.MeasureCreateView.as_view(), name="measure_new"),
    path("measures/<int:pk>/", records.MeasureUpdateView.as_view(), name="measure_edit"),
    path("measures/<int:pk>/delete/", records.MeasureDeleteView.as_view(), name="measure_delete"),
    # Self-tests in the browser
    path("self-tests/", selftests.SelfTestListView.as_view(), name="selftests"),
    path("self-tests/symbol-digit/", selftests.SymbolDigitView.as_view(), name="selftest_sdt"),
    path("self-tests/tapping/<slug:hand>/", selftests.TappingView.as_view(), name="selftest_tap"),
    # MRI reports
    path("mri/", mri.MriListView.as_view(), name="mri_list"),
    path("mri/new/", mri.MriCreateView.as_view(), name="mri_new"),
    path("mri/<int:pk>/", mri.MriUpdateView.as_view(), name="mri_edit"),
    path("mri/<int:pk>/delete/", mri.MriDeleteView.as_view(), name="mri_delete"),
    # Monitoring blood tests
    path("labs/", mri.LabListView.as_view(), name="lab_list"),
    path("labs/new/", mri.LabCreateView.as_view(), name="lab_new"),
    path("labs/<int:pk>/", mri.LabUpdateView.as_view(), name="lab_edit"),
    path("labs/<int:pk>/delete/", mri.LabDeleteView.as_view(), name="lab_delete"),
    # Questionnaires
    path(
        "questionnaires/", questionnaires.QuestionnaireListView.as_view(), name="questionnaire_list"
    ),
    path(
        "questionnaires/new/<slug:kind>/",
        questionnaires.QuestionnaireCreateView.as_view(),
        name="questionnaire_new",
    ),
    path(
        "questionnaires/<int:pk>/",
        questionnaires.QuestionnaireDetailView.as_view(),
        name="questionnaire_detail",
    ),
    path(
        "questionnaires/<int:pk>/edit/",
        questionnaires.QuestionnaireUpdateView.as_view(),
        name="questionnaire_edit",
    ),
    path(
        "questionnaires/<int:pk>/delete/",
        questionnaires.QuestionnaireDeleteView.as_view(),
        name="questionnaire_delete",
    ),
    # Exercise
    path("exercise/", records.ExerciseListView.as_view(), name="exercise_list"),
    path("exercise/new/", records.ExerciseCreateView.as_view(), name="exercise_new"),
    path("exercise/goal/", records.ExerciseGoalView.as_view(), name="exercise_goal"),
    path("exercise/<int:pk>/", records.ExerciseUpdateView.as_view(), name="exercise_edit"),
    path("exercise/<int:pk>/delete/", records.ExerciseDeleteView.as_view(), name="exercise_delete"),
    # Vitamin D
    path("vitamin-d/", records.VitaminDView.as_view(), name="vitd"),
    path("vitamin-d/doses/new/", records.DoseCreateView.as_view(), name="vitd_dose_new"),
    path("vitamin-d/doses/<int:pk>/", records.DoseUpdateView.as_view(), name="vitd_dose_edit"),
    path(
        "vitamin-d/doses/<int:pk>/delete/",
        records.DoseDeleteView.as_view(),
        name="vitd_dose_delete",
    ),
    path("vitamin-d/levels/new/", records.LevelCreateView.as_view(), name="vitd_level_new"),
    path("vitamin-d/levels/<int:pk>/", records.LevelUpdateView.as_view(), name="vitd_level_edit"),
    path(
        "vitamin-d/levels/<int:pk>/delete/",
        records.LevelDeleteView.as_view(),
        name="vitd_level_delete",
    ),
    # Smoking
    path("smoking/", records.SmokingListView.as_view(), name="smoking_list"),
    path("smoking/new/", records.SmokingCreateView.as_view(), name="smoking_new"),
    path("smoking/<int:pk>/", records.SmokingUpdateView.as_view(), name="smoking_edit"),
    path("smoking/<int:pk>/delete/", records.SmokingDeleteView.as_view(), name="smoking_delete"),
]
