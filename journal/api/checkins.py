"""Check-ins by date (``/api/v1/checkins/{date}/``) and the symptom catalogue."""

from datetime import date as date_cls

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from journal.models import CheckIn, JournalSettings, Symptom
from mstracker.api.conditional import ETagMixin, VersionedSerializerMixin
from mstracker.api.filters import DateRangeFilterSet
from mstracker.api.viewsets import OwnedModelViewSet
from mstracker.care.access import SubjectViewSetMixin
from mstracker.versioning import etag

from .base import drf_errors

CHECKIN_EXAMPLE = {
    "date": "2025-03-14",
    "scores": {"fatigue": 6, "walking": 3, "balance": 2, "mood": 4},
    "wellbeing": 6,
    "note": "Tired after work, walked the dog.",
}


class CheckInSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=10, allow_null=True),
        source="scores_by_code",
        required=False,
        help_text="Symptom code -> score 0 (none) to 10 (worst), or null (not scored); codes "
        "from /api/v1/symptoms/. POST and PUT set the day's scores to exactly these; PATCH "
        "merges them into the stored ones, and null removes a score.",
    )

    class Meta:
        model = CheckIn
        fields = ("date", "scores", "wellbeing", "note", "created_at", "updated_at")
        read_only_fields = ("created_at", "updated_at")
        # One per date: the viewset answers an existing date itself (409 or upsert).
        validators = []

    def validate_scores(self, value):
        owner = self.context["owner"]
        known = {s.code: s for s in Symptom.objects.for_user(owner).filter(code__in=list(value))}
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise serializers.ValidationError(
                f"Unknown symptom code(s): {', '.join(unknown)}. See /api/v1/symptoms/ "
                "for the codes you can score."
            )
        return {known[code]: score for code, score in value.items()}

    def validate(self, attrs):
        candidate = CheckIn(
            user=self.context["owner"],
            date=attrs.get("date", getattr(self.instance, "date", None)),
            wellbeing=attrs.get("wellbeing", getattr(self.instance, "wellbeing", None)),
            note=attrs.get("note", getattr(self.instance, "note", "")),
        )
        try:
            candidate.full_clean(
                exclude=["user"], validate_unique=False, validate_constraints=False
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(drf_errors(exc)) from None
        return attrs


def _parse_date(value):
    try:
        return date_cls.fromisoformat(value)
    except ValueError:
        raise Http404 from None


CONFLICT_DESCRIPTION = (
    "POST creates the check-in of a new date. A date that already has one answers 409 "
    "Conflict with its address (`existing`, and the Location header) and the stored check-in "
    "(`current`); use PUT to replace it or PATCH to change some fields. Sending exactly the "
    "stored content again is not a conflict: it answers 200 and changes nothing, so an offline "
    "client can resend safely."
)


@extend_schema_view(
    list=extend_schema(summary="Your check-ins, newest first"),
    create=extend_schema(
        summary="Record the check-in of a new date (409 if the date has one)",
        description=CONFLICT_DESCRIPTION,
        responses={200: CheckInSerializer, 201: CheckInSerializer},
        examples=[OpenApiExample("A tired day", value=CHECKIN_EXAMPLE, request_only=True)],
    ),
    retrieve=extend_schema(summary="The check-in of one date (with its ETag)"),
    update=extend_schema(
        summary="Create or replace the check-in of a date",
        description=(
            "A full replace: scores and note not sent are removed. With `If-Match` set to "
            "the ETag you read, a check-in changed since answers 412 and nothing is "
            "written; `If-None-Match: *` creates only."
        ),
        examples=[OpenApiExample("Replace", value=CHECKIN_EXAMPLE, request_only=True)],
        responses={200: CheckInSerializer, 201: CheckInSerializer},
    ),
    partial_update=extend_schema(
        summary="Change some fields; scores are merged and a null score removes it",
        description="Guarded by `If-Match` like PUT.",
    ),
    destroy=extend_schema(summary="Delete the check-in of a date (guarded by If-Match)"),
)
class CheckInViewSet(OwnedModelViewSet):
    """Daily check-ins, one per local date, addressed by their date (YYYY-MM-DD)."""

    care_resource = "checkins"

    queryset = CheckIn.objects.with_scores()
    serializer_class = CheckInSerializer
    filterset_class = DateRangeFilterSet
    lookup_field = "date"
    lookup_value_regex = r"\d{4}-\d{2}-\d{2}"
    conflict_on_create = True

    def get_object(self):
        on_date = _parse_date(self.kwargs["date"])
        obj = self.get_queryset().filter(date=on_date).first()
        if obj is None:
            raise Http404
        self.check_object_permissions(self.request, obj)
        self.etag_object = obj
        return obj

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        content = self._content(values)
        existing = None
        for _ in range(2):  # the day's check-in may be deleted between the two
            checkin = CheckIn.objects.insert_new(
                self.subject,
                values["date"],
                wellbeing=content["wellbeing"],
                note=content["note"],
                scores=values.get("scores_by_code"),
            )
            if checkin is not None:
                # The validated serializer answers too: its fields are built once.
                serializer.instance = checkin
                return self._answer(checkin, status.HTTP_201_CREATED, serializer)
            existing = self.get_queryset().filter(date=values["date"]).first()
            if existing is not None:
                break
        if existing.has_content(**content):
            return self._answer(existing, status.HTTP_200_OK)
        url = self.reverse_action("detail", kwargs={"date": existing.date.isoformat()})
        return Response(
            {
                "detail": f"There is already a check-in for {existing.date.isoformat()}, and "
                "nothing was changed. PUT to its address replaces it; PATCH changes some "
                "fields.",
                "existing": url,
                "current": self.get_serializer(existing).data,
            },
            status=status.HTTP_409_CONFLICT,
            headers={"Location": url, "ETag": etag(existing)},
        )

    def update(self, request, *args, **kwargs):
        on_date = _parse_date(kwargs["date"])
        partial = kwargs.get("partial", False)
        instance = self.get_queryset().filter(date=on_date).first()
        if partial and instance is None:
            raise Http404
        self.check_preconditions(instance)
        data = request.data
        if isinstance(data, dict):
            data = {**data, "date": on_date.isoformat()}
        serializer = self.get_serializer(instance, data=data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        if partial:
            scores = {s.symptom: s.score for s in instance.scores.all()}
            scores.update(values.get("scores_by_code", {}))
            values = {
                "wellbeing": values.get("wellbeing", instance.wellbeing),
                "note": values.get("note", instance.note),
                "scores_by_code": scores,
            }
        checkin, created = self._record(
            on_date, values, seen_version=instance.version if instance else 0
        )
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return self._answer(self.fresh(checkin), code)

    @staticmethod
    def _content(values):
        """The stored form of a validated body: a full check-in, absent parts empty."""
        scores = values.get("scores_by_code") or {}
        return {
            "wellbeing": values["wellbeing"],
            "note": values.get("note") or "",
            "scores": {symptom.code: score for symptom, score in scores.items()},
        }

    def _record(self, on_date, values, *, seen_version):
        content = self._content(values)
        return CheckIn.objects.record(
            self.subject,
            on_date,
            wellbeing=content["wellbeing"],
            note=content["note"],
            scores=values.get("scores_by_code") or {},
            seen_version=seen_version,
        )

    def _answer(self, checkin, code, serializer=None):
        """``checkin`` as read through the queryset (its scores prefetched), tagged;
        ``serializer``: one already holding it."""
        self.etag_object = checkin
        return Response((serializer or self.get_serializer(checkin)).data, status=code)


class SymptomSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    custom = serializers.BooleanField(source="is_custom", read_only=True)
    hidden = serializers.BooleanField(
        required=False, help_text="Hidden symptoms are left off your check-in."
    )

    class Meta:
        model = Symptom
        fields = ("code", "name", "anchor_low", "anchor_high", "custom", "hidden")
        read_only_fields = ("code",)
        extra_kwargs = {
            "anchor_low": {"help_text": "What a score of 0 means.", "required": False},
            "anchor_high": {"help_text": "What a score of 10 means.", "required": False},
        }

    def validate(self, attrs):
        changes = set(attrs) - {"hidden"}
        if self.instance is not None and not self.instance.is_custom and changes:
            raise PermissionDenied(
                "Catalogue symptoms are shared and cannot be renamed; you can hide them."
            )
        return attrs

    def _set_hidden(self, symptom, hidden):
        if hidden is None:
            return
        settings = JournalSettings.objects.for_user(self.context["owner"])
        if hidden:
            settings.hidden_symptoms.add(symptom)
        else:
            settings.hidden_symptoms.remove(symptom)
        symptom.hidden = hidden

    def create(self, validated_data):
        hidden = validated_data.pop("hidden", None)
        owner = self.context["owner"]
        symptom = Symptom.objects.create(
            owner=owner, code=Symptom.custom_code(owner, validated_data["name"]), **validated_data
        )
        symptom.hidden = False
        self._set_hidden(symptom, hidden)
        return symptom

    def update(self, instance, validated_data):
        hidden = validated_data.pop("hidden", None)
        instance = super().update(instance, validated_data)
        self._set_hidden(instance, hidden)
        return instance


@extend_schema_view(
    create=extend_schema(
        summary="Add your own symptom (its code is made from the name, starting with my_)",
        examples=[
            OpenApiExample(
                "Own symptom",
                value={
                    "name": "Tremor",
                    "anchor_low": "Steady hands",
                    "anchor_high": "Cannot hold a cup",
                },
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary="Hide or show a symptom; rename your own",
        examples=[OpenApiExample("Hide", value={"hidden": True}, request_only=True)],
    ),
)
class SymptomViewSet(
    SubjectViewSetMixin,
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The MS symptom catalogue plus your own symptoms, with whether you hid each."""

    care_resource = "symptoms"
    serializer_class = SymptomSerializer
    lookup_field = "code"
    queryset = Symptom.objects.all()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "owner": getattr(self, "subject", None)}

    def get_queryset(self):
        user = getattr(self, "subject", None)
        if user is None:  # the schema generator
            return Symptom.objects.none()
        hidden = JournalSettings.hidden_symptoms.through.objects.filter(
            journalsettings__user=user, symptom_id=OuterRef("pk")
        )
        return Symptom.objects.for_user(user).annotate(hidden=Exists(hidden))

    @extend_schema(parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)])
    def destroy(self, request, *args, **kwargs):
        symptom = self.get_object()
        if not symptom.is_custom:
            raise PermissionDenied("Catalogue symptoms cannot be deleted; you can hide them.")
        self.perform_destroy(symptom)
        return Response(status=status.HTTP_204_NO_CONTENT)
