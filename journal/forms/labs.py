"""The monitoring lab result form: the value and range as on the report, in its unit."""

from django import forms

from journal import lab_rules
from journal.models import LabResult
from journal.rules import RuleViolation

from .records import OwnedForm
from .widgets import DateInput

NUMBER = {"step": "any", "inputmode": "decimal"}


class LabResultForm(OwnedForm):
    """``value`` and the range are typed in ``unit`` and stored converted: they are
    form fields of their own (not in ``Meta.fields``), so the model's messages about
    them still land next to them."""

    value = forms.FloatField(
        label="Result",
        widget=forms.NumberInput(attrs=NUMBER),
        error_messages={"required": "Enter the result from your lab report."},
    )
    reference_low = forms.FloatField(
        label="Reference range from", required=False, widget=forms.NumberInput(attrs=NUMBER)
    )
    reference_high = forms.FloatField(
        label="Reference range to",
        required=False,
        widget=forms.NumberInput(attrs=NUMBER),
        help_text="Copy the range printed next to the result, if there is one, in the same unit.",
    )
    field_order = ("date", "kind", "value", "unit", "reference_low", "reference_high", "note")

    class Meta:
        model = LabResult
        fields = ("date", "kind", "unit", "note")
        widgets = {"date": DateInput, "kind": forms.RadioSelect, "unit": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lab = self.instance
        if lab.pk:
            self.fields["value"].initial = lab.shown_value
            self.fields["reference_low"].initial = lab.in_unit(lab.reference_low)
            self.fields["reference_high"].initial = lab.in_unit(lab.reference_high)
        self.fields["unit"].help_text = " ".join(
            f"{spec.label}: {' or '.join(lab_rules.UNIT_LABELS[u] for u in spec.units)}."
            for spec in lab_rules.KINDS.values()
        )

    def clean(self):
        data = super().clean()
        kind, unit = data.get("kind"), data.get("unit")
        if kind in lab_rules.KINDS and unit and data.get("value") is not None:
            self.instance.kind = kind
            try:
                self.instance.set_values(
                    data["value"], unit, data.get("reference_low"), data.get("reference_high")
                )
            except RuleViolation as violation:
                self.add_error(violation.field, violation.message)
        return data
