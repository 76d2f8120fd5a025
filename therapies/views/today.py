"""The Today card's data and its one-tap logging (plain POST, or htmx swapping the card)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from mstracker.mixins import PatientRequiredMixin
from therapies import services
from therapies.forms import LogDoseForm
from therapies.models import Course, DoseLog

CARD_TEMPLATE = "therapies/_today_doses.html"


def card_context(request, user, csrf_token=None, error=None):
    if user is None or not user.is_authenticated or not user.is_patient:
        return {"show": False}
    doses, month = services.today_card(user)
    return {
        "show": True,
        "doses": doses,
        "month": month,
        "csrf_token": csrf_token,
        "next": request.get_full_path() if request is not None else "",
        "error": error,
    }


def safe_next(request, default="therapies:overview"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def card_or_redirect(request, subject, error=None):
    """htmx swaps the card in place; without JavaScript the page reloads."""
    if request.htmx:
        context = card_context(request, subject, error=error)
        context["next"] = safe_next(request, "")
        return render(request, CARD_TEMPLATE, context)
    if error:
        messages.error(request, error)
    return redirect(safe_next(request))


class LogDoseView(PatientRequiredMixin, View):
    """Log one expected dose: one tap from the card, or with a time from the calendar."""

    http_method_names = ["post"]

    def post(self, request):
        course = get_object_or_404(Course, pk=request.POST.get("course"), user=self.subject)
        form = LogDoseForm(request.POST, user=self.subject)
        if not form.is_valid():
            return card_or_redirect(request, self.subject, error=_first_error(form.errors))
        try:
            log, created = services.log_dose(
                self.subject,
                course,
                form.cleaned_data["scheduled_for"],
                form.cleaned_data["status"],
                taken_at=form.cleaned_data.get("taken_at"),
            )
        except ValidationError as exc:
            return card_or_redirect(request, self.subject, error=_first_error(exc.message_dict))
        if not request.htmx and created:
            messages.success(request, f"{course.drug.name}: {log.get_status_display().lower()}.")
        return card_or_redirect(request, self.subject)


class UndoDoseView(PatientRequiredMixin, View):
    """Take back a log (a wrong tap); the dose is expected again."""

    http_method_names = ["post"]

    def post(self, request, pk):
        log = get_object_or_404(DoseLog, pk=pk, user=self.subject)
        log.delete()
        if not request.htmx:
            messages.info(request, "The dose log is removed.")
        return card_or_redirect(request, self.subject)


def _first_error(errors):
    for messages_ in errors.values():
        return str(messages_[0])
    return "That did not work; please try again."
