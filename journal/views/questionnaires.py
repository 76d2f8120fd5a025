"""PHQ-9 and GAD-7: answer, see the result (with crisis help at once), history."""

from django.http import Http404
from django.urls import reverse
from django.views.generic import DetailView

from journal import questionnaires
from journal.models import QuestionnaireKind, QuestionnaireResponse
from mstracker.mixins import OwnedObjectMixin

from ..forms import QuestionnaireForm
from .generic import EntryCreateView, EntryDeleteView, EntryListView, EntryUpdateView


class QuestionnaireFormConfig:
    model = QuestionnaireResponse
    form_class = QuestionnaireForm
    template_name = "journal/questionnaire_form.html"
    list_url_name = "questionnaire_list"
    delete_url_name = "questionnaire_delete"
    saved_message = "Your answers are saved."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kind": self.get_kind()}

    def get_success_url(self):
        # The result page: crisis resources show there at once when needed.
        return reverse("journal:questionnaire_detail", args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tool = questionnaires.INSTRUMENTS[self.get_kind()]
        context.update(heading=tool.title, instrument=tool, options=questionnaires.OPTIONS)
        return context


class QuestionnaireCreateView(QuestionnaireFormConfig, EntryCreateView):
    def get_kind(self):
        if self.kwargs["kind"] not in questionnaires.INSTRUMENTS:
            raise Http404
        return self.kwargs["kind"]


class QuestionnaireUpdateView(QuestionnaireFormConfig, EntryUpdateView):
    def get_kind(self):
        return self.object.kind


class QuestionnaireDetailView(OwnedObjectMixin, DetailView):
    model = QuestionnaireResponse
    template_name = "journal/questionnaire_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(crisis=questionnaires.CRISIS_RESOURCES, **kwargs)


class QuestionnaireListView(EntryListView):
    model = QuestionnaireResponse
    template_name = "journal/questionnaire_list.html"
    heading = "Questionnaires"
    kind_choices = QuestionnaireKind.choices


class QuestionnaireDeleteView(EntryDeleteView):
    model = QuestionnaireResponse
    list_url_name = "questionnaire_list"
