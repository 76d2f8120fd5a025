"""``/api/v1/measures/`` and ``/api/v1/questionnaires/``."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers

from journal import questionnaires
from journal.models import Measure, QuestionnaireResponse
from journal.models.measures import MeasureKind, Source
from mstracker.api.viewsets import OwnedModelViewSet

from .base import KindDateFilterSet, ModelRulesSerializer


class MeasureSerializer(ModelRulesSerializer):
    class Meta:
        model = Measure
        fields = ("id", "kind", "date", "value", "source", "note", "created_at", "updated_at")
        read_only_fields = ("created_at", "updated_at")
        extra_kwargs = {
            "value": {
                "help_text": "EDSS 0 or 1.0-10.0 in 0.5 steps; PDDS 0-8; T25FW 1.5-180 s; "
                "9-hole peg 5-300 s."
            }
        }


@extend_schema_view(
    create=extend_schema(
        summary="Record a disability measure",
        examples=[
            OpenApiExample(
                "EDSS from a visit letter",
                value={
                    "kind": "edss",
                    "date": "2025-01-20",
                    "value": 3.5,
                    "source": "visit_letter",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Timed 25-foot walk",
                value={"kind": "t25fw", "date": "2025-01-20", "value": 6.4, "source": "self"},
                request_only=True,
            ),
        ],
    )
)
class MeasureViewSet(OwnedModelViewSet):
    """EDSS, PDDS, timed 25-foot walk and 9-hole peg test; ``?kind=`` filters one scale."""

    care_resource = "measures"

    queryset = Measure.objects.all()
    serializer_class = MeasureSerializer
    filterset_class = KindDateFilterSet

    def perform_create(self, serializer):
        if not self.access.is_owner:  # a clinician through a share records an EDSS only
            if serializer.validated_data.get("kind") != MeasureKind.EDSS:
                raise serializers.ValidationError(
                    {
                        "kind": [
                            "A clinician records an EDSS here; the other measures are the "
                            "patient's own."
                        ]
                    }
                )
            serializer.validated_data["source"] = Source.CLINICIAN
        super().perform_create(serializer)


class CrisisLineSerializer(serializers.Serializer):
    region = serializers.CharField()
    name = serializers.CharField()
    contact = serializers.CharField()
    phone = serializers.CharField(required=False, help_text="The number to dial, if any.")


class EmergencyNumberSerializer(serializers.Serializer):
    number = serializers.CharField()
    where = serializers.CharField()


class CrisisSerializer(serializers.Serializer):
    message = serializers.CharField()
    emergency = serializers.CharField()
    emergency_numbers = EmergencyNumberSerializer(many=True)
    lines = CrisisLineSerializer(many=True)


class QuestionnaireSerializer(ModelRulesSerializer):
    answers = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=3),
        help_text="One answer per item in order: 0 not at all, 1 several days, 2 more than "
        "half the days, 3 nearly every day. PHQ-9 has 9 items, GAD-7 has 7.",
    )
    band_label = serializers.SerializerMethodField()
    crisis_resources = serializers.SerializerMethodField(
        help_text="Present (not null) when PHQ-9 item 9 is above 0: show it at once."
    )

    class Meta:
        model = QuestionnaireResponse
        fields = (
            "id",
            "kind",
            "date",
            "answers",
            "score",
            "band",
            "band_label",
            "crisis_resources",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("score", "band", "created_at", "updated_at")

    def get_band_label(self, obj) -> str:
        return obj.band_label

    def get_crisis_resources(self, obj) -> CrisisSerializer(allow_null=True):
        if obj.needs_crisis_resources:
            return questionnaires.CRISIS_RESOURCES
        return None


@extend_schema_view(
    create=extend_schema(
        summary="Answer a PHQ-9 or GAD-7",
        examples=[
            OpenApiExample(
                "PHQ-9",
                value={
                    "kind": "phq9",
                    "date": "2025-03-01",
                    "answers": [1, 1, 2, 2, 0, 1, 1, 0, 0],
                },
                request_only=True,
            ),
            OpenApiExample(
                "GAD-7",
                value={"kind": "gad7", "date": "2025-03-01", "answers": [1, 0, 1, 2, 0, 1, 0]},
                request_only=True,
            ),
        ],
    )
)
class QuestionnaireViewSet(OwnedModelViewSet):
    """PHQ-9 and GAD-7 responses with score and band; ``?kind=phq9`` filters one."""

    care_resource = "questionnaires"

    queryset = QuestionnaireResponse.objects.all()
    serializer_class = QuestionnaireSerializer
    filterset_class = KindDateFilterSet
