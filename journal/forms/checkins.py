"""The daily check-in form, the patient's own symptoms, and the history date filter."""

from django import forms
from django.core.exceptions import ValidationError

from journal.models import CheckIn, Symptom
from mstracker.date_fields import FilterDateField
from mstracker.forms import BootstrapFormMixin
from mstracker.stale_forms import VersionedFormMixin

from .widgets import DateInput, ScoreScale

SCORE_CHOICES = [(i, str(i)) for i in range(11)]
NOT_RATED = ""
NOT_RATED_LABEL = "Not rated"


def score_field(label, help_text, required=False):
    """A 0-10 scale; an optional one also offers "not rated" (not recorded)."""
    choices = SCORE_CHOICES if required else [(NOT_RATED, NOT_RATED_LABEL), *SCORE_CHOICES]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=required,
        widget=ScoreScale,
        help_text=help_text,
        error_messages={
            "required": "Choose a number from 0 to 10.",
            "invalid_choice": "Choose a number from 0 to 10.",
        },
    )


class CheckInForm(VersionedFormMixin, BootstrapFormMixin, forms.Form):
    """Wellbeing, a score per symptom and a note, for one date.

    ``dates`` (Today page): the dates offered, the suggested one first; with
    one date it is a hidden field, with two (just after midnight) a choice.
    Without ``dates`` (editing a past date) the date comes from ``on_date``.
    ``seen`` is the check-in the form was filled from, for the first date
    (None: there was none); its version goes into the page so a stale tab
    cannot overwrite a newer save (``mstracker.stale_forms``).
    """

    date = forms.DateField(
        label="Which day is this check-in for?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the day.", "invalid": "Choose the day."},
    )
    wellbeing = score_field(
        "Overall, how are you today?", "0 = very bad, 10 = very good.", required=True
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, symptoms, dates=None, on_date=None, seen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.on_date = on_date
        self.symptoms = list(symptoms)
        if dates:
            if len(dates) == 1:
                self.fields["date"].widget = forms.HiddenInput()
            else:
                self.fields["date"].widget.choices = [
                    (d.isoformat(), f"{label}, {d:%A %-d %B}")
                    for d, label in zip(dates, ("Yesterday", "Today"), strict=True)
                ]
            self.fields["date"].initial = dates[0]
        else:
            del self.fields["date"]
        score_fields = {}
        for symptom in self.symptoms:
            score_fields[self.score_name(symptom)] = score_field(
                symptom.name,
                f"0 = {symptom.anchor_low}. 10 = {symptom.anchor_high}. "
                "Not rated: nothing is recorded for it.",
            )
        # Symptoms first, so a stable day is a few taps from the top.
        wellbeing, note = self.fields.pop("wellbeing"), self.fields.pop("note")
        self.fields.update(score_fields)
        self.fields["wellbeing"] = wellbeing
        self.fields["note"] = note
        for name in score_fields:
            self.fields[name].widget.attrs.pop("class", None)
        self.fields["wellbeing"].widget.attrs.pop("class", None)
        self.add_version_field(seen.version if seen else 0)
        self.fields["seen_date"] = forms.DateField(
            widget=forms.HiddenInput, required=False, initial=dates[0] if dates else on_date
        )

    @staticmethod
    def score_name(symptom):
        return f"score_{symptom.code}"

    def score_fields(self):
        return [self[self.score_name(s)] for s in self.symptoms]

    def hidden_field_errors(self):
        """Errors of hidden fields (the date on Today), shown above the form."""
        return [error for field in self.hidden_fields() for error in field.errors]

    @classmethod
    def initial_for(cls, checkin, previous):
        """Fill from the date's own check-in, else from the last one before it
        (yesterday's symptoms: on a stable day the patient only confirms)."""
        source = checkin or previous
        if source is None:
            return {}
        initial = {cls.score_name(s.symptom): s.score for s in source.scores.all()}
        initial["wellbeing"] = source.wellbeing
        if checkin is not None:
            initial["note"] = checkin.note
        return initial

    def clean(self):
        data = super().clean()
        on_date = data.get("date", self.on_date)
        candidate = CheckIn(
            user=self.user, date=on_date, wellbeing=data.get("wellbeing"), note=data.get("note", "")
        )
        try:
            candidate.full_clean(
                exclude=["user", "wellbeing"] if "wellbeing" in self.errors else ["user"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return data

    def saved_values(self, saved):
        values = {self.score_name(s.symptom): s.score for s in saved.scores.all()}
        return {**values, "wellbeing": saved.wellbeing, "note": saved.note}

    def save(self):
        """Save the check-in; ``RecordModifiedError`` when the date's check-in is
        not the one this form was filled from (a date the form did not show
        counts as seen empty)."""
        data = self.cleaned_data
        on_date = data.get("date", self.on_date)
        seen = self.seen_version()
        if seen is not None and data.get("seen_date") not in (None, on_date):
            seen = 0
        scores = {s: data.get(self.score_name(s)) for s in self.symptoms}
        return CheckIn.objects.record(
            self.user,
            on_date,
            wellbeing=data["wellbeing"],
            note=data.get("note", ""),
            scores=scores,
            seen_version=seen,
        )


class SameAsYesterdayForm(forms.Form):
    """The one-tap "Same as yesterday" on Today: which date, and the version of
    that date's check-in the page showed (0: none), so a check-in saved since
    in another tab is refused, not overwritten."""

    date = forms.DateField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    def __init__(self, *args, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.dates = dates
        self.fields["date"].initial = dates[0]

    def clean_date(self):
        on_date = self.cleaned_data["date"]
        if on_date not in self.dates:
            raise ValidationError("Choose the day.")
        return on_date


class OwnSymptomForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Symptom
        fields = ("name", "anchor_low", "anchor_high")
        labels = {"name": "Symptom name"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = user

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        owner = self.instance.owner
        if (
            Symptom.objects.for_user(owner)
            .filter(name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError("You already have a symptom with this name.")
        return name

    def save(self, commit=True):
        if not self.instance.code:
            self.instance.code = Symptom.custom_code(self.instance.owner, self.cleaned_data["name"])
        return super().save(commit=commit)


class DateRangeForm(BootstrapFormMixin, forms.Form):
    """``?date_from=&date_to=`` on history pages."""

    date_from = FilterDateField(label="From", required=False, widget=DateInput)
    date_to = FilterDateField(label="To", required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end of the range cannot be before its start.")
        return data

    def filter(self, queryset, field="date"):
        if not self.is_valid():
            return queryset
        if self.cleaned_data.get("date_from"):
            queryset = queryset.filter(**{f"{field}__gte": self.cleaned_data["date_from"]})
        if self.cleaned_data.get("date_to"):
            queryset = queryset.filter(**{f"{field}__lte": self.cleaned_data["date_to"]})
        return queryset
