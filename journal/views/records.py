"""History, add, edit and delete pages for relapses, measures, exercise,
vitamin D and smoking. Each is a small configuration of the generic views."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView, UpdateView

from journal import exercise_goals, measure_rules, units
from journal.models import (
    ExerciseSession,
    JournalSettings,
    Measure,
    MeasureKind,
    Relapse,
    SmokingRecord,
    VitaminDDose,
    VitaminDLevel,
)
from mstracker.mixins import PatientRequiredMixin

from ..forms import (
    DateRangeForm,
    ExerciseForm,
    ExerciseGoalForm,
    MeasureForm,
    RelapseForm,
    SmokingForm,
    VitaminDDoseForm,
    VitaminDLevelForm,
)
from .generic import EntryCreateView, EntryDeleteView, EntryListView, EntryUpdateView

# --- Relapses ----------------------------------------------------------------


class RelapseFormConfig:
    model = Relapse
    form_class = RelapseForm
    list_url_name = "relapse_list"
    delete_url_name = "relapse_delete"
    intro = (
        "A relapse is new or returning symptoms that last at least 24 hours, without fever or "
        "infection. If you are unsure, record it and talk to your MS team."
    )
    saved_message = "Relapse saved."


class RelapseListView(EntryListView):
    model = Relapse
    date_field = "onset"
    template_name = "journal/relapse_list.html"
    heading = "Relapses"

    def get_queryset(self):
        return super().get_queryset().select_related("episode_of", "confirmed_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counted"] = Relapse.objects.filter(user=self.subject).counted().count()
        return context


class RelapseCreateView(RelapseFormConfig, EntryCreateView):
    heading = "Log a relapse"

    def get_initial(self):
        return {}


class RelapseUpdateView(RelapseFormConfig, EntryUpdateView):
    heading = "Edit relapse"


class RelapseDeleteView(EntryDeleteView):
    model = Relapse
    list_url_name = "relapse_list"


# --- Disability measures -----------------------------------------------------


class MeasureFormConfig:
    model = Measure
    form_class = MeasureForm
    list_url_name = "measure_list"
    delete_url_name = "measure_delete"
    saved_message = "Measure saved."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.get_kind()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.get_kind()
        context["heading"] = f"{self.verb} {measure_rules.SCALES[kind].label}"
        if kind == measure_rules.EDSS:
            context["intro"] = (
                "Your EDSS is given by your neurologist, often in the clinic letter. "
                "Say where the number comes from."
            )
        return context


class MeasureListView(EntryListView):
    model = Measure
    template_name = "journal/measure_list.html"
    heading = "Disability measures"

    kind_choices = MeasureKind.choices


class MeasureCreateView(MeasureFormConfig, EntryCreateView):
    verb = "Record"

    def get_kind(self):
        kind = self.kwargs["kind"]
        if kind not in measure_rules.SCALES or kind in measure_rules.SELF_TESTS:
            raise Http404  # self-test results come from a run, never typed in
        return kind


class MeasureUpdateView(MeasureFormConfig, EntryUpdateView):
    verb = "Edit"

    def get_kind(self):
        return self.object.kind


class MeasureDeleteView(EntryDeleteView):
    model = Measure
    list_url_name = "measure_list"


# --- Exercise ----------------------------------------------------------------


class ExerciseFormConfig:
    model = ExerciseSession
    form_class = ExerciseForm
    list_url_name = "exercise_list"
    delete_url_name = "exercise_delete"
    saved_message = "Exercise saved."


class ExerciseListView(EntryListView):
    model = ExerciseSession
    template_name = "journal/exercise_list.html"
    heading = "Exercise"
    weeks_shown = 8

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.subject
        today = user.local_today()
        settings = JournalSettings.objects.for_user(user)
        first = exercise_goals.week_start(today) - timedelta(weeks=self.weeks_shown - 1)
        sessions = ExerciseSession.objects.filter(user=user, date__gte=first, date__lte=today)
        context["weeks"] = exercise_goals.weekly_summaries(
            sessions.values_list("date", "kind", "minutes"),
            first,
            today,
            settings.exercise_goal_minutes,
            settings.exercise_goal_sessions,
        )
        context["settings"] = settings
        context["this_week"] = exercise_goals.week_start(today)  # the only one "not yet" met
        return context


class ExerciseCreateView(ExerciseFormConfig, EntryCreateView):
    heading = "Log exercise"


class ExerciseUpdateView(ExerciseFormConfig, EntryUpdateView):
    heading = "Edit exercise"


class ExerciseDeleteView(EntryDeleteView):
    model = ExerciseSession
    list_url_name = "exercise_list"


class ExerciseGoalView(PatientRequiredMixin, UpdateView):
    form_class = ExerciseGoalForm
    template_name = "journal/entry_form.html"
    extra_context = {
        "heading": "Your weekly exercise goal",
        "intro": "The usual advice for people with MS is about 30 minutes of aerobic exercise, "
        "3 times a week. Set what suits you; your MS team or physiotherapist can help.",
    }

    def get_object(self, queryset=None):
        return JournalSettings.objects.for_user(self.subject)

    def get_success_url(self):
        return reverse("journal:exercise_list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.get_success_url(), **kwargs)


# --- Vitamin D ---------------------------------------------------------------


class VitaminDView(PatientRequiredMixin, TemplateView):
    """Doses and blood levels on one page, each filtered by the same date range."""

    template_name = "journal/vitamin_d.html"
    limit = 60

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.subject
        filter_form = DateRangeForm(self.request.GET or None)
        doses = filter_form.filter(VitaminDDose.objects.filter(user=user))
        levels = filter_form.filter(VitaminDLevel.objects.filter(user=user))
        context.update(
            filter_form=filter_form,
            doses=doses[: self.limit],
            levels=levels[: self.limit],
            bands=units.band_table(),
        )
        return context


class DoseFormConfig:
    model = VitaminDDose
    form_class = VitaminDDoseForm
    list_url_name = "vitd"
    delete_url_name = "vitd_dose_delete"
    saved_message = "Vitamin D dose saved."


class DoseCreateView(DoseFormConfig, EntryCreateView):
    heading = "Log a vitamin D dose"

    def get_initial(self):
        """The usual dose (the latest one logged) filled in: most days repeat it."""
        initial = super().get_initial()
        usual = VitaminDDose.objects.filter(user=self.subject).first()
        if usual is not None:
            initial.update(iu=usual.iu, regimen=usual.regimen)
        return initial

    def form_valid(self, form):
        response = super().form_valid(form)
        same_day = VitaminDDose.objects.filter(user=self.subject, date=self.object.date)
        if same_day.count() > 1:
            messages.warning(
                self.request,
                f"You have now logged {same_day.count()} vitamin D doses on "
                f"{self.object.date:%-d %B %Y}. If one is a duplicate, open it below and "
                "delete it.",
            )
        return response


class DoseUpdateView(DoseFormConfig, EntryUpdateView):
    heading = "Edit vitamin D dose"


class DoseDeleteView(EntryDeleteView):
    model = VitaminDDose
    list_url_name = "vitd"


class LevelFormConfig:
    model = VitaminDLevel
    form_class = VitaminDLevelForm
    list_url_name = "vitd"
    delete_url_name = "vitd_level_delete"
    saved_message = "Vitamin D result saved."
    intro = "Enter the 25(OH)D result as on your lab report, in ng/mL or nmol/L."


class LevelCreateView(LevelFormConfig, EntryCreateView):
    heading = "Record a vitamin D blood result"


class LevelUpdateView(LevelFormConfig, EntryUpdateView):
    heading = "Edit vitamin D blood result"


class LevelDeleteView(EntryDeleteView):
    model = VitaminDLevel
    list_url_name = "vitd"


# --- Smoking -----------------------------------------------------------------


class SmokingFormConfig:
    model = SmokingRecord
    form_class = SmokingForm
    list_url_name = "smoking_list"
    delete_url_name = "smoking_delete"
    saved_message = "Smoking status saved."


class SmokingListView(EntryListView):
    model = SmokingRecord
    template_name = "journal/smoking_list.html"
    heading = "Smoking"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest, quit_on, days = SmokingRecord.objects.smoke_free(
            self.subject, self.subject.local_today()
        )
        context.update(latest=latest, quit_date=quit_on, smoke_free_days=days)
        return context


class SmokingCreateView(SmokingFormConfig, EntryCreateView):
    heading = "Record your smoking status"


class SmokingUpdateView(SmokingFormConfig, EntryUpdateView):
    heading = "Edit smoking status"


class SmokingDeleteView(EntryDeleteView):
    model = SmokingRecord
    list_url_name = "smoking_list"


class HistoryView(PatientRequiredMixin, TemplateView):
    """The index of the history pages."""

    template_name = "journal/history.html"
