"""The patient's home: today's check-in, doses, quick links and this week at a glance."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views import View

from journal import checkin_rules, exercise_goals, questionnaires
from journal.models import (
    CheckIn,
    ExerciseSession,
    JournalSettings,
    QuestionnaireResponse,
    SmokingRecord,
)
from mstracker.care.forms import VisitNoteForm
from mstracker.care.models import ClinicalNote, VisitNote
from mstracker.mixins import PatientRequiredMixin
from mstracker.versioning import RecordModifiedError

from ..forms import SameAsYesterdayForm
from .checkins import checkin_form, save_or_show_conflict

SAME_REFUSED = (
    "A check-in for {day:%A %-d %B} was saved in another tab or on another device after "
    "you opened this page, so nothing was replaced. Here it is: change anything and save again."
)


class TodayView(PatientRequiredMixin, View):
    """Today's check-in. With htmx only the check-in card is swapped; the
    confirmation goes into ``#checkin-status``, a live region outside the card
    that stays in the page, so screen readers announce it."""

    def get(self, request):
        return self.render(request, self.form(request))

    def post(self, request):
        if request.POST.get("action") == "same":
            return self.same_as_before(request)
        form = self.form(request, data=request.POST)
        checkin = save_or_show_conflict(form) if form.is_valid() else None
        if checkin is not None:
            return self.saved(request, checkin)
        return self.respond(request, form)

    def same_as_before(self, request):
        """One tap: the last check-in's scores again, for the suggested date."""
        dates = self.dates()
        same = SameAsYesterdayForm(request.POST, dates=dates)
        if not same.is_valid():
            return self.respond(request, self.form(request))
        on_date = same.cleaned_data["date"]
        try:
            result = CheckIn.objects.repeat_previous(
                self.subject, on_date, seen_version=same.cleaned_data["version"]
            )
        except RecordModifiedError:
            message = SAME_REFUSED.format(day=on_date)
            if not request.htmx:
                messages.warning(request, message)
                return redirect("journal:today")
            return self.respond(request, self.form(request), message=message, refused=True)
        if result is None:
            return self.respond(request, self.form(request))
        return self.saved(request, result[0], same=True)

    def saved(self, request, checkin, same=False):
        message = f"Check-in for {checkin.date:%A %-d %B} saved."
        if same:
            message = f"Check-in for {checkin.date:%A %-d %B} saved, same as your last one."
        if request.htmx:
            return self.respond(request, self.form(request), message=message)
        messages.success(request, message)
        return redirect("journal:today")

    def respond(self, request, form, message="", refused=False):
        if request.htmx:
            context = {"form": form, "status_message": message, "refused": refused, "oob": True}
            return render(
                request, "journal/_checkin_body.html", {**context, **self.checkin_context(request)}
            )
        return self.render(request, form)

    def dates(self):
        return checkin_rules.date_choices(self.subject.local_now())

    def form(self, request, data=None):
        return checkin_form(self.subject, data=data, dates=self.dates())

    def checkin_context(self, request):
        dates = self.dates()
        # One query: the offered dates' check-ins and the last one before them.
        recent = list(
            CheckIn.objects.filter(user=self.subject, date__lte=dates[-1]).order_by("-date")[
                : len(dates) + 1
            ]
        )
        existing = next((c for c in recent if c.date in dates), None)
        previous = next((c for c in recent if c.date < dates[0]), None)
        offer_same = previous is not None and not any(c.date == dates[0] for c in recent)
        return {
            "existing": existing,
            "previous": previous,
            "checkin_date": dates[0],
            "same_form": SameAsYesterdayForm(dates=dates) if offer_same else None,
            "same_is_yesterday": previous is not None
            and previous.date == dates[0] - timedelta(days=1),
            "all_scales": request.GET.get("scales") == "all"
            or request.POST.get("scales") == "all"
            or previous is None,
        }

    def render(self, request, form, status=200):
        user = self.subject
        today = user.local_today()
        settings = JournalSettings.objects.for_user(user)
        week = exercise_goals.week_start(today)
        sessions = ExerciseSession.objects.filter(user=user, date__gte=week, date__lte=today)
        summary = exercise_goals.weekly_summaries(
            sessions.values_list("date", "kind", "minutes"),
            week,
            today,
            settings.exercise_goal_minutes,
            settings.exercise_goal_sessions,
        )[0]
        smoking, _, smoke_free_days = SmokingRecord.objects.smoke_free(user, today)
        visit_note = VisitNote.objects.filter(patient=user).first() or VisitNote(patient=user)
        phq9 = questionnaires.open_item9(
            QuestionnaireResponse.objects.filter(user=user, kind=questionnaires.PHQ9).order_by(
                "-date", "-created_at"
            )[:1]
        )
        context = {
            "item9_response": phq9,
            "crisis": questionnaires.CRISIS_RESOURCES if phq9 else None,
            "visit_note": visit_note,
            "visit_note_form": VisitNoteForm(instance=visit_note, auto_id="visit-note-%s"),
            "clinical_notes": ClinicalNote.objects.filter(patient=user)[:3],
            "form": form,
            "today": today,
            "week": summary,
            "smoking": smoking,
            "smoke_free_days": smoke_free_days,
            **self.checkin_context(request),
        }
        return render(request, "journal/today.html", context, status=status)
