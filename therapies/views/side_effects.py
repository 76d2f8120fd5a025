"""Side effects: note one against a course, see and remove them."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views import View
from django.views.generic import CreateView

from mstracker.mixins import PatientRequiredMixin
from therapies.forms import SideEffectForm
from therapies.models import SideEffect


class SideEffectsView(PatientRequiredMixin, CreateView):
    """The list of side effects with the form to add one, on one page."""

    form_class = SideEffectForm
    template_name = "therapies/side_effects.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.subject}

    def get_initial(self):
        return {"date": self.subject.local_today()}

    def get_context_data(self, **kwargs):
        effects = SideEffect.objects.filter(user=self.subject).select_related("course__drug")
        return super().get_context_data(effects=effects[:200], **kwargs)

    def form_valid(self, form):
        form.save()
        messages.success(self.request, "The side effect is noted.")
        return redirect("therapies:side_effects")


class SideEffectDeleteView(PatientRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        get_object_or_404(SideEffect, pk=pk, user=self.subject).delete()
        messages.info(request, "The side effect is removed.")
        return redirect("therapies:side_effects")
