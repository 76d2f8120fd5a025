"""The "Your data" page's forms: import a file, delete the account."""

from django import forms
from django.conf import settings
from rest_framework.exceptions import ParseError

from mstracker.accounts.two_factor import has_two_factor
from mstracker.api import parsers
from mstracker.forms import BootstrapFormMixin

from .deletion import confirmation_errors


class ImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label="Your JSON export",
        help_text="The JSON file from this page (up to the import limit).",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    merge = forms.BooleanField(
        label="Merge into the records I already have",
        required=False,
        help_text="Records already here for a date are kept and reported, never overwritten.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is larger than the import limit of {limit // 2**20} MB."
            )
        try:
            return parsers.loads(upload.read())
        except (UnicodeDecodeError, ValueError) as exc:
            raise forms.ValidationError(f"The file is not valid JSON ({exc}).") from None
        except ParseError as exc:
            raise forms.ValidationError(str(exc.detail)) from None


class DeleteAccountForm(BootstrapFormMixin, forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Type it again to confirm that you want everything deleted.",
    )

    otp = forms.CharField(
        label="Two-factor code",
        required=False,
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        help_text="The 6 digits your authenticator app shows now, or a recovery code.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not has_two_factor(user):
            del self.fields["otp"]

    def clean(self):
        cleaned = super().clean()
        if "password" in cleaned:
            errors = confirmation_errors(self.user, cleaned["password"], cleaned.get("otp", ""))
            for field, message in errors.items():
                self.add_error(field, message)
        return cleaned
