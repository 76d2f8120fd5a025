from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)

from mstracker.forms import BootstrapFormMixin

from .models import Role, User, time_zone_names

EMAIL_TAKEN = "An account with this email address already exists."


def clean_unique_email(form):
    email = form.cleaned_data["email"]
    if User.objects.email_taken(email, exclude=form.instance):
        raise forms.ValidationError(EMAIL_TAKEN, code="email_taken")
    return email


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=[(name, name) for name in time_zone_names()], **kwargs)


class SignupForm(BootstrapFormMixin, UserCreationForm):
    role = forms.ChoiceField(
        label="I am a",
        choices=Role.choices,
        widget=forms.RadioSelect,
        initial=Role.PATIENT,
        help_text="Clinicians only see patients who choose to share with them.",
    )
    time_zone = TimeZoneField(
        initial="UTC", help_text="Reminders arrive at your local time in this zone."
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "role", "time_zone")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "For password resets and reminders. Never shared."
        self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = "true"
        self.fields["email"].widget.attrs["autocomplete"] = "email"  # WCAG 1.3.5

    clean_email = clean_unique_email


class ProfileForm(BootstrapFormMixin, forms.ModelForm):
    time_zone = TimeZoneField(help_text="Reminders and your daily dates follow this zone.")

    class Meta:
        model = User
        fields = ("email", "first_name", "time_zone", "ms_course", "diagnosis_year")
        labels = {"first_name": "Name shown to you and your care team"}
        help_texts = {
            "diagnosis_year": "Leave empty if you are not diagnosed or prefer not to say."
        }
        # The purpose of each personal field, for autofill (WCAG 1.3.5).
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
        }

    clean_email = clean_unique_email


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or email"


class BootstrapPasswordChangeForm(BootstrapFormMixin, PasswordChangeForm):
    pass


class BootstrapPasswordResetForm(BootstrapFormMixin, PasswordResetForm):
    pass


class BootstrapSetPasswordForm(BootstrapFormMixin, SetPasswordForm):
    pass
