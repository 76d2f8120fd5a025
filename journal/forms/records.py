"""Forms for relapses, measures, questionnaires, exercise, vitamin D and smoking.

Each is a thin ModelForm: the model's ``clean()`` holds the rules, so the
messages here are the ones the API gives.
"""

from django import forms

from journal import measure_rules, questionnaires, units
from journal.models import (
    ExerciseSession,
    Function,
    JournalSettings,
    LevelUnit,
    Measure,
    QuestionnaireResponse,
    Relapse,
    SmokingRecord,
    VitaminDDose,
    VitaminDLevel,
)
from mstracker.forms import BootstrapFormMixin
from mstracker.stale_forms import VersionedModelFormMixin

from .widgets import ButtonChoices, DateInput


class OwnedForm(VersionedModelFormMixin, BootstrapFormMixin, forms.ModelForm):
    """A ModelForm for the patient's own rows: the owner is set before validation."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.user = user


class RelapseForm(OwnedForm):
    functions = forms.MultipleChoiceField(
        label="What did it affect?",
        choices=Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Relapse
        fields = (
            "onset",
            "end",
            "lasted_hours",
            "functions",
            "severity",
            "fever_or_infection",
            "steroids",
            "hospitalised",
            "recovery",
            "clinician_confirmed",
            "note",
        )
        widgets = {
            "onset": DateInput,
            "end": DateInput,
            "severity": forms.RadioSelect,
            "recovery": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
            "lasted_hours": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }
        labels = {"onset": "When did the symptoms begin?", "end": "When did they end?"}


class MeasureForm(OwnedForm):
    """One scale per form (``kind``), with the widget that scale needs."""

    class Meta:
        model = Measure
        fields = ("date", "value", "source", "note")
        widgets = {"date": DateInput, "source": forms.RadioSelect}

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        scale = measure_rules.SCALES[kind]
        if kind == measure_rules.PDDS:
            self.fields["value"] = forms.TypedChoiceField(
                label="Which step describes you best?",
                choices=[
                    (float(n), f"{n} – {title}: {text}")
                    for n, title, text in measure_rules.PDDS_STEPS
                ],
                coerce=float,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose the step that fits you best.",
                    "invalid_choice": "PDDS is a whole step from 0 to 8.",
                },
            )
        else:
            step = "0.5" if kind == measure_rules.EDSS else "0.1"
            self.fields["value"].widget = forms.NumberInput(
                attrs={"step": step, "inputmode": "decimal", "class": "form-control"}
            )
            self.fields["value"].label = (
                "EDSS score" if kind == measure_rules.EDSS else f"{scale.label} (seconds)"
            )
        self.fields["value"].help_text = scale.help
        self.fields["value"].error_messages["required"] = "Enter the value."
        if kind != measure_rules.EDSS:
            self.fields["source"].initial = "self"
        # BootstrapFormMixin built bound fields before the swap above.
        self._bound_fields_cache.pop("value", None)


class QuestionnaireForm(OwnedForm):
    """One question per item, each a fieldset of the four answers."""

    class Meta:
        model = QuestionnaireResponse
        fields = ("date",)
        widgets = {"date": DateInput}

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kind = kind
        self.instrument = questionnaires.INSTRUMENTS[kind]
        previous = self.instance.answers if self.instance.pk else None
        for number, text in enumerate(self.instrument.items, start=1):
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=f"{number}. {text}",
                choices=questionnaires.OPTIONS,
                coerce=int,
                widget=ButtonChoices,
                initial=previous[number - 1] if previous else None,
                error_messages={"required": "Please answer this question."},
            )

    def clean(self):
        data = super().clean()
        count = len(self.instrument.items)
        answers = [data.get(f"item_{n}") for n in range(1, count + 1)]
        if all(a is not None for a in answers):
            self.instance.answers = answers
        else:
            self.instance.answers = None
        return data

    def _post_clean(self):
        if self.instance.answers is None:
            # Unanswered items already have their own messages.
            return
        super()._post_clean()


class ExerciseForm(OwnedForm):
    class Meta:
        model = ExerciseSession
        fields = ("date", "kind", "minutes", "intensity", "note")
        widgets = {
            "date": DateInput,
            "kind": forms.RadioSelect,
            "intensity": forms.RadioSelect,
            "minutes": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 600}),
        }


class ExerciseGoalForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = JournalSettings
        fields = ("exercise_goal_minutes", "exercise_goal_sessions")


class VitaminDDoseForm(OwnedForm):
    class Meta:
        model = VitaminDDose
        fields = ("date", "iu", "regimen")
        widgets = {
            "date": DateInput,
            "regimen": forms.RadioSelect,
            "iu": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 50000}),
        }


class VitaminDLevelForm(OwnedForm):
    value = forms.FloatField(
        label="Result",
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
        error_messages={"required": "Enter the result from your lab report."},
    )

    class Meta:
        model = VitaminDLevel
        fields = ("date", "value", "unit")
        widgets = {"date": DateInput, "unit": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["value"].initial = self.instance.value
        self.fields["unit"].choices = LevelUnit.choices

    def clean(self):
        data = super().clean()
        if data.get("value") is not None and data.get("unit") in units.UNITS:
            self.instance.set_value(data["value"], data["unit"])
        return data


class SmokingForm(OwnedForm):
    class Meta:
        model = SmokingRecord
        fields = ("date", "status", "cigarettes", "vaping", "quit_date")
        widgets = {
            "date": DateInput,
            "quit_date": DateInput,
            "status": forms.RadioSelect,
            "cigarettes": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 100}),
        }
