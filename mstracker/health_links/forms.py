"""The "Share a link" form: contents, expiry, passcode, label."""

from django import forms

from mstracker.forms import BootstrapFormMixin

from . import contents, links, payload
from . import period as periods


class HealthLinkForm(BootstrapFormMixin, forms.Form):
    label = forms.CharField(
        label="Label",
        max_length=payload.LABEL_MAX,
        required=False,
        help_text="What the recipient sees first, e.g. “For the emergency department”. "
        "At most 80 characters.",
    )
    contents = forms.MultipleChoiceField(
        label="What goes in",
        choices=contents.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=list(contents.CHOOSABLE),
        error_messages={"required": "Choose at least one part of your record."},
        help_text="Your name always goes in. Parts that others refer to come along "
        "(an MRI report brings its findings).",
    )
    period = forms.ChoiceField(
        label="Which period",
        choices=periods.CHOICES,
        required=False,
        help_text="The visit summary's periods, worked out each time the link is opened.",
    )
    expires_in_days = forms.TypedChoiceField(
        label="Valid for",
        choices=[("" if d is None else d, label) for d, label in links.EXPIRY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        initial=7,
    )
    passcode = forms.CharField(
        label="Passcode (optional)",
        required=False,
        min_length=links.PASSCODE_MIN,
        max_length=links.PASSCODE_MAX,
        strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text="Tell it to the recipient another way (aloud, by phone). After "
        "10 wrong passcodes the link stops working.",
    )
    snapshot = forms.BooleanField(
        label="Freeze the contents now",
        required=False,
        help_text="Unticked, the recipient sees your record as it is when they open the link.",
    )
