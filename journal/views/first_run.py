"""The first-run flow after sign-up (``/journal/welcome/?step=...``): five short
steps, each saved on its own and each skippable, then the Today page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from mstracker.mixins import PatientRequiredMixin

from ..forms.first_run import (
    CourseStepForm,
    DiagnosisStepForm,
    DmtStepForm,
    RemindersStepForm,
    SymptomsStepForm,
)

# (key, title, form), in the order asked
STEPS = (
    ("course", "Your MS course", CourseStepForm),
    ("diagnosis", "Your diagnosis", DiagnosisStepForm),
    ("dmt", "Your current treatment", DmtStepForm),
    ("symptoms", "Symptoms to track", SymptomsStepForm),
    ("reminders", "Reminders", RemindersStepForm),
)
KEYS = [key for key, _, _ in STEPS]


class FirstRunView(PatientRequiredMixin, View):
    def get(self, request):
        index = self.index(request.GET.get("step"))
        return self.render(request, index, self.form_class(index)(user=self.subject))

    def post(self, request):
        index = self.index(request.POST.get("step"))
        if "skip" in request.POST:
            return self.next(index)
        form = self.form_class(index)(request.POST, user=self.subject)
        if not form.is_valid():
            return self.render(request, index, form)
        form.save()
        return self.next(index)

    @staticmethod
    def index(key):
        return KEYS.index(key) if key in KEYS else 0

    @staticmethod
    def form_class(index):
        return STEPS[index][2]

    def next(self, index):
        if index + 1 < len(STEPS):
            return redirect(f"{reverse('journal:welcome')}?step={KEYS[index + 1]}")
        messages.success(
            self.request, "You are set up. Your first check-in is below: it takes a minute."
        )
        return redirect("journal:today")

    def render(self, request, index, form):
        key, title, _ = STEPS[index]
        back = f"{reverse('journal:welcome')}?step={KEYS[index - 1]}" if index else None
        return render(
            request,
            "journal/first_run.html",
            {
                "form": form,
                "step": key,
                "title": title,
                "number": index + 1,
                "total": len(STEPS),
                "back": back,
                "last": index + 1 == len(STEPS),
            },
        )
