"""Browser forms for therapies. Rules live in the models and ``schedules``; forms only map them."""

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError

from mstracker.forms import BootstrapFormMixin
from mstracker.stale_forms import VersionedModelFormMixin

from .models import Course, DoseStatus, Drug, SideEffect, StopReason
from .schedules import KINDS, WEEKDAY_NAMES, Schedule, ScheduleError

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ScheduleFieldsMixin(forms.Form):
    """The parts of a schedule as simple fields; ``Schedule.from_dict`` judges them."""

    schedule_kind = forms.ChoiceField(label="How often", required=False)
    times = forms.CharField(
        label="Times of day",
        required=False,
        help_text="24-hour times separated by commas, e.g. 08:00, 20:00.",
    )
    weekdays = forms.MultipleChoiceField(
        label="Weekdays (for “on chosen weekdays”)",
        required=False,
        choices=[(name, name.capitalize()) for name in WEEKDAY_NAMES],
        widget=forms.CheckboxSelectMultiple,
    )
    interval = forms.IntegerField(
        label="Every … days or months", required=False, min_value=1, help_text="e.g. 14 or 6."
    )
    loading_days = forms.CharField(
        label="Extra first doses on days",
        required=False,
        help_text="Days from the start, the first day being 0, e.g. 0, 14.",
    )
    window_hours = forms.DecimalField(
        label="On-time window (hours either side)",
        required=False,
        min_value=0,
        help_text="Leave empty for the usual window of this kind of schedule.",
    )
    # Schedule keys → the form field that shows their errors.
    SCHEDULE_FIELDS = {
        "kind": "schedule_kind",
        "times": "times",
        "weekdays": "weekdays",
        "interval": "interval",
        "loading_days": "loading_days",
        "window_hours": "window_hours",
        "max_doses": "schedule_kind",
        "schedule": "schedule_kind",
    }
    schedule_required = False

    def setup_schedule_fields(self, current=None):
        blank = [] if self.schedule_required else [("", "As in the catalogue")]
        self.fields["schedule_kind"].choices = blank + list(KINDS.items())
        self.fields["schedule_kind"].required = self.schedule_required
        if current and not self.is_bound:
            self.initial.update(
                schedule_kind=current["kind"],
                times=", ".join(current.get("times", [])),
                weekdays=current.get("weekdays", []),
                interval=current.get("interval"),
                loading_days=", ".join(str(d) for d in current.get("loading_days", [])),
                window_hours=current.get("window_hours"),
            )

    def schedule_from_fields(self):
        """The schedule dict the fields describe, or ``None`` for "as in the catalogue"."""
        data = self.cleaned_data
        kind = data.get("schedule_kind")
        if not kind:
            return None
        schedule = {"kind": kind}
        times = [t.strip() for t in (data.get("times") or "").split(",") if t.strip()]
        if times:
            schedule["times"] = times
        if data.get("weekdays"):
            schedule["weekdays"] = data["weekdays"]
        if data.get("interval"):
            schedule["interval"] = data["interval"]
        loading = [d.strip() for d in (data.get("loading_days") or "").split(",") if d.strip()]
        if loading:
            schedule["loading_days"] = loading
        if data.get("window_hours") is not None:
            schedule["window_hours"] = float(data["window_hours"])
        try:
            return Schedule.from_dict(schedule).to_dict()
        except ScheduleError as exc:
            self.add_error(self.SCHEDULE_FIELDS.get(exc.field, "schedule_kind"), exc.message)
            return None


