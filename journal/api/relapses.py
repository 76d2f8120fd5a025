"""``/api/v1/relapses/``: the relapse rules come from the model, as in the form."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers

from journal.models import Function, Relapse
from mstracker.api.filters import DateRangeFilterSet
from mstracker.api.viewsets import OwnedModelViewSet
from mstracker.date_fields import FilterDateFilter

from .base import ModelRulesSerializer

RELAPSE_EXAMPLE = {
    "onset": "2025-02-03",
    "end": "2025-03-10",
    "functions": ["vision", "sensation"],
    "severity": "moderate",
    "fever_or_infection": False,
    "steroids": True,
    "hospitalised": False,
    "recovery": "partial",
    "clinician_confirmed": True,
}


class RelapseSerializer(ModelRulesSerializer):
    functions = serializers.ListField(
        child=serializers.ChoiceField(choices=Function.choices),
        required=False,
        help_text="At least one affected function; other alone needs a note saying what.",
    )
    possible_pseudo_relapse = serializers.BooleanField(
        read_only=True, help_text="True when there was fever or infection: not counted."
    )
    episode_of = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="Id of the first relapse of the episode when this onset is under 30 days "
        "after a previous one (not counted separately); null otherwise.",
    )

    class Meta:
        model = Relapse
        fields = (
            "id",
            "onset",
            "end",
            "lasted_hours",
            "functions",
            "severity",
            "fever_or_infection",
            "steroids",
            "hospitalised",
            "recovery",
            "clinician_confirmed",
            "note",
            "possible_pseudo_relapse",
            "episode_of",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("created_at", "updated_at")


class RelapseFilterSet(DateRangeFilterSet):
    date_from = FilterDateFilter(field_name="onset", lookup_expr="gte")
    date_to = FilterDateFilter(field_name="onset", lookup_expr="lte")


@extend_schema_view(
    create=extend_schema(
        summary="Record a relapse",
        description="Refused with a field message when symptoms lasted under 24 hours, the "
        "end is before the onset, a date is before 1900 or in the future, no function is "
        "given, or it overlaps an open relapse.",
        examples=[OpenApiExample("Optic neuritis", value=RELAPSE_EXAMPLE, request_only=True)],
    ),
)
class RelapseViewSet(OwnedModelViewSet):
    """Your relapses, newest onset first; ``?date_from=&date_to=`` filter the onset."""

    care_resource = "relapses"

    queryset = Relapse.objects.all()
    serializer_class = RelapseSerializer
    filterset_class = RelapseFilterSet

    def perform_update(self, serializer):
        if not self.access.is_owner:  # a clinician confirms or un-confirms, nothing else
            others = set(self.request.data) - {"clinician_confirmed"}
            if others or "clinician_confirmed" not in self.request.data:
                raise serializers.ValidationError(
                    {
                        name: ["A clinician can only confirm or un-confirm a relapse."]
                        for name in sorted(others) or ["clinician_confirmed"]
                    }
                )
            serializer.validated_data["confirmed_by"] = self.access.reader
        super().perform_update(serializer)
