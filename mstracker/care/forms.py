"""Care team forms: a share's scope and expiry, an invitation, a clinician's code and
settings."""

from django import forms

from journal import measure_rules
from journal.forms.records import MeasureForm
from journal.models.measures import Source
from journal.progression_definitions import DEFINITIONS
from mstracker.forms import BootstrapFormMixin
from mstracker.stale_forms import VersionedModelFormMixin

from .models import VISIT_NOTE_MAX, ClinicianPreferences, VisitNote
from .scopes import EXPIRY_CHOICES, Scope


class ShareForm(BootstrapFormMixin, forms.Form):
    scopes = forms.MultipleChoiceField(
        label="What to share",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one part of your record to share."},
    )
    expires_in_days = forms.TypedChoiceField(
        label="For how long",
        choices=[("" if d is None else d, label) for d, label in EXPIRY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        initial=182,
    )

    def clean_scopes(self):
        chosen = set(self.cleaned_data["scopes"])
        return [s for s in Scope.values if s in chosen]


class InviteForm(ShareForm):
    clinician_email = forms.EmailField(
        label="Clinician's email (optional)",
        required=False,
        help_text="Leave empty to get a one-time code and QR code to show in the clinic room.",
    )


class AcceptForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label="The patient's code",
        max_length=40,
        help_text="12 characters, shown on the patient's screen; dashes and spaces are ignored.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class VisitNoteForm(VersionedModelFormMixin, BootstrapFormMixin, forms.ModelForm):
    """The patient's note for the next visit. The version is sent even before the
    first save (0), so a second tab that also started from nothing cannot replace it."""

    class Meta:
        model = VisitNote
        fields = ["text"]
        labels = {"text": "What I want my neurologist to know"}
        help_texts = {
            "text": f"For your next visit: up to {VISIT_NOTE_MAX} characters. "
            "Everyone you share your record with can read it, and the visit summary prints it."
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": VISIT_NOTE_MAX})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.add_version_field(0)


class ClinicianEdssForm(MeasureForm):
    """An EDSS a clinician records through a share: the source is always "clinician"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, kind=measure_rules.EDSS, **kwargs)
        del self.fields["source"]
        self.instance.source = Source.CLINICIAN
        self.fields["note"].label = "Note (optional; the patient sees it)"


class ClinicianPreferencesForm(VersionedModelFormMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = ClinicianPreferences
        fields = ["progression_definition"]
        widgets = {"progression_definition": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["progression_definition"]
        field.choices = [(d.key, d.name) for d in DEFINITIONS.values()]
        field.error_messages["invalid_choice"] = "Choose one of the definitions listed."
