"""History, add, edit and delete pages for MRI reports and monitoring lab results."""

from journal import lab_rules
from journal.models import LabKind, LabResult, MriReport

from ..forms import LabResultForm, MriReportForm
from .generic import EntryCreateView, EntryDeleteView, EntryListView, EntryUpdateView

# --- MRI reports -------------------------------------------------------------


class MriFormConfig:
    model = MriReport
    form_class = MriReportForm
    list_url_name = "mri_list"
    delete_url_name = "mri_delete"
    saved_message = "MRI report saved."
    intro = (
        "Copy the numbers from the radiology report or your neurologist's letter. If the "
        'letter does not give a number, choose "not stated": it is not the same as none.'
    )


class MriListView(EntryListView):
    model = MriReport
    template_name = "journal/mri_list.html"
    heading = "MRI reports"


class MriCreateView(MriFormConfig, EntryCreateView):
    heading = "Record an MRI report"


class MriUpdateView(MriFormConfig, EntryUpdateView):
    heading = "Edit MRI report"


class MriDeleteView(EntryDeleteView):
    model = MriReport
    list_url_name = "mri_list"


# --- Monitoring labs ---------------------------------------------------------


class LabFormConfig:
    model = LabResult
    form_class = LabResultForm
    list_url_name = "lab_list"
    delete_url_name = "lab_delete"
    saved_message = "Lab result saved."
    intro = (
        "Blood tests your clinic does to keep a therapy safe. Enter the result and the "
        "reference range as printed on the report."
    )


class LabListView(EntryListView):
    model = LabResult
    template_name = "journal/lab_list.html"
    heading = "Blood tests"
    kind_choices = LabKind.choices

    def get_context_data(self, **kwargs):
        return super().get_context_data(kinds_help=lab_rules.KINDS, **kwargs)


class LabCreateView(LabFormConfig, EntryCreateView):
    heading = "Record a blood test result"

    def get_initial(self):
        initial = super().get_initial()
        kind = self.request.GET.get("kind")
        if kind in lab_rules.KINDS:
            initial.update(kind=kind, unit=lab_rules.KINDS[kind].unit)
        return initial


class LabUpdateView(LabFormConfig, EntryUpdateView):
    heading = "Edit blood test result"


class LabDeleteView(EntryDeleteView):
    model = LabResult
    list_url_name = "lab_list"
