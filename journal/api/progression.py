"""``GET /api/v1/progression/``: confirmed disability events (RAW/PIRA) and the
dashboard's headline figures for one measure and date range."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from journal import dashboard, dashboard_cache, dashboard_text, figures, progression_definitions
from journal.dashboard_types import DateRange
from journal.headline import headline
from journal.progression import Classification, EventType, Outcome
from mstracker.care.access import SubjectViewSetMixin
from mstracker.date_fields import check_filter_date


class ProgressionQuerySerializer(serializers.Serializer):
    """The query string: which measure, which local dates, which PIRA definition.

    Without `definition` the reader's default applies (`definition_for`: a
    clinician's chosen one, the standard one for a patient); the context holds the
    `request` and `today` (the subject's local date).
    """

    measure = serializers.ChoiceField(
        choices=[o.value for o in Outcome],
        default=Outcome.EDSS.value,
        help_text="The disability measure to analyse.",
        error_messages={"invalid_choice": "Choose one of: " + ", ".join(o.value for o in Outcome)},
    )
    date_from = serializers.DateField(
        required=False,
        validators=[check_filter_date],
        help_text="First local date of the range (default: the patient's first record, "
        'as the page\'s "All" range); from 1900-01-01.',
    )
    date_to = serializers.DateField(
        required=False,
        help_text="Last local date of the range (default: today); 1900-01-01 to today.",
    )
    definition = serializers.ChoiceField(
        choices=list(progression_definitions.DEFINITIONS),
        required=False,
        help_text="The named definition of RAW and PIRA (see `definition` in the answer "
        "for its rules and sources). Default: the standard one, or a clinician's chosen "
        "default.",
        error_messages={
            "invalid_choice": "Choose one of: " + ", ".join(progression_definitions.DEFINITIONS)
        },
    )

    def validate(self, attrs):
        today = self.context["today"]
        date_to = attrs.get("date_to") or today
        if date_to > today:
            raise serializers.ValidationError(
                {"date_to": [f"date_to cannot be in the future (today is {today.isoformat()})."]}
            )
        try:
            check_filter_date(date_to)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"date_to": exc.messages}) from None
        date_from = attrs.get("date_from")
        if date_from is not None and date_from > date_to:
            raise serializers.ValidationError(
                {"date_from": ["date_from must be on or before date_to."]}
            )
        attrs["date_to"] = date_to
        if "definition" in attrs:
            attrs["definition"] = progression_definitions.get(attrs["definition"])
        else:
            reader = getattr(self.context.get("request"), "user", None)
            attrs["definition"] = progression_definitions.definition_for(reader)
        return attrs


class ProgressionEventSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=[t.value for t in EventType],
        help_text="CDW: confirmed disability worsening; CDI: confirmed improvement.",
    )
    classification = serializers.ChoiceField(
        choices=[c.value for c in Classification],
        allow_null=True,
        help_text="RAW (within 90 days after a relapse onset) or PIRA (no relapse from 90 "
        "days before to 30 days after the onset and a confirmation); null for a CDI and "
        "for a CDW that is neither.",
    )
    onset = serializers.DateField(help_text="Date of the first assessment showing the change.")
    confirmed = serializers.DateField(help_text="Date of the confirming assessment (12 weeks+).")
    baseline_value = serializers.FloatField()
    baseline_date = serializers.DateField()
    value = serializers.FloatField(help_text="Value at onset.")
    confirmed_value = serializers.FloatField()
    pira_confirmed = serializers.DateField(
        allow_null=True, help_text="The relapse-free confirmation that makes it PIRA."
    )


class ProgressionYearRateSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    relapses = serializers.IntegerField()
    years = serializers.FloatField(help_text="Follow-up in this year, in years (prorated).")
    rate = serializers.FloatField(help_text="Relapses per year.")


class ProgressionRelapseRateSerializer(serializers.Serializer):
    follow_up_start = serializers.DateField()
    relapses = serializers.IntegerField(
        help_text="Relapse episodes (onsets under 30 days apart are one; pseudo-relapses excluded)."
    )
    years = serializers.FloatField()
    rate = serializers.FloatField(help_text="Annualised relapse rate: relapses / years.")
    per_year = ProgressionYearRateSerializer(many=True)


class ProgressionTimeSinceSerializer(serializers.Serializer):
    onset = serializers.DateField()
    days = serializers.IntegerField()
    years = serializers.IntegerField()
    months = serializers.IntegerField()
    remaining_days = serializers.IntegerField()


class ProgressionEventCountsSerializer(serializers.Serializer):
    raw = serializers.IntegerField()
    pira = serializers.IntegerField()
    unclassified = serializers.IntegerField()
    improvements = serializers.IntegerField()


class ProgressionDisabilityChangeSerializer(serializers.Serializer):
    relapse_free = serializers.FloatField(help_text="Sum of PIRA steps (confirmed - baseline).")
    around_relapses = serializers.FloatField(help_text="Sum of RAW steps.")
    unclassified = serializers.FloatField()
    improved = serializers.FloatField(help_text="Sum of CDI steps (0 or negative).")
    net = serializers.FloatField()


class ProgressionSymptomBurdenSerializer(serializers.Serializer):
    after_relapse = serializers.FloatField(
        allow_null=True, help_text="Mean check-in score (0-10) in the 30 days after onsets."
    )
    after_relapse_days = serializers.IntegerField()
    relapse_free = serializers.FloatField(allow_null=True)
    relapse_free_days = serializers.IntegerField()


class ProgressionAdherenceSerializer(serializers.Serializer):
    drug = serializers.CharField()
    start = serializers.DateField()
    clinic_administered = serializers.BooleanField()
    percent_30_days = serializers.FloatField(allow_null=True)
    percent_90_days = serializers.FloatField(allow_null=True)
    percent_365_days = serializers.FloatField(allow_null=True)


class ProgressionAerobicSerializer(serializers.Serializer):
    goal_minutes = serializers.FloatField()
    goal_sessions = serializers.IntegerField()
    weeks = serializers.IntegerField(help_text="Completed ISO weeks averaged (12).")
    mean_minutes_per_week = serializers.FloatField()
    weeks_goal_met = serializers.IntegerField()
    current_week_minutes = serializers.FloatField()


class ProgressionVitaminDLatestSerializer(serializers.Serializer):
    date = serializers.DateField()
    ng_ml = serializers.FloatField()
    nmol_l = serializers.FloatField()
    band = serializers.ChoiceField(choices=[b.value for b in figures.VitaminDBand])


class ProgressionVitaminDSerializer(serializers.Serializer):
    latest = ProgressionVitaminDLatestSerializer(allow_null=True)
    supplementation_days_last_30 = serializers.IntegerField()


class ProgressionSmokingSerializer(serializers.Serializer):
    status = serializers.CharField(allow_null=True, help_text="never, former or current.")
    quit_date = serializers.DateField(allow_null=True)
    smoke_free_days = serializers.IntegerField(allow_null=True)


class ProgressionAssessmentGapSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(
        choices=[g.value for g in figures.AssessmentGap],
        help_text="no_assessments: none recorded; one_assessment: only one; too_close: "
        "none two at least 12 weeks (the confirmation interval) apart.",
    )
    message = serializers.CharField(help_text="The same reason in the words the page shows.")
    assessments = serializers.IntegerField(help_text="Assessments of the measure so far.")


class ProgressionFiguresSerializer(serializers.Serializer):
    relapse_rate = ProgressionRelapseRateSerializer(allow_null=True)
    time_since_last_relapse = ProgressionTimeSinceSerializer(allow_null=True)
    assessment_gap = ProgressionAssessmentGapSerializer(
        allow_null=True,
        help_text="Why no lasting change of the measure can be judged yet; null when there "
        "are enough assessments. When set, event_counts and disability_change are null: "
        'too few assessments are not "no worsening".',
    )
    event_counts = ProgressionEventCountsSerializer(
        allow_null=True, help_text="Null when assessment_gap is set."
    )
    disability_change = ProgressionDisabilityChangeSerializer(
        allow_null=True, help_text="Null when assessment_gap is set."
    )
    symptom_burden = ProgressionSymptomBurdenSerializer()
    adherence = ProgressionAdherenceSerializer(
        allow_null=True, help_text="The disease-modifying therapy running on date_to."
    )
    aerobic_exercise = ProgressionAerobicSerializer()
    vitamin_d = ProgressionVitaminDSerializer()
    smoking = ProgressionSmokingSerializer()


class ProgressionOptionsSerializer(serializers.Serializer):
    """`journal.progression.ProgressionSettings`: every window in days."""

    confirmation_days = serializers.IntegerField()
    confirmation_tolerance_before_days = serializers.FloatField()
    confirmation_tolerance_after_days = serializers.FloatField()
    edss_cutoff = serializers.FloatField()
    relapse_to_baseline_days = serializers.IntegerField()
    relapse_to_confirmation_days = serializers.IntegerField()
    relapse_associated_days = serializers.IntegerField()
    pira_event_before_days = serializers.IntegerField()
    pira_event_after_days = serializers.IntegerField()
    pira_confirmation_before_days = serializers.IntegerField()
    pira_confirmation_after_days = serializers.IntegerField()
    rebaseline_after_relapse = serializers.BooleanField()
    pira_relapse_free_span = serializers.BooleanField()


class ProgressionDefinitionSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=list(progression_definitions.DEFINITIONS))
    name = serializers.CharField()
    changes = serializers.CharField(help_text="What it changes, in a sentence.")
    source = serializers.CharField()
    options = ProgressionOptionsSerializer(help_text="The engine's settings.")
    msprog_options = serializers.JSONField(
        help_text="The options of msprog's MSprog() (Montobbio et al.) that give the same "
        "events, to reproduce them."
    )


class Neda3Serializer(serializers.Serializer):
    period = serializers.CharField(
        help_text='A calendar year ("2025", clipped to the range) or the range itself '
        '("2024-11-25/2026-11-24", last in the list).'
    )
    start = serializers.DateField()
    end = serializers.DateField()
    relapse_free = serializers.BooleanField(
        allow_null=True, help_text="No relapse episode began (pseudo-relapses excluded)."
    )
    mri_quiet = serializers.BooleanField(
        allow_null=True,
        help_text="No new or enlarging T2 or enhancing lesion on any scan; null without a "
        "scan or when a report does not state the count.",
    )
    no_worsening = serializers.BooleanField(
        allow_null=True,
        help_text="No confirmed worsening (CDW) of `measure` began; null without an assessment.",
    )
    neda = serializers.BooleanField(
        allow_null=True, help_text="NEDA-3: false if any part is false, true if all are true."
    )


class ProgressionSerializer(serializers.Serializer):
    measure = serializers.CharField()
    definition = ProgressionDefinitionSerializer(
        help_text="The definition of RAW and PIRA these events follow."
    )
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    events = ProgressionEventSerializer(
        many=True, help_text="Events with their onset in the range."
    )
    figures = ProgressionFiguresSerializer()
    neda3 = Neda3Serializer(
        many=True,
        help_text="NEDA-3 per calendar year and for the range; null where data are missing.",
    )


EXAMPLE = {
    "measure": "edss",
    "definition": {
        **{
            k: getattr(progression_definitions.STANDARD, k)
            for k in ("key", "name", "changes", "source")
        },
        "options": progression_definitions.STANDARD.options(),
        "msprog_options": progression_definitions.STANDARD.msprog_options(),
    },
    "date_from": "2024-11-25",
    "date_to": "2026-11-24",
    "events": [
        {
            "type": "CDW",
            "classification": "RAW",
            "onset": "2025-05-26",
            "confirmed": "2025-11-24",
            "baseline_value": 2.0,
            "baseline_date": "2024-11-25",
            "value": 3.0,
            "confirmed_value": 3.0,
            "pira_confirmed": None,
        },
        {
            "type": "CDW",
            "classification": "PIRA",
            "onset": "2026-05-26",
            "confirmed": "2026-11-23",
            "baseline_value": 3.0,
            "baseline_date": "2025-11-24",
            "value": 4.0,
            "confirmed_value": 4.0,
            "pira_confirmed": "2026-11-23",
        },
    ],
    "figures": {
        "relapse_rate": {
            "follow_up_start": "2024-11-25",
            "relapses": 2,
            "years": 2.0,
            "rate": 1.0,
            "per_year": [
                {"year": 2024, "relapses": 0, "years": 0.1, "rate": 0.0},
                {"year": 2025, "relapses": 2, "years": 1.0, "rate": 2.0},
                {"year": 2026, "relapses": 0, "years": 0.9, "rate": 0.0},
            ],
        },
        "time_since_last_relapse": {
            "onset": "2025-12-29",
            "days": 330,
            "years": 0,
            "months": 10,
            "remaining_days": 26,
        },
        "assessment_gap": None,
        "event_counts": {"raw": 1, "pira": 1, "unclassified": 0, "improvements": 0},
        "disability_change": {
            "relapse_free": 1.0,
            "around_relapses": 1.0,
            "unclassified": 0.0,
            "improved": 0.0,
            "net": 2.0,
        },
        "symptom_burden": {
            "after_relapse": 2.6,
            "after_relapse_days": 76,
            "relapse_free": 2.2,
            "relapse_free_days": 594,
        },
        "adherence": {
            "drug": "Ocrelizumab (intravenous)",
            "start": "2024-11-09",
            "clinic_administered": True,
            "percent_30_days": None,
            "percent_90_days": None,
            "percent_365_days": 100.0,
        },
        "aerobic_exercise": {
            "goal_minutes": 90,
            "goal_sessions": 3,
            "weeks": 12,
            "mean_minutes_per_week": 89.2,
            "weeks_goal_met": 7,
            "current_week_minutes": 40,
        },
        "vitamin_d": {
            "latest": {"date": "2026-08-26", "ng_ml": 43.3, "nmol_l": 108.0, "band": "sufficient"},
            "supplementation_days_last_30": 28,
        },
        "smoking": {"status": "former", "quit_date": "2025-06-10", "smoke_free_days": 532},
    },
    "neda3": [
        {"period": "2024", "start": "2024-11-25", "end": "2024-12-31", "relapse_free": True,
         "mri_quiet": None, "no_worsening": True, "neda": None},
        {"period": "2025", "start": "2025-01-01", "end": "2025-12-31", "relapse_free": False,
         "mri_quiet": False, "no_worsening": False, "neda": False},
        {"period": "2026", "start": "2026-01-01", "end": "2026-11-24", "relapse_free": True,
         "mri_quiet": True, "no_worsening": False, "neda": False},
        {"period": "2024-11-25/2026-11-24", "start": "2024-11-25", "end": "2026-11-24",
         "relapse_free": False, "mri_quiet": False, "no_worsening": False, "neda": False},
    ],
}  # fmt: skip


def progression_data(data, span) -> dict:
    """The response body for gathered dashboard data (plain values for the serializer)."""
    head = headline(data)
    rates = head.relapse_rates
    since = head.time_since_relapse
    dmt = head.adherence
    aerobic = head.aerobic
    level = head.vitamin_d
    gap = head.assessment_gap
    definition = data.definition
    return {
        "measure": data.measure.value,
        "definition": {
            "key": definition.key,
            "name": definition.name,
            "changes": definition.changes,
            "source": definition.source,
            "options": definition.options(),
            "msprog_options": definition.msprog_options(),
        },
        "date_from": span.start,
        "date_to": span.end,
        "events": [e.to_dict() for e in data.events_in_span.events],
        "figures": {
            "relapse_rate": None
            if rates is None
            else {
                "follow_up_start": rates.overall.first_day,
                "relapses": rates.overall.relapses,
                "years": round(rates.overall.years, 3),
                "rate": round(rates.overall.rate, 3),
                "per_year": [
                    {
                        "year": r.year,
                        "relapses": r.relapses,
                        "years": round(r.years, 3),
                        "rate": round(r.rate, 3),
                    }
                    for r in rates.per_year
                ],
            },
            "time_since_last_relapse": None if since is None else vars(since),
            "assessment_gap": None
            if gap is None
            else {
                "reason": gap.value,
                "message": dashboard_text.assessment_gap(head),
                "assessments": head.assessments,
            },
            "event_counts": None if gap else vars(head.events),
            "disability_change": None
            if gap
            else {
                **{k: round(v, 3) for k, v in vars(head.disability_change).items()},
                "net": round(head.disability_change.net, 3),
            },
            "symptom_burden": {
                k: round(v, 2) if isinstance(v, float) else v
                for k, v in vars(head.symptom_burden).items()
            },
            "adherence": None
            if dmt is None
            else {
                "drug": dmt.name,
                "start": dmt.start,
                "clinic_administered": dmt.clinic_administered,
                **{f"percent_{d}_days": dmt.percents.get(d) for d in (30, 90, 365)},
            },
            "aerobic_exercise": {
                "goal_minutes": aerobic.current_week.goal_minutes,
                "goal_sessions": aerobic.current_week.goal_sessions,
                "weeks": len(aerobic.weeks),
                "mean_minutes_per_week": round(aerobic.mean_minutes, 1),
                "weeks_goal_met": aerobic.weeks_goal_met,
                "current_week_minutes": aerobic.current_week.minutes,
            },
            "vitamin_d": {
                "latest": None
                if level is None
                else {
                    "date": level.date,
                    "ng_ml": round(level.ng_ml, 1),
                    "nmol_l": round(level.nmol_l, 1),
                    "band": level.band.value,
                },
                "supplementation_days_last_30": head.supplementation_days,
            },
            "smoking": {
                "status": head.smoking_status.value if head.smoking_status else None,
                "quit_date": head.quit_date,
                "smoke_free_days": head.smoke_free_days,
            },
        },
        "neda3": [p.to_dict() for p in head.neda3],
    }


class ProgressionView(SubjectViewSetMixin, APIView):
    """Confirmed disability worsening (CDW) and improvement (CDI) of one measure, each
    worsening classified RAW or PIRA (harmonised definitions, Müller et al., JAMA
    Neurology 2023), with the dashboard's headline figures for the range.

    The analysis runs over the patient's whole history of the measure and every
    relapse (a relapse before the range can make a worsening inside it RAW, and the
    roving baseline starts at the first assessment); `events` lists those whose onset
    lies in the range. Range figures (relapse rate, event counts, disability change,
    symptom burden) cover `date_from`..`date_to`; the others are as of `date_to`.
    Dates are the patient's local dates. `definition` chooses the named definition of
    RAW and PIRA (`journal.progression_definitions`); the answer names it with its
    options and sources.
    """

    care_resource = "progression"

    @extend_schema(
        summary="Progression: RAW/PIRA events and headline figures",
        parameters=[ProgressionQuerySerializer],
        responses=ProgressionSerializer,
        examples=[OpenApiExample("Two years, EDSS", value=EXAMPLE, response_only=True)],
    )
    def get(self, request, **kwargs):
        user = self.subject
        query = ProgressionQuerySerializer(
            data=request.query_params, context={"today": user.local_today(), "request": request}
        )
        query.is_valid(raise_exception=True)
        params = query.validated_data
        choices = (
            params["measure"],
            params.get("date_from"),
            params["date_to"],
            params["definition"].key,
        )
        return Response(
            dashboard_cache.cached(user, "api", choices, lambda: self.answer(user, params))
        )

    @staticmethod
    def answer(user, params):
        """(The response's data, when the clock next changes it)."""
        first = dashboard.first_record(user)
        date_to = params["date_to"]
        if "date_from" in params:
            span = DateRange(params["date_from"], date_to)
        else:
            span = dashboard.preset_range("all", date_to, first)
        data = dashboard.gather(
            user,
            span,
            params["measure"],
            first=first,
            course_adherence=False,
            definition=params["definition"],
        )
        answer = ProgressionSerializer(progression_data(data, span)).data
        return answer, data.changes_at
