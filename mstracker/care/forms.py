"""Care team forms: a share's scope and expiry, an invitation, a clinician's code."""

from django import forms

from mstracker.forms import BootstrapFormMixin

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
