"""Therapies API: drugs, courses, doses, side effects and adherence, owner-scoped."""

import django_filters
from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from mstracker.api.conditional import ETagMixin
from mstracker.api.filters import DateRangeFilterSet, OwnedFilterSet
from mstracker.api.viewsets import OwnedModelViewSet
from mstracker.care.access import SubjectViewSetMixin
from mstracker.date_fields import FilterDateFilter, check_filter_date
from mstracker.wallclock import local_day_bounds

from . import services
from .models import Category, Course, DoseLog, Drug, SideEffect
from .serializers import (
    AdherenceSerializer,
    CourseSerializer,
    DoseSerializer,
    DrugSerializer,
    ExpectedDoseSerializer,
    SideEffectSerializer,
    report_data,
)

MAX_EXPECTED_DAYS = 92


class DrugFilterSet(OwnedFilterSet):
    q = django_filters.CharFilter(method="search", label="Search name, brand, class")
    category = django_filters.ChoiceFilter(choices=Category.choices)

    class Meta:
        model = Drug
        fields = ["category", "drug_class", "route"]

    def search(self, queryset, name, value):
        return queryset.search(value)


@extend_schema_view(
    list=extend_schema(summary="The drug catalogue plus your own custom drugs"),
    create=extend_schema(summary="Add a custom drug (only you see it)"),
)
class DrugViewSet(SubjectViewSetMixin, ETagMixin, viewsets.ModelViewSet):
    """The shared catalogue is read-only; custom drugs are created, changed and
    deleted by their owner only (a catalogue drug cannot be changed here: 403)."""

    care_resource = "drugs"
    queryset = Drug.objects.all()
    serializer_class = DrugSerializer
    filterset_class = DrugFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation, no user
            return Drug.objects.none()
        return Drug.objects.available_to(self.subject)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "owner": getattr(self, "subject", None)}

    def create_kwargs(self):
        return {"owner": self.subject}

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        if request.method not in ("GET", "HEAD", "OPTIONS") and obj.owner_id != self.subject.pk:
            raise PermissionDenied("The shared catalogue is edited by staff.")

    def perform_destroy(self, instance):
        if instance.courses.exists():
            raise serializers.ValidationError(
                {"non_field_errors": ["This drug has courses; delete or change them first."]}
            )
        super().perform_destroy(instance)


class CourseFilterSet(DateRangeFilterSet):
    """``date_from``/``date_to``: courses running at any time in the range."""

    date_from = FilterDateFilter(method="running_from")
    date_to = FilterDateFilter(method="running_to")
    running = django_filters.BooleanFilter(method="running_today", label="Running today")

    class Meta:
        model = Course
        fields = ["drug"]

    def running_from(self, queryset, name, value):
        return queryset.filter(Q(stop__isnull=True) | Q(stop__gte=value))

    def running_to(self, queryset, name, value):
        return queryset.filter(start__lte=value)

    def running_today(self, queryset, name, value):
        today = self.request.subject.local_today()
        running = queryset.running_on(today)
        return running if value else queryset.exclude(pk__in=running.values("pk"))


