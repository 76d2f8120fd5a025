"""Care team forms: a share's scope and expiry, an invitation, a clinician's code and
settings."""

from django import forms

from journal.progression_definitions import DEFINITIONS
from mstracker.forms import BootstrapFormMixin
from mstracker.stale_forms import VersionedModelFormMixin

from .models import ClinicianPreferences
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
