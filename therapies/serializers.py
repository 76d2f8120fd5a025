"""API serializers for the therapies resources. Validation is the model's (``full_clean``)."""

from copy import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework import serializers
from rest_framework.settings import api_settings

from mstracker.api.conditional import VersionedSerializerMixin
from mstracker.api.viewsets import OwnedPrimaryKeyRelatedField

from . import adherence
from .models import Course, DoseLog, Drug, SideEffect
from .models.courses import POSITIVE_DOSE
from .schedules import Schedule, ScheduleError

ALREADY_LOGGED = "This dose is already logged."


class CatalogueOrOwnDrugField(OwnedPrimaryKeyRelatedField):
    """A drug from the shared catalogue or one of the requester's own custom drugs.

    Another patient's custom drug is answered as if it did not exist.
    """

    owner_field = "owner"

    def get_queryset(self):
        owner = self.context.get("owner") or self.context["request"].user
        return Drug.objects.available_to(owner)


def schedule_field_errors(value, required=True):
    """Validate a schedule object; errors nested by schedule key, e.g. {"times": [...]}."""
    if value is None and not required:
        return None
    try:
        return Schedule.from_dict(value).to_dict()
    except ScheduleError as exc:
        raise serializers.ValidationError({exc.field: [exc.message]}) from None


