"""The patient's home: today's check-in, doses, quick links and this week at a glance."""

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

from .checkins import checkin_form, save_or_show_conflict


class TodayView(PatientRequiredMixin, View):
    def get(self, request):
        return self.render(request, self.form(request))

    def post(self, request):
        form = self.form(request, data=request.POST)
        checkin = save_or_show_conflict(form) if form.is_valid() else None
        if checkin is not None:
            message = f"Check-in for {checkin.date:%A %-d %B} saved."
            if request.htmx:
                form = self.form(request)
                return render(
                    request,
                    "journal/_checkin_card.html",
                    {"form": form, "saved_message": message, **self.checkin_context(request)},
                )
            messages.success(request, message)
            return redirect("journal:today")
        if request.htmx:
            return render(
                request,
                "journal/_checkin_card.html",
                {"form": form, **self.checkin_context(request)},
            )
        return self.render(request, form, status=200)

    def form(self, request, data=None):
        dates = checkin_rules.date_choices(self.subject.local_now())
        return checkin_form(self.subject, data=data, dates=dates)

    def checkin_context(self, request):
        dates = checkin_rules.date_choices(self.subject.local_now())
        existing = (
            CheckIn.objects.filter(user=self.subject, date__in=dates).order_by("-date").first()
        )
        return {"existing": existing, "checkin_date": dates[0]}

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
        smoking = SmokingRecord.objects.filter(user=user).first()
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
            "smoke_free_days": smoking.smoke_free_days(today) if smoking else None,
            **self.checkin_context(request),
        }
        return render(request, "journal/today.html", context, status=status)
