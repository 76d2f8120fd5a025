"""The dashboard's choices: date range, disability measure, symptoms (a GET form)."""

import hashlib

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe

from journal.charts.disability import OUTCOME_NAMES
from journal.charts.symptoms import MAX_SYMPTOMS
from journal.dashboard import DEFAULT_RANGE, DEFAULT_SYMPTOMS, RANGES
from journal.dashboard_cache import code_version
from journal.progression import Outcome
from mstracker.forms import BootstrapFormMixin

# The fields the page renders (the range is a row of links), and how long their HTML
# is kept: entries are content-addressed, so expiry only frees space.
SHOWN_FIELDS = ("measure", "symptom")
FIELDS_CACHE_SECONDS = 24 * 60 * 60


class DashboardForm(BootstrapFormMixin, forms.Form):
    """What the page shows. Anything missing or invalid falls back to its default
    (`choices()`), with the message next to the field, so the page always renders."""

    range = forms.ChoiceField(
        label="Period",
        choices=[(key, label) for key, (label, _) in RANGES.items()],
        required=False,
        error_messages={"invalid_choice": "Choose one of the periods offered."},
    )
    measure = forms.ChoiceField(
        label="Disability measure",
        choices=[(o.value, OUTCOME_NAMES[o]) for o in Outcome],
        required=False,
        error_messages={"invalid_choice": "Choose one of the measures in the list."},
    )
    symptom = forms.MultipleChoiceField(
        label=f"Symptoms to show (up to {MAX_SYMPTOMS})",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "%(value)s is not one of your symptoms."},
    )

    def __init__(self, query, *, symptoms, **kwargs):
        """Bound to the request's query string, with the defaults filled in for any
        choice it leaves out, so the form shows what the page shows."""
        codes = [s.code for s in symptoms]
        data = query.copy()
        data.setdefault("range", DEFAULT_RANGE)
        data.setdefault("measure", Outcome.EDSS.value)
        if not data.getlist("symptom"):
            data.setlist("symptom", [c for c in DEFAULT_SYMPTOMS if c in codes])
        super().__init__(data, **kwargs)
        self.fields["symptom"].choices = [(s.code, s.name) for s in symptoms]

    def clean_symptom(self):
        chosen = self.cleaned_data["symptom"]
        if len(chosen) > MAX_SYMPTOMS:
            raise ValidationError(
                f"Choose up to {MAX_SYMPTOMS} symptoms; you chose {len(chosen)}. More lines "
                "on one chart are hard to tell apart.",
                code="too_many",
            )
        return chosen

    def choices(self) -> tuple[str, Outcome, tuple[str, ...]]:
        """(range key, measure, symptom codes): the valid choices, defaults otherwise."""
        self.is_valid()  # keeps the valid fields in cleaned_data
        data = self.cleaned_data
        known = {code for code, _ in self.fields["symptom"].choices}
        symptoms = tuple(data.get("symptom") or (c for c in DEFAULT_SYMPTOMS if c in known))
        return (
            data.get("range") or DEFAULT_RANGE,
            Outcome(data.get("measure") or Outcome.EDSS),
            symptoms,
        )

    def shown_fields(self) -> dict[str, SafeString]:
        """`SHOWN_FIELDS`' `as_field_group` HTML by name, from the cache when the same
        choices and values were rendered before: Django's widget templates took 3 ms
        of the page after the daily check-in. Keyed by everything the HTML shows (as
        the charts are), so equal inputs give equal HTML; a form with errors is
        rendered afresh."""
        if self.errors:
            return {name: self[name].as_field_group() for name in SHOWN_FIELDS}
        shown = [
            (name, self.fields[name].choices, self.data.getlist(name)) for name in SHOWN_FIELDS
        ]
        digest = hashlib.blake2b(repr(shown).encode(), digest_size=20).hexdigest()
        key = f"dashboard-form:{code_version()}:{digest}"
        html = cache.get(key)
        if html is None:
            html = {name: str(self[name].as_field_group()) for name in SHOWN_FIELDS}
            cache.set(key, html, FIELDS_CACHE_SECONDS)
        return {name: mark_safe(fragment) for name, fragment in html.items()}  # noqa: S308 - Django's rendering