class CourseViewSet(OwnedModelViewSet):
    """Your therapy courses. ``stop`` is the last day on the drug."""

    care_resource = "courses"

    queryset = Course.objects.select_related("drug")
    serializer_class = CourseSerializer
    filterset_class = CourseFilterSet

    @extend_schema(
        parameters=[
            OpenApiParameter("date_from", OpenApiTypes.DATE, description="Default: today"),
            OpenApiParameter("date_to", OpenApiTypes.DATE, description="Default: date_from"),
        ],
        responses=ExpectedDoseSerializer(many=True),
        filters=False,
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def expected(self, request, pk=None, **kwargs):
        """The doses this course expects on your local dates (at most 92 days), with their logs."""
        course = self.get_object()
        first, last = _date_range(request, self.subject.local_today())
        rows = services.expected_doses(self.subject, first, last, course_id=course.pk)
        data = [
            {
                "scheduled_for": row.scheduled_for,
                "window_start": row.scheduled_for - (row.window_end - row.scheduled_for),
                "window_end": row.window_end,
                "state": row.state,
                "dose": row.log.pk if row.log else None,
            }
            for row in rows
        ]
        return Response(ExpectedDoseSerializer(data, many=True).data)


def _date_range(request, today):
    field = serializers.DateField(validators=[check_filter_date])
    errors = {}
    values = {}
    for name, default in (("date_from", today), ("date_to", None)):
        raw = request.query_params.get(name)
        try:
            values[name] = field.run_validation(raw) if raw else default
        except serializers.ValidationError as exc:
            errors[name] = exc.detail
    if errors:
        raise serializers.ValidationError(errors)
    first = values["date_from"]
    last = values["date_to"] or first
    if last < first:
        raise serializers.ValidationError({"date_to": ["date_to cannot be before date_from."]})
    if (last - first).days >= MAX_EXPECTED_DAYS:
        raise serializers.ValidationError(
            {"date_to": [f"Ask for at most {MAX_EXPECTED_DAYS} days at a time."]}
        )
    return first, last


class DoseFilterSet(OwnedFilterSet):
    """``date_from``/``date_to`` are your local dates of ``scheduled_for``."""

    date_from = FilterDateFilter(method="from_day")
    date_to = FilterDateFilter(method="to_day")

    class Meta:
        model = DoseLog
        fields = ["course", "status"]

    def from_day(self, queryset, name, value):
        start, _ = local_day_bounds(value, self.request.subject.zone)
        return queryset.filter(scheduled_for__gte=start)

    def to_day(self, queryset, name, value):
        _, end = local_day_bounds(value, self.request.subject.zone)
        return queryset.filter(scheduled_for__lt=end)


@extend_schema_view(
    create=extend_schema(
        summary="Log a dose (once per course and scheduled time)",
        description=(
            "status taken or late needs taken_at (defaults to now); it is set to late when "
            "taken after the dose's window. A second log of the same dose is a 400."
        ),
    )
)
class DoseViewSet(OwnedModelViewSet):
    """Logged doses: taken, late or missed, one per expected dose."""

    care_resource = "doses"

    queryset = DoseLog.objects.select_related("course__drug")
    serializer_class = DoseSerializer
    filterset_class = DoseFilterSet


class SideEffectViewSet(OwnedModelViewSet):
    """Side effects, each linked to one of your courses."""

    care_resource = "side-effects"

    queryset = SideEffect.objects.all()
    serializer_class = SideEffectSerializer
    filterset_class = DateRangeFilterSet


class AdherenceView(SubjectViewSetMixin, APIView):
    """Adherence per course and overall for the last 30, 90 and 365 days.

    Self-administered drugs: ``percent`` = doses taken within their window /
    doses due; ``pdc_percent`` = proportion of days covered (completed days).
    Clinic-given infusions: ``percent`` = infusions given within their window /
    infusions due, and each infusion's state and days overdue. A dose is due
    once its window has closed or once it is logged. Days before a course's
    start and after its stop are ignored.
    """

    care_resource = "adherence"

    @extend_schema(
        parameters=[OpenApiParameter("course", OpenApiTypes.INT, description="Only this course")],
        responses=AdherenceSerializer,
    )
    def get(self, request, **kwargs):
        course_id = request.query_params.get("course")
        if course_id is not None:
            if not course_id.isdigit():
                raise serializers.ValidationError({"course": ["Give a course id."]})
            course = Course.objects.filter(user=self.subject, pk=course_id).first()
            if course is None:
                raise serializers.ValidationError({"course": ["Invalid pk - no such course."]})
        report = services.adherence_report(self.subject, course_id=course_id)
        return Response(AdherenceSerializer(report_data(report, self.subject)).data)
