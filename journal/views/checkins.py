"""Check-in history, editing any past date, and the patient's own symptoms."""

from datetime import date as date_cls

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import ListView

from journal.models import CheckIn, JournalSettings, Symptom
from mstracker.mixins import PatientRequiredMixin
from mstracker.versioning import RecordModifiedError

from ..forms import CheckInForm, DateRangeForm, OwnSymptomForm
from .generic import HISTORY_PAGE_SIZE


def symptoms_for_form(user, checkin=None):
    """The patient's visible symptoms, plus any hidden one this check-in already scored."""
    visible = Symptom.objects.visible_for(user)
    if checkin is not None:
        scored = checkin.scores.values("symptom_id")
        return Symptom.objects.for_user(user).filter(
            Q(pk__in=visible.values("pk")) | Q(pk__in=scored)
        )
    return visible


def checkin_form(user, *, data=None, dates=None, on_date=None):
    """The check-in form for a date, filled from that date's check-in or the one before."""
    target = on_date or (dates[0] if dates else user.local_today())
    checkin = CheckIn.objects.with_scores().filter(user=user, date=target).first()
    previous = None
    if checkin is None:
        previous = CheckIn.objects.with_scores().filter(user=user, date__lt=target).first()
    return CheckInForm(
        data,
        user=user,
        symptoms=symptoms_for_form(user, checkin),
        dates=dates,
        on_date=on_date,
        seen=checkin,
        initial=CheckInForm.initial_for(checkin, previous),
    )


def save_or_show_conflict(form):
    """Save a valid check-in form; if the date's check-in changed since the form
    was filled, put the form in its conflict state instead. Returns the saved
    check-in, or None."""
    try:
        checkin, _ = form.save()
    except RecordModifiedError as exc:
        form.show_conflict(CheckIn.objects.with_scores().get(pk=exc.target.pk))
        return None
    return checkin


def parse_date(value, user):
    try:
        on_date = date_cls.fromisoformat(value)
    except ValueError:
        raise Http404 from None
    if on_date > user.local_today():
        raise Http404
    return on_date


class CheckInListView(PatientRequiredMixin, ListView):
    template_name = "journal/checkin_list.html"
    paginate_by = HISTORY_PAGE_SIZE

    def get_queryset(self):
        self.filter_form = DateRangeForm(self.request.GET or None)
        queryset = CheckIn.objects.with_scores().filter(user=self.subject)
        return self.filter_form.filter(queryset)

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form, filter_query=query.urlencode(), **kwargs
        )


class CheckInEditView(PatientRequiredMixin, View):
    """Any past date's check-in: edit it, or create it if that day was missed."""

    def get(self, request, date):
        on_date = parse_date(date, self.subject)
        return self.render(request, checkin_form(self.subject, on_date=on_date), on_date)

    def post(self, request, date):
        on_date = parse_date(date, self.subject)
        form = checkin_form(self.subject, data=request.POST, on_date=on_date)
        if form.is_valid() and save_or_show_conflict(form):
            messages.success(request, f"Check-in for {on_date:%A %-d %B %Y} saved.")
            return redirect("journal:checkin_list")
        return self.render(request, form, on_date)

    def render(self, request, form, on_date):
        existing = CheckIn.objects.filter(user=self.subject, date=on_date).first()
        return render(
            request,
            "journal/checkin_edit.html",
            {"form": form, "on_date": on_date, "existing": existing},
        )


class CheckInDeleteView(PatientRequiredMixin, View):
    def get(self, request, date):
        checkin = self.get_object(request, date)
        return render(
            request,
            "journal/entry_confirm_delete.html",
            {
                "object": checkin,
                "kind": "check-in",
                "cancel_url": reverse("journal:checkin_edit", args=[date]),
            },
        )

    def post(self, request, date):
        checkin = self.get_object(request, date)
        checkin.delete()
        messages.success(request, f"Deleted the check-in of {checkin.date:%A %-d %B %Y}.")
        return redirect("journal:checkin_list")

    def get_object(self, request, date):
        return get_object_or_404(CheckIn, user=self.subject, date=parse_date(date, self.subject))


class SymptomSettingsView(PatientRequiredMixin, View):
    """Add your own symptoms, hide the ones you do not have."""

    def get(self, request):
        return self.render(request, OwnSymptomForm(user=self.subject))

    def post(self, request):
        action = request.POST.get("action")
        if action in ("hide", "show"):
            symptom = get_object_or_404(
                Symptom.objects.for_user(self.subject), pk=request.POST.get("symptom")
            )
            hidden = JournalSettings.objects.for_user(self.subject).hidden_symptoms
            if action == "hide":
                hidden.add(symptom)
                messages.success(request, f"{symptom.name} is hidden from your check-in.")
            else:
                hidden.remove(symptom)
                messages.success(request, f"{symptom.name} is back on your check-in.")
            return redirect("journal:symptoms")
        if action == "delete":
            symptom = get_object_or_404(Symptom, owner=self.subject, pk=request.POST.get("symptom"))
            symptom.delete()
            messages.success(request, f"Deleted your symptom {symptom.name}.")
            return redirect("journal:symptoms")
        form = OwnSymptomForm(request.POST, user=self.subject)
        if form.is_valid():
            symptom = form.save()
            messages.success(request, f"Added {symptom.name} to your check-in.")
            return redirect("journal:symptoms")
        return self.render(request, form)

    def render(self, request, form):
        hidden = set(
            JournalSettings.objects.for_user(self.subject).hidden_symptoms.values_list(
                "pk", flat=True
            )
        )
        symptoms = [(s, s.pk in hidden) for s in Symptom.objects.for_user(self.subject)]
        return render(request, "journal/symptoms.html", {"form": form, "symptoms": symptoms})
