"""The first-run steps after sign-up: MS course, diagnosis year, current DMT,
the symptoms to track and reminder times. Each saves on its own and can be skipped."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from journal.models import JournalSettings, Symptom
from mstracker.forms import BootstrapFormMixin
from mstracker.reminders.models import Kind, Reminder
from therapies.models import Course, Drug
from therapies.models.catalogue import Category

from .widgets import DateInput


class CourseStepForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ("ms_course",)
        labels = {"ms_course": "Which kind of MS do you have?"}
        widgets = {"ms_course": forms.RadioSelect}
        help_texts = {"ms_course": "As your neurologist named it; you can change it later."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, instance=user, **kwargs)
        self.fields["ms_course"].choices = [
            c for c in self.fields["ms_course"].choices if c[0] != ""
        ]


class DiagnosisStepForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ("diagnosis_year",)
        labels = {"diagnosis_year": "In which year were you diagnosed?"}
        help_texts = {"diagnosis_year": "The year is enough, e.g. 2019."}
        widgets = {"diagnosis_year": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, instance=user, **kwargs)
        self.fields["diagnosis_year"].required = True
        self.fields["diagnosis_year"].error_messages["required"] = (
            "Enter the year, or skip this step."
        )


class DmtStepForm(BootstrapFormMixin, forms.Form):
    """Pick the DMT from the catalogue: this starts a therapy course with the
    catalogue's usual dose and schedule (changeable on the Therapies page)."""

    drug = forms.ModelChoiceField(
        label="Which disease-modifying therapy (DMT) do you take now?",
        queryset=Drug.objects.none(),
        empty_label="Choose your DMT",
        error_messages={"required": "Choose your DMT, or skip this step."},
    )
    start = forms.DateField(
        label="Since when?", widget=DateInput, help_text="The first day of this course."
    )
    dose = forms.DecimalField(
        label="Dose (optional)",
        required=False,
        min_value=0,
        help_text="Leave empty for the usual dose of the catalogue.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["drug"].queryset = (
            Drug.objects.available_to(user).filter(category=Category.DMT).order_by("name")
        )
        self.fields["start"].initial = user.local_today()

    def clean(self):
        data = super().clean()
        drug = data.get("drug")
        if drug is None or "start" not in data:
            return data
        dose = data.get("dose") or drug.usual_dose
        if dose is None:
            self.add_error("dose", "This drug has no usual dose in the catalogue: enter yours.")
            return data
        units = dict(Course._meta.get_field("dose_unit").choices)
        self.course = Course(
            user=self.user,
            drug=drug,
            start=data["start"],
            dose=dose,
            **({"dose_unit": drug.dose_unit} if drug.dose_unit in units else {}),
        )
        try:
            self.course.full_clean(exclude=["user"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return data

    def save(self):
        self.course.save()
        return self.course


class SymptomsStepForm(BootstrapFormMixin, forms.Form):
    """Which symptoms the check-in asks about: the catalogue plus their own."""

    track = forms.MultipleChoiceField(
        label="Which symptoms do you want to track each day?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick the ones you do not have. You can change this any time.",
    )
    own = forms.CharField(
        label="Add a symptom of your own (optional)",
        required=False,
        max_length=80,
        help_text="For example: tingling in the hands.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.symptoms = list(Symptom.objects.for_user(user))
        self.fields["track"].choices = [(str(s.pk), s.name) for s in self.symptoms]
        visible = set(Symptom.objects.visible_for(user).values_list("pk", flat=True))
        self.fields["track"].initial = [str(s.pk) for s in self.symptoms if s.pk in visible]

    def clean_own(self):
        name = self.cleaned_data["own"].strip()
        if name and Symptom.objects.for_user(self.user).filter(name__iexact=name).exists():
            raise ValidationError("You already have a symptom with this name.")
        return name

    def save(self):
        tracked = set(self.cleaned_data["track"])
        settings = JournalSettings.objects.for_user(self.user)
        settings.hidden_symptoms.set([s for s in self.symptoms if str(s.pk) not in tracked])
        name = self.cleaned_data["own"]
        if name:
            Symptom.objects.create(
                owner=self.user, name=name, code=Symptom.custom_code(self.user, name)
            )


class RemindersStepForm(BootstrapFormMixin, forms.Form):
    """When to be reminded; an empty time turns that reminder off."""

    checkin = forms.TimeField(
        label="Daily check-in reminder at",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Your local time. Leave empty for no check-in reminder.",
    )
    vitamin_d = forms.TimeField(
        label="Vitamin D reminder at",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Leave empty for no vitamin D reminder.",
    )
    KINDS = {"checkin": Kind.CHECKIN, "vitamin_d": Kind.VITAMIN_D}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.reminders = {
            r.kind: r for r in Reminder.objects.filter(user=user, kind__in=self.KINDS.values())
        }
        for name, kind in self.KINDS.items():
            reminder = self.reminders.get(kind)
            if reminder is None:
                del self.fields[name]
            elif reminder.enabled:
                self.fields[name].initial = reminder.local_time

    def clean(self):
        data = super().clean()
        for name, kind in self.KINDS.items():
            reminder = self.reminders.get(kind)
            if reminder is None or name in self.errors:
                continue
            at = data.get(name)
            reminder.enabled = at is not None
            if at is not None:
                reminder.local_time = at
            try:
                reminder.full_clean(exclude=["user"])
            except ValidationError as exc:
                self.add_error(name, [m for ms in exc.message_dict.values() for m in ms])
        return data

    def save(self):
        for reminder in self.reminders.values():
            reminder.reschedule()
            reminder.save()
