"""Project-wide form rendering: every field with Bootstrap 5 markup."""

import re

from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    """Render each field through templates/forms/field.html.

    The template puts the label, help text and errors next to the input, links
    them with ``aria-describedby`` and marks invalid inputs, so every form in
    the project is accessible without per-form markup.
    """

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


_WIDGET_CLASSES = {
    "checkbox": "form-check-input",
    "radioselect": "",
    "checkboxselectmultiple": "",
    "select": "form-select",
    "selectmultiple": "form-select",
    "nullbooleanselect": "form-select",
    "range": "form-range",
}


class BootstrapFormMixin:
    """Give each widget the Bootstrap class its type needs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read the widgets from self.fields: building bound fields here would
        # freeze labels that subclasses set after this __init__.
        for field in self.fields.values():
            widget = field.widget
            if widget.is_hidden:
                continue
            kind = re.sub(r"widget$|input$", "", type(widget).__name__.lower())
            css = _WIDGET_CLASSES.get(kind, "form-control")
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