class CourseForm(VersionedModelFormMixin, BootstrapFormMixin, ScheduleFieldsMixin, forms.ModelForm):
    """Start or change a course; the schedule fields override the catalogue's when filled."""

    class Meta:
        model = Course
        fields = ("drug", "start", "dose", "dose_unit", "stop", "stop_reason", "note")
        widgets = {
            "start": DATE_INPUT,
            "stop": DATE_INPUT,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["drug"].queryset = Drug.objects.available_to(user)
        self.fields["dose"].widget.attrs.update(min="0", step="any", inputmode="decimal")
        self.setup_schedule_fields(self.instance.schedule_override)
        if self.instance.pk is None:
            del self.fields["stop"], self.fields["stop_reason"]

    def clean(self):
        cleaned = super().clean()
        self.instance.schedule_override = self.schedule_from_fields()
        return cleaned


class StopCourseForm(VersionedModelFormMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = ("stop", "stop_reason")
        widgets = {"stop": DATE_INPUT}
        labels = {"stop": "Last day on this drug"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stop"].required = True


class SwitchCourseForm(BootstrapFormMixin, forms.Form):
    """Stop one course the day before a new one starts, in one step."""

    drug = forms.ModelChoiceField(queryset=Drug.objects.none(), label="New drug")
    start = forms.DateField(label="First day on the new drug", widget=DATE_INPUT)
    dose = forms.DecimalField(label="New dose", max_digits=10, decimal_places=3)
    dose_unit = forms.ChoiceField(choices=Course._meta.get_field("dose_unit").choices)
    stop_reason = forms.ChoiceField(
        label="Why are you switching?", choices=[("", "---------"), *StopReason.choices]
    )

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.fields["drug"].queryset = Drug.objects.available_to(course.user).exclude(
            pk=course.drug_id
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        old = self.course
        old.stop = data["start"] - timedelta(days=1)
        old.stop_reason = data["stop_reason"]
        new = Course(
            user=old.user,
            drug=data["drug"],
            start=data["start"],
            dose=data["dose"],
            dose_unit=data["dose_unit"],
        )
        try:
            old.full_clean()
        except ValidationError:
            self.add_error(
                "start",
                f"{old.drug.name} started on {old.start:%d %B %Y}; "
                "the new drug must start after that.",
            )
        try:
            new.full_clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        self.new_course = new
        return data


class CustomDrugForm(
    VersionedModelFormMixin, BootstrapFormMixin, ScheduleFieldsMixin, forms.ModelForm
):
    schedule_required = True

    class Meta:
        model = Drug
        fields = ("name", "category", "drug_class", "route", "usual_dose", "dose_unit", "notes")
        labels = {"name": "Name of the drug"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = user
        self.setup_schedule_fields({"kind": "daily", "times": ["08:00"]})

    def clean(self):
        cleaned = super().clean()
        schedule = self.schedule_from_fields()
        if schedule is not None:
            self.instance.schedule = schedule
        if not self.instance.code:
            self.instance.name = cleaned.get("name", "")
            self.instance.code = self.instance.make_code()
        return cleaned


class SideEffectForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = SideEffect
        fields = ("course", "date", "effect", "severity", "note")
        widgets = {
            "date": DATE_INPUT,
            "severity": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"course": "Which drug"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["course"].queryset = Course.objects.filter(user=user).select_related("drug")
        self.fields["course"].label_from_instance = lambda c: (
            f"{c.drug.name} (from {c.start:%d %b %Y})"
        )


class LogDoseForm(forms.Form):
    """One tap (status only) or a later log with the local time it was taken."""

    status = forms.ChoiceField(choices=DoseStatus.choices)
    scheduled_for = forms.DateTimeField()  # ISO 8601 with offset, as the card renders it
    taken_at = forms.DateTimeField(
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_scheduled_for(self):
        value = self.cleaned_data["scheduled_for"]
        if value.tzinfo is None:
            raise ValidationError("Give the scheduled time with its offset.")
        return value

    def clean(self):
        data = super().clean()
        if data.get("status") == DoseStatus.MISSED:
            data["taken_at"] = None  # the calendar sends its time field with either button
        return data

    def clean_taken_at(self):
        value = self.cleaned_data.get("taken_at")
        if value is not None and isinstance(value, datetime):
            # datetime-local is the patient's wall clock.
            value = value.replace(tzinfo=None).replace(tzinfo=self.user.zone)
        return value
