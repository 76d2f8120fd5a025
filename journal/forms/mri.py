"""The MRI report form; a lesion count is "none", a number, or "not stated"."""

from django import forms
from django.core.exceptions import ValidationError

from journal.models import MriReport

from .records import OwnedForm
from .widgets import DateInput

NONE, NUMBER, NOT_STATED = "none", "number", "not_stated"
ANSWERS = [(NONE, "None"), (NUMBER, "A number"), (NOT_STATED, "Not stated")]


class LesionCountWidget(forms.MultiWidget):
    """Three choices as toggle buttons, and the number beside them."""

    template_name = "journal/widgets/lesion_count.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        super().__init__(
            (
                forms.RadioSelect(choices=ANSWERS),
                forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            ),
            attrs,
        )

    def decompress(self, value):
        if value is None:
            return [NOT_STATED, None]
        if value == 0:
            return [NONE, None]
        return [NUMBER, value]


class LesionCountField(forms.MultiValueField):
    """0 for "none", None for "not stated", else the number given."""

    widget = LesionCountWidget

    def __init__(self, **kwargs):
        fields = (
            forms.ChoiceField(
                choices=ANSWERS,
                error_messages={"required": "Choose none, a number, or not stated."},
            ),
            forms.IntegerField(required=False),
        )
        kwargs.setdefault(
            "error_messages",
            {"required": "Choose none, a number, or not stated.", "incomplete": ""},
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list:
            return None
        answer, number = (list(data_list) + [None, None])[:2]
        if answer == NONE:
            return 0
        if answer == NUMBER:
            if number is None:
                raise ValidationError("Enter how many the report gives.", code="required")
            return number
        return None


class MriReportForm(OwnedForm):
    new_t2_lesions = LesionCountField(
        label="New or enlarging T2 lesions",
        help_text='Compared with the previous scan. "Not stated" when the letter does not say.',
    )
    enhancing_lesions = LesionCountField(
        label="Gadolinium-enhancing lesions",
        help_text="Only on a scan with contrast. "
        '"Not stated" when the letter does not say or no contrast was given.',
    )

    class Meta:
        model = MriReport
        fields = (
            "date",
            "region",
            "contrast",
            "new_t2_lesions",
            "enhancing_lesions",
            "brain_volume_change",
            "summary",
            "source",
        )
        widgets = {
            "date": DateInput,
            "region": forms.RadioSelect,
            "source": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "brain_volume_change": forms.NumberInput(
                attrs={"step": "0.01", "inputmode": "decimal"}
            ),
        }
        labels = {"summary": "Summary (the report's conclusion in your words or its own)"}
