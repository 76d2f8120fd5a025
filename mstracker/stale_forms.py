"""Stale forms: a page saved from an older version of a record shows the
patient both versions and lets them choose, instead of overwriting.

Every edit form carries the version of the record it was filled from in a
hidden ``version`` field (``mstracker.versioning``). When the record changed
since (another tab, another device, a clinician), the form is not saved: it
comes back with the saved version beside the patient's own, the differences
marked, and the hidden version moved to the saved one, so pressing Save again
replaces it knowingly, while "Keep the saved version" simply reloads the page.
"""

from typing import NamedTuple

from django import forms
from django.forms.models import model_to_dict

from mstracker.versioning import RecordModifiedError

STALE_MESSAGE = (
    "This was changed in another tab or on another device after you opened it, so "
    "nothing is saved yet. Compare the two versions below: save yours to replace the "
    "saved one, or keep the saved one."
)
EMPTY = "—"


class ConflictRow(NamedTuple):
    label: str
    saved: str
    yours: str

    @property
    def differs(self):
        return self.saved != self.yours


def display(field, value):
    """``value`` (raw form data or a model value) as the words a patient reads."""
    values = value if isinstance(value, list | tuple) else [value]
    values = [v for v in values if v not in (None, "")]
    if isinstance(field, forms.BooleanField):
        return "Yes" if value in (True, "on", "true", "True", "1") else "No"
    if not values:
        return EMPTY
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = {str(getattr(key, "value", key)): str(label) for key, label in choices}
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return ", ".join(str(v) for v in values)


class VersionedFormMixin:
    """For a form that edits one versioned record; see the module docstring."""

    version_field_name = "version"
    conflict_rows = None

    def add_version_field(self, seen):
        """The hidden field holding ``seen``, the version this form was filled from."""
        self.fields[self.version_field_name] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=0, initial=seen
        )

    def seen_version(self):
        """The version the page was filled from (0: it showed no record), or None
        when the post did not come from one of our pages (no field sent)."""
        if self.add_prefix(self.version_field_name) not in self.data:
            return None
        return self.cleaned_data.get(self.version_field_name) or 0

    def saved_values(self, saved):
        """Form field name -> stored value of ``saved``, for the comparison."""
        return model_to_dict(saved, fields=list(self.fields))

    def show_conflict(self, saved):
        """Put the form in its conflict state against ``saved``, the stored record."""
        stored = self.saved_values(saved)
        rows = []
        for name, field in self.fields.items():
            if field.widget.is_hidden or name not in stored:
                continue
            value = stored[name]
            if not isinstance(value, list | tuple):
                value = field.prepare_value(value)
            yours = display(field, self[name].value())
            rows.append(ConflictRow(str(field.label or name), display(field, value), yours))
        self.conflict_rows = rows
        self.conflict_saved = saved
        self.data = self.data.copy()
        self.data[self.add_prefix(self.version_field_name)] = str(saved.version)
        self.add_error(None, forms.ValidationError(STALE_MESSAGE, code="stale"))


class VersionedModelFormMixin(VersionedFormMixin):
    """A ModelForm over a versioned record: its save is a compare-and-set on the
    version the page was filled from."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.add_version_field(self.instance.version)

    def _post_clean(self):
        super()._post_clean()
        seen = self.seen_version() if self.instance.pk is not None else None
        if seen is not None:
            self.instance.version = seen


class StaleEditViewMixin:
    """For an ``UpdateView`` of a ``VersionedModelFormMixin`` form: a save that
    lost the compare-and-set comes back as the conflict page, nothing written."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except RecordModifiedError:
            saved = type(self.object).objects.get(pk=self.object.pk)
            form.show_conflict(saved)
            self.object = saved
            return self.form_invalid(form)
