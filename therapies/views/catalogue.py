"""The searchable drug catalogue and a patient's own custom drugs."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import CreateView, ListView

from mstracker.mixins import PatientRequiredMixin
from therapies.forms import CustomDrugForm
from therapies.models import Category, Drug


class CatalogueView(PatientRequiredMixin, ListView):
    template_name = "therapies/catalogue.html"
    context_object_name = "drugs"

    def get_queryset(self):
        drugs = Drug.objects.available_to(self.subject).search(self.request.GET.get("q"))
        category = self.request.GET.get("category")
        if category in Category.values:
            drugs = drugs.filter(category=category)
        return drugs.order_by("category", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = {value: [] for value in Category.values}
        for drug in context["drugs"]:
            groups[drug.category].append(drug)
        context.update(
            q=self.request.GET.get("q", ""),
            category=self.request.GET.get("category", ""),
            categories=Category.choices,
            groups=[(Category(key).label, drugs) for key, drugs in groups.items() if drugs],
        )
        return context


class CustomDrugCreateView(PatientRequiredMixin, CreateView):
    template_name = "therapies/form.html"
    form_class = CustomDrugForm
    extra_context = {
        "heading": "Add your own drug",
        "intro": "For a drug that is not in the catalogue, for example in a trial. "
        "Only you see it.",
        "submit": "Add drug",
    }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.subject}

    def form_valid(self, form):
        drug = form.save()
        messages.success(self.request, f"{drug.name} is added. Now start a course of it.")
        return redirect(f"{reverse('therapies:course_start')}?drug={drug.pk}")
