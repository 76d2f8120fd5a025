"""Widgets for quick entry on a phone."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker; ISO format so it round-trips."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ScoreScale(forms.RadioSelect):
    """0-10 as a row of large toggle buttons, inside a fieldset with its anchors."""

    template_name = "journal/widgets/score_scale.html"


class ButtonChoices(forms.RadioSelect):
    """A few choices as large toggle buttons (e.g. questionnaire answers)."""

    template_name = "journal/widgets/button_choices.html"
