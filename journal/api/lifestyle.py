"""Exercise, vitamin D (doses, levels) and smoking under /api/v1/."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers

from journal import units
from journal.models import (
    ExerciseSession,
    LevelUnit,
    SmokingRecord,
    VitaminDDose,
    VitaminDLevel,
    exercise,
)
from mstracker.api.filters import DateRangeFilterSet
from mstracker.api.viewsets import OwnedModelViewSet

from .base import KindDateFilterSet, ModelRulesSerializer


class ExerciseSerializer(ModelRulesSerializer):
    class Meta:
        model = ExerciseSession
        fields = ("id", "date", "kind", "minutes", "intensity", "note", "created_at", "updated_at")
        read_only_fields = ("created_at", "updated_at")
        extra_kwargs = {
            "minutes": {
                "help_text": "1 to 600.",
                "error_messages": {
                    "min_value": exercise.MINUTES_MIN_MESSAGE,
                    "max_value": exercise.MINUTES_MAX_MESSAGE,
                },
            }
        }


@extend_schema_view(
    create=extend_schema(
        summary="Log an exercise session",
        examples=[
            OpenApiExample(
                "Brisk walk",
                value={
                    "date": "2025-03-02",
                    "kind": "aerobic",
                    "minutes": 35,
                    "intensity": "moderate",
                },
                request_only=True,
            )
        ],
    )
)
class ExerciseViewSet(OwnedModelViewSet):
    """Exercise sessions (1-600 minutes); ``?kind=aerobic`` filters one kind."""

    care_resource = "exercise"

    queryset = ExerciseSession.objects.all()
    serializer_class = ExerciseSerializer
    filterset_class = KindDateFilterSet


class VitaminDDoseSerializer(ModelRulesSerializer):
    daily_equivalent = serializers.FloatField(read_only=True)

    class Meta:
        model = VitaminDDose
        fields = ("id", "date", "iu", "regimen", "daily_equivalent", "created_at", "updated_at")
        read_only_fields = ("created_at", "updated_at")
        extra_kwargs = {"iu": {"help_text": "IU per dose, 1 to 50,000."}}


@extend_schema_view(
    create=extend_schema(
        summary="Log a vitamin D dose",
        examples=[
            OpenApiExample(
                "Daily 2,000 IU",
                value={"date": "2025-03-02", "iu": 2000, "regimen": "daily"},
                request_only=True,
            )
        ],
    )
)
class VitaminDDoseViewSet(OwnedModelViewSet):
    """Vitamin D supplement doses in IU."""

    care_resource = "vitamin-d/doses"

    queryset = VitaminDDose.objects.all()
    serializer_class = VitaminDDoseSerializer
    filterset_class = DateRangeFilterSet


class VitaminDLevelSerializer(ModelRulesSerializer):
    value = serializers.FloatField(help_text="The result in `unit`, as on the lab report.")
    unit = serializers.ChoiceField(choices=LevelUnit.choices, default=units.NMOL_PER_L)
    nmol_per_l = serializers.SerializerMethodField()
    ng_per_ml = serializers.FloatField(read_only=True)
    band = serializers.SerializerMethodField(
        help_text="Endocrine Society band: deficient (<20 ng/mL), insufficient (20-29), "
        "sufficient (30-100), high (>100)."
    )

    class Meta:
        model = VitaminDLevel
        fields = (
            "id",
            "date",
            "value",
            "unit",
            "nmol_per_l",
            "ng_per_ml",
            "band",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("created_at", "updated_at")

    def get_nmol_per_l(self, obj) -> float:
        return round(obj.nmol_per_l, 1)

    def get_band(self, obj) -> str:
        return obj.band.code

    def apply(self, instance, attrs):
        attrs = dict(attrs)
        unit = attrs.pop("unit", instance.unit)
        value = attrs.pop("value", instance.value)
        super().apply(instance, attrs)
        if value is not None:
            instance.set_value(value, unit)

    def create(self, validated_data):
        instance = VitaminDLevel(user=validated_data.pop("user"))
        self.apply(instance, validated_data)
        instance.save()
        return instance

    def update(self, instance, validated_data):
        self.apply(instance, validated_data)
        instance.save()
        return instance


@extend_schema_view(
    create=extend_schema(
        summary="Record a serum 25(OH)D result",
        examples=[
            OpenApiExample(
                "In ng/mL",
                value={"date": "2025-02-10", "value": 32, "unit": "ng/mL"},
                request_only=True,
            ),
            OpenApiExample(
                "In nmol/L",
                value={"date": "2025-02-10", "value": 80, "unit": "nmol/L"},
                request_only=True,
            ),
        ],
    )
)
class VitaminDLevelViewSet(OwnedModelViewSet):
    """Serum 25(OH)D results, entered in ng/mL or nmol/L (1 ng/mL = 2.496 nmol/L)."""

    care_resource = "vitamin-d/levels"

    queryset = VitaminDLevel.objects.all()
    serializer_class = VitaminDLevelSerializer
    filterset_class = DateRangeFilterSet


class SmokingSerializer(ModelRulesSerializer):
    smoke_free_days = serializers.SerializerMethodField(
        help_text="Days since the quit date for a former smoker; null otherwise."
    )

    class Meta:
        model = SmokingRecord
        fields = (
            "id",
            "date",
            "status",
            "cigarettes",
            "vaping",
            "quit_date",
            "smoke_free_days",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("created_at", "updated_at")

    def get_smoke_free_days(self, obj) -> int | None:
        return obj.smoke_free_days(self.context["owner"].local_today())


@extend_schema_view(
    create=extend_schema(
        summary="Record your smoking status",
        examples=[
            OpenApiExample(
                "Quit",
                value={
                    "date": "2025-01-01",
                    "status": "former",
                    "cigarettes": None,
                    "vaping": False,
                    "quit_date": "2024-12-31",
                },
                request_only=True,
            )
        ],
    )
)
class SmokingViewSet(OwnedModelViewSet):
    """Smoking status records; the newest is your current status."""

    care_resource = "smoking"

    queryset = SmokingRecord.objects.all()
    serializer_class = SmokingSerializer
    filterset_class = DateRangeFilterSet
