"""Generic pages over a patient's own entries: history list, add, edit, delete.

Every queryset starts from ``self.subject``, the patient the access gate resolved
(someone else's id is a 404);
clinicians get a 403 and anonymous visitors the login page.
"""

from django.contrib import messages
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from mstracker.mixins import OwnedObjectMixin, PatientRequiredMixin
from mstracker.stale_forms import StaleEditViewMixin

from ..forms import DateRangeForm

HISTORY_PAGE_SIZE = 30


class EntryListView(PatientRequiredMixin, ListView):
    """A history page: newest first, ``?date_from=&date_to=``, paginated."""

    date_field = "date"
    paginate_by = HISTORY_PAGE_SIZE
    heading = ""
    kind_choices = None  # (value, label) pairs when the model has a ``kind`` to filter

    def get_queryset(self):
        queryset = self.model.objects.filter(user=self.subject).select_related("recorded_by")
        self.filter_form = DateRangeForm(self.request.GET or None)
        kind = self.request.GET.get("kind")
        if self.kind_choices and kind in dict(self.kind_choices):
            queryset = queryset.filter(kind=kind)
        return self.filter_form.filter(queryset, self.date_field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=self.filter_form,
            heading=self.heading,
            filter_query=query.urlencode(),
            kinds=self.kind_choices,
            selected_kind=self.request.GET.get("kind", ""),
        )
        return context


class EntryFormMixin:
    """Shared parts of the add and edit pages."""

    template_name = "journal/entry_form.html"
    list_url_name = ""
    heading = ""
    intro = ""
    saved_message = "Saved."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.subject}

    def get_success_url(self):
        return reverse(f"journal:{self.list_url_name}")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.saved_message)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=self.heading,
            intro=self.intro,
            cancel_url=reverse(f"journal:{self.list_url_name}"),
        )
        return context


class EntryCreateView(EntryFormMixin, PatientRequiredMixin, CreateView):
    def form_valid(self, form):
        form.instance.recorded_by = self.access.reader  # who entered it
        return super().form_valid(form)

    def get_initial(self):
        return {**super().get_initial(), "date": self.subject.local_today()}


class EntryUpdateView(StaleEditViewMixin, EntryFormMixin, OwnedObjectMixin, UpdateView):
    delete_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["delete_url"] = reverse(f"journal:{self.delete_url_name}", args=[self.object.pk])
        return context


class EntryDeleteView(OwnedObjectMixin, DeleteView):
    """Asks first (GET shows the question), deletes on POST."""

    template_name = "journal/entry_confirm_delete.html"
    list_url_name = ""

    def get_success_url(self):
        return reverse_lazy(f"journal:{self.list_url_name}")

    def form_valid(self, form):
        description = str(self.object)
        response = super().form_valid(form)
        messages.success(self.request, f"Deleted: {description}.")
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.object.get_absolute_url()
        context["kind"] = self.object._meta.verbose_name
        return context
