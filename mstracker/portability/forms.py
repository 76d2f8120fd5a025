"""The "Your data" page's forms: import a file, delete the account."""

from django import forms
from django.conf import settings
from rest_framework.exceptions import ParseError

from mstracker.api import parsers
from mstracker.forms import BootstrapFormMixin


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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("This is not your password.")
        return password
