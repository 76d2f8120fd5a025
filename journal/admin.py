"""Admin for support staff: find a patient's entries, see what the rules derived."""

from django.contrib import admin

from .models import (
    CheckIn,
    ExerciseSession,
    JournalSettings,
    LabResult,
    Measure,
    MriReport,
    QuestionnaireResponse,
    Relapse,
    SmokingRecord,
    Symptom,
    SymptomScore,
    VitaminDDose,
    VitaminDLevel,
)


class OwnedAdmin(admin.ModelAdmin):
    raw_id_fields = ("user",)
    list_select_related = ("user",)
    search_fields = ("user__username", "user__email")
    date_hierarchy = "date"
    list_filter = ()


@admin.register(Symptom)
class SymptomAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "owner", "position")
    list_filter = (("owner", admin.EmptyFieldListFilter),)
    search_fields = ("name", "code", "owner__username")
    raw_id_fields = ("owner",)


@admin.register(JournalSettings)
class JournalSettingsAdmin(admin.ModelAdmin):
    list_display = ("user", "exercise_goal_minutes", "exercise_goal_sessions")
    raw_id_fields = ("user",)
    filter_horizontal = ("hidden_symptoms",)


class SymptomScoreInline(admin.TabularInline):
    model = SymptomScore
    extra = 0
    raw_id_fields = ("symptom",)


@admin.register(CheckIn)
class CheckInAdmin(OwnedAdmin):
    list_display = ("date", "user", "wellbeing")
    inlines = [SymptomScoreInline]


@admin.register(Relapse)
class RelapseAdmin(OwnedAdmin):
    list_display = (
        "onset",
        "end",
        "user",
        "severity",
        "fever_or_infection",
        "episode_of",
        "clinician_confirmed",
    )
    list_filter = ("severity", "recovery", "fever_or_infection", "clinician_confirmed")
    date_hierarchy = "onset"
    readonly_fields = ("episode_of",)


@admin.register(Measure)
class MeasureAdmin(OwnedAdmin):
    list_display = ("date", "user", "kind", "value", "source")
    list_filter = ("kind", "source")


@admin.register(QuestionnaireResponse)
class QuestionnaireAdmin(OwnedAdmin):
    list_display = ("date", "user", "kind", "score", "band")
    list_filter = ("kind", "band")
    readonly_fields = ("score", "band")


@admin.register(ExerciseSession)
class ExerciseAdmin(OwnedAdmin):
    list_display = ("date", "user", "kind", "minutes", "intensity")
    list_filter = ("kind", "intensity")


@admin.register(VitaminDDose)
class VitaminDDoseAdmin(OwnedAdmin):
    list_display = ("date", "user", "iu", "regimen")


@admin.register(VitaminDLevel)
class VitaminDLevelAdmin(OwnedAdmin):
    list_display = ("date", "user", "nmol_per_l", "unit")


@admin.register(SmokingRecord)
class SmokingAdmin(OwnedAdmin):
    list_display = ("date", "user", "status", "cigarettes", "vaping", "quit_date")
    list_filter = ("status", "vaping")


@admin.register(MriReport)
class MriReportAdmin(OwnedAdmin):
    list_display = (
        "date",
        "user",
        "region",
        "contrast",
        "new_t2_lesions",
        "enhancing_lesions",
        "source",
        "recorded_by",
    )
    list_filter = ("region", "contrast", "source")
    raw_id_fields = ("user", "recorded_by")


@admin.register(LabResult)
class LabResultAdmin(OwnedAdmin):
    list_display = ("date", "user", "kind", "value", "unit", "reference_low", "reference_high")
    list_filter = ("kind", "unit")
    raw_id_fields = ("user", "recorded_by")
