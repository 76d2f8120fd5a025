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
from mstracker.api.filters import DateRangeFilterSet
from mstracker.api.viewsets import IsPatient, OwnedModelViewSet

from .base import drf_errors

CHECKIN_EXAMPLE = {
    "date": "2025-03-14",
    "scores": {"fatigue": 6, "walking": 3, "balance": 2, "mood": 4},
    "wellbeing": 6,
    "note": "Tired after work, walked the dog.",
}


class CheckInSerializer(serializers.ModelSerializer):
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=10),
        source="scores_by_code",
        required=False,
        help_text="Symptom code -> score 0 (none) to 10 (worst); codes from /api/v1/symptoms/. "
        "Replaces the day's scores (PATCH merges them).",
    )

    class Meta:
        model = CheckIn
        fields = ("date", "scores", "wellbeing", "note", "created_at", "updated_at")
        read_only_fields = ("created_at", "updated_at")
        # Saving a date again updates it: the viewset upserts, so no unique check here.
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


@extend_schema_view(
    list=extend_schema(summary="Your check-ins, newest first"),
    create=extend_schema(
        summary="Record a check-in (a date that exists is updated: 200 instead of 201)",
        responses={200: CheckInSerializer, 201: CheckInSerializer},
        examples=[OpenApiExample("A tired day", value=CHECKIN_EXAMPLE, request_only=True)],
    ),
    retrieve=extend_schema(summary="The check-in of one date"),
    update=extend_schema(
        summary="Create or replace the check-in of a date (upsert)",
        responses={200: CheckInSerializer, 201: CheckInSerializer},
        examples=[OpenApiExample("Upsert", value=CHECKIN_EXAMPLE, request_only=True)],
    ),
    partial_update=extend_schema(summary="Change some fields; given scores are merged"),
    destroy=extend_schema(summary="Delete the check-in of a date"),
)
class CheckInViewSet(OwnedModelViewSet):
    """Daily check-ins, one per local date, addressed by their date (YYYY-MM-DD)."""

    queryset = CheckIn.objects.with_scores()
    serializer_class = CheckInSerializer
    filterset_class = DateRangeFilterSet
    lookup_field = "date"
    lookup_value_regex = r"\d{4}-\d{2}-\d{2}"

    def get_object(self):
        on_date = _parse_date(self.kwargs["date"])
        try:
            obj = self.get_queryset().get(date=on_date)
        except CheckIn.DoesNotExist:
            raise Http404 from None
        self.check_object_permissions(self.request, obj)
        return obj

    def _upsert(self, data, on_date=None, partial=False, instance=None):
        if on_date is not None and isinstance(data, dict):  # else the serializer says 400
            data = {**data, "date": on_date.isoformat()}
        serializer = self.get_serializer(instance, data=data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        scores = values.get("scores_by_code")
        if partial and instance is not None and scores is not None:
            merged = {s.symptom: s.score for s in instance.scores.all()}
            merged.update(scores)
            scores = merged
        checkin, created = CheckIn.objects.record(
            self.request.user,
            values.get("date", getattr(instance, "date", None)),
            wellbeing=values.get("wellbeing", getattr(instance, "wellbeing", None)),
            note=values.get("note", getattr(instance, "note", "")),
            scores=scores,
        )
        checkin = self.get_queryset().get(pk=checkin.pk)
        body = self.get_serializer(checkin).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def create(self, request, *args, **kwargs):
        return self._upsert(request.data)

    def update(self, request, *args, **kwargs):
        on_date = _parse_date(kwargs["date"])
        partial = kwargs.get("partial", False)
        instance = self.get_queryset().filter(date=on_date).first()
        if partial and instance is None:
            raise Http404
        return self._upsert(request.data, on_date, partial=partial, instance=instance)


class SymptomSerializer(serializers.ModelSerializer):
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
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The MS symptom catalogue plus your own symptoms, with whether you hid each."""

    serializer_class = SymptomSerializer
    lookup_field = "code"
    queryset = Symptom.objects.all()

    def get_permissions(self):
        return [*super().get_permissions(), IsPatient()]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "owner": self.request.user}

    def get_queryset(self):
        user = self.request.user
        hidden = JournalSettings.hidden_symptoms.through.objects.filter(
            journalsettings__user=user, symptom_id=OuterRef("pk")
        )
        return Symptom.objects.for_user(user).annotate(hidden=Exists(hidden))

    @extend_schema(parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)])
    def destroy(self, request, *args, **kwargs):
        symptom = self.get_object()
        if not symptom.is_custom:
            raise PermissionDenied("Catalogue symptoms cannot be deleted; you can hide them.")
        symptom.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
