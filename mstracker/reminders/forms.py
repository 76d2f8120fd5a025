"""The form that edits one reminder on the settings page."""

from django import forms

from mstracker.forms import BootstrapFormMixin
from mstracker.stale_forms import VersionedModelFormMixin

from . import schedule
from .models import Reminder

WEEKDAY_CHOICES = [
    (str(n), label)
    for n, label in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    )
]


class ReminderForm(VersionedModelFormMixin, BootstrapFormMixin, forms.ModelForm):
    """Time, days, channel, on/off and quiet hours; the rules are the model's ``clean``."""

    weekdays = forms.MultipleChoiceField(
        label="Days",
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Reminder
        fields = (
            "enabled",
            "local_time",
            "weekdays",
            "month_day",
            "channel",
            "quiet_start",
            "quiet_end",
        )
        widgets = {
            "local_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "quiet_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "channel": forms.RadioSelect,
        }
        help_texts = {
            "quiet_start": "Nothing arrives in quiet hours: a reminder that would is skipped.",
            "local_time": "Your local time, in the time zone of your profile.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["weekdays"] = [str(d) for d in schedule.mask_weekdays(self.instance.weekdays)]
        if not self.instance.is_timed:
            for name in ("local_time", "weekdays", "month_day"):
                del self.fields[name]
        elif self.instance.month_day is not None:
            del self.fields["weekdays"]
            self.fields["month_day"].required = True
        else:
            del self.fields["month_day"]

    def clean_weekdays(self):
        return schedule.weekday_mask(int(d) for d in self.cleaned_data["weekdays"])

    def save(self, commit=True):
        reminder = super().save(commit=False)
        reminder.reschedule()
        if commit:
            reminder.save()
        return reminder
