"""The visit summary's one choice: the period it covers (a GET form)."""

from django import forms

from journal.visit_summary import PERIODS, SINCE_VISIT


class SummaryForm(forms.Form):
    period = forms.ChoiceField(
        label="Period",
        choices=list(PERIODS.items()),
        required=False,
        error_messages={"invalid_choice": "Choose one of the periods offered."},
    )

    def period_key(self) -> str:
        """The chosen period, or the default when none (or an invalid one) was given."""
        if self.is_valid() and self.cleaned_data["period"]:
            return self.cleaned_data["period"]
        return SINCE_VISIT

    def error(self) -> str | None:
        return self.errors["period"][0] if not self.is_valid() else None