class ModelCleanMixin(VersionedSerializerMixin):
    """Check a write with the model's own ``full_clean`` so forms and API share one rule set."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        candidate = copy(self.instance) if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            setattr(candidate, name, value)
        self.set_owner(candidate)
        try:
            candidate.full_clean()
        except DjangoValidationError as exc:
            errors = serializers.as_serializer_error(exc)
            if NON_FIELD_ERRORS in errors:
                errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
            raise serializers.ValidationError(errors) from None
        return self.cleaned_attrs(candidate, attrs)

    def set_owner(self, candidate):
        candidate.user = self.context["owner"]

    def cleaned_attrs(self, candidate, attrs):
        return attrs


class DrugSerializer(ModelCleanMixin, serializers.ModelSerializer):
    brand_names = serializers.ListField(
        child=serializers.CharField(max_length=80), required=False, default=list
    )
    schedule = serializers.JSONField(
        help_text=(
            'When doses are due, e.g. {"kind": "daily", "times": ["08:00", "20:00"]}. '
            "kind: daily, weekdays, every_n_days, monthly, courses; times: local HH:MM; "
            'weekdays: ["mon", ...]; interval: days or months; loading_days: offsets from '
            "the start (0 = first day); window_hours: on-time window either side (0-1440); "
            "max_doses: lifetime limit."
        )
    )
    schedule_description = serializers.SerializerMethodField()
    is_custom = serializers.BooleanField(read_only=True)

    class Meta:
        model = Drug
        fields = (
            "id",
            "code",
            "name",
            "brand_names",
            "drug_class",
            "route",
            "category",
            "schedule",
            "schedule_description",
            "usual_dose",
            "dose_unit",
            "clinic_administered",
            "notes",
            "is_custom",
        )
        extra_kwargs = {"code": {"required": False}}
        validators = []  # uniqueness is the model's, checked in full_clean

    def get_schedule_description(self, drug) -> str:
        return drug.parsed_schedule.describe()

    def validate_schedule(self, value):
        return schedule_field_errors(value)

    def set_owner(self, candidate):
        candidate.owner = self.context["owner"]
        if not candidate.code:
            candidate.code = candidate.make_code()

    def cleaned_attrs(self, candidate, attrs):
        return {**attrs, "code": candidate.code}


class CourseSerializer(ModelCleanMixin, serializers.ModelSerializer):
    drug = CatalogueOrOwnDrugField(help_text="Id of a catalogue drug or one of your own.")
    drug_name = serializers.CharField(source="drug.name", read_only=True)
    schedule_override = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text="Your own schedule (same shape as a drug's), or null for the catalogue's.",
    )
    schedule = serializers.SerializerMethodField(help_text="The schedule in force.")
    schedule_description = serializers.SerializerMethodField()

    class Meta:
        model = Course
        fields = (
            "id",
            "drug",
            "drug_name",
            "start",
            "stop",
            "stop_reason",
            "dose",
            "dose_unit",
            "schedule_override",
            "schedule",
            "schedule_description",
            "note",
        )
        # DRF turns the model's MinValueValidator into its own check; keep our message.
        extra_kwargs = {"dose": {"error_messages": {"min_value": POSITIVE_DOSE.message}}}

    def get_schedule(self, course) -> dict:
        return course.schedule.to_dict()

    def get_schedule_description(self, course) -> str:
        return course.schedule.describe()

    def validate_schedule_override(self, value):
        return schedule_field_errors(value, required=False)


class DoseSerializer(ModelCleanMixin, serializers.ModelSerializer):
    course = OwnedPrimaryKeyRelatedField(queryset=Course.objects.select_related("drug"))
    taken_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When it was taken; defaults to now for taken/late. Empty for missed.",
    )
    in_window = serializers.SerializerMethodField(
        help_text="Taken within the schedule's window around scheduled_for."
    )

    class Meta:
        model = DoseLog
        fields = ("id", "course", "scheduled_for", "status", "taken_at", "note", "in_window")
        validators = []  # "logged once" is the model's constraint, checked in full_clean
        extra_kwargs = {
            "scheduled_for": {
                "help_text": "The expected dose's instant, as listed by "
                "/api/v1/courses/{id}/expected/."
            },
            "status": {"help_text": "taken, missed or late (set from taken_at)."},
        }

    def get_in_window(self, log) -> bool:
        return adherence.in_window(log.scheduled_for, log.taken_at, log.course.schedule.window)

    def validate(self, attrs):
        status = attrs.get("status", getattr(self.instance, "status", None))
        if status in (adherence.TAKEN, adherence.LATE) and not attrs.get(
            "taken_at", getattr(self.instance, "taken_at", None)
        ):
            attrs["taken_at"] = timezone.now()
        return super().validate(attrs)

    def cleaned_attrs(self, candidate, attrs):
        return {**attrs, "status": candidate.status}

    def create(self, validated_data):
        try:
            with transaction.atomic():
                return super().create(validated_data)
        except IntegrityError:
            # Two submits of the same dose at once: the second loses at the constraint.
            raise serializers.ValidationError({"non_field_errors": [ALREADY_LOGGED]}) from None


class SideEffectSerializer(ModelCleanMixin, serializers.ModelSerializer):
    course = OwnedPrimaryKeyRelatedField(queryset=Course.objects.all())

    class Meta:
        model = SideEffect
        fields = ("id", "course", "date", "effect", "severity", "note")


class ExpectedDoseSerializer(serializers.Serializer):
    scheduled_for = serializers.DateTimeField()
    window_start = serializers.DateTimeField()
    window_end = serializers.DateTimeField()
    state = serializers.ChoiceField(
        choices=["taken", "late", "missed", "due", "upcoming", "unlogged"]
    )
    dose = serializers.IntegerField(allow_null=True, help_text="Id of the dose log, if logged.")


class PeriodSerializer(serializers.Serializer):
    days = serializers.IntegerField()
    scheduled = serializers.IntegerField(help_text="Doses due (window closed, or logged).")
    taken_in_window = serializers.IntegerField()
    taken_outside_window = serializers.IntegerField()
    missed = serializers.IntegerField()
    unlogged = serializers.IntegerField()
    percent = serializers.FloatField(
        allow_null=True, help_text="taken_in_window / scheduled × 100; null when none due."
    )
    pdc_days_covered = serializers.FloatField(allow_null=True)
    pdc_days = serializers.IntegerField(allow_null=True)
    pdc_percent = serializers.FloatField(
        allow_null=True,
        help_text="Proportion of completed days covered × 100; self-administered drugs only.",
    )


class InfusionSerializer(serializers.Serializer):
    due = serializers.DateTimeField()
    window_end = serializers.DateTimeField()
    state = serializers.ChoiceField(
        choices=["given", "given_late", "given_early", "due", "overdue", "missed", "upcoming"]
    )
    given_at = serializers.DateTimeField(allow_null=True)
    days_overdue = serializers.IntegerField()


class CourseAdherenceSerializer(serializers.Serializer):
    course = serializers.IntegerField()
    drug = serializers.CharField()
    administration = serializers.ChoiceField(choices=["self", "clinic"])
    periods = PeriodSerializer(many=True)
    infusions = InfusionSerializer(many=True)


class AdherenceSerializer(serializers.Serializer):
    as_of = serializers.DateField(help_text="The patient's local date the periods end on.")
    time_zone = serializers.CharField()
    overall = PeriodSerializer(many=True)
    courses = CourseAdherenceSerializer(many=True)


def period_data(figures):
    d = figures.doses
    pdc = figures.pdc
    return {
        "days": figures.days,
        "scheduled": d.scheduled,
        "taken_in_window": d.taken_in_window,
        "taken_outside_window": d.taken_outside_window,
        "missed": d.missed,
        "unlogged": d.unlogged,
        "percent": d.percent,
        "pdc_days_covered": pdc.days_covered if pdc else None,
        "pdc_days": pdc.days if pdc else None,
        "pdc_percent": pdc.percent if pdc else None,
    }


def report_data(report, user):
    """The adherence report as plain data for ``AdherenceSerializer``."""
    return {
        "as_of": report.as_of,
        "time_zone": user.time_zone,
        "overall": [period_data(p) for p in report.overall],
        "courses": [
            {
                "course": r.course.pk,
                "drug": r.course.drug.name,
                "administration": "clinic" if r.clinic else "self",
                "periods": [period_data(p) for p in r.periods],
                "infusions": [
                    {
                        "due": row.due,
                        "window_end": row.window_end,
                        "state": row.state,
                        "given_at": row.given_at,
                        "days_overdue": row.days_overdue,
                    }
                    for row in r.infusions
                ],
            }
            for r in report.courses
        ],
    }
