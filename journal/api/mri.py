"""``/api/v1/mri/`` (MRI reports) and ``/api/v1/labs/`` (monitoring blood tests)."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers

from journal import lab_rules, mri_rules
from journal.models import LabResult, LabUnit, MriReport, MriSource
from mstracker.api.filters import DateRangeFilterSet
from mstracker.api.viewsets import OwnedModelViewSet

from .base import KindDateFilterSet, ModelRulesSerializer

COUNT_HELP = "0 when the report says none; null when it does not say (never 0 for that)."


class MriReportSerializer(ModelRulesSerializer):
    activity = serializers.SerializerMethodField(
        help_text="active (any new or enlarging T2 or enhancing lesion), quiet (no new T2 "
        "lesion stated) or unknown (the report does not say)."
    )

    class Meta:
        model = MriReport
        fields = (
            "id",
            "date",
            "region",
            "contrast",
            "new_t2_lesions",
            "enhancing_lesions",
            "brain_volume_change",
            "summary",
            "source",
            "activity",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("created_at", "updated_at")
        extra_kwargs = {
            "new_t2_lesions": {
                "help_text": f"New or enlarging T2 lesions, 0-{mri_rules.MAX_LESIONS}. {COUNT_HELP}"
            },
            "enhancing_lesions": {
                "help_text": f"Gadolinium-enhancing lesions, 0-{mri_rules.MAX_LESIONS}; only with "
                f"`contrast`. {COUNT_HELP}"
            },
            "brain_volume_change": {
                "help_text": "Percent per year, -5 to 5, when the report states it; else null."
            },
            "source": {"help_text": "report_letter (entered from the letter) or clinician."},
        }

    def get_activity(self, obj) -> str:
        return obj.activity


@extend_schema_view(
    create=extend_schema(
        summary="Record an MRI report",
        examples=[
            OpenApiExample(
                "Brain MRI with contrast, quiet",
                value={
                    "date": "2025-04-02",
                    "region": "brain",
                    "contrast": True,
                    "new_t2_lesions": 0,
                    "enhancing_lesions": 0,
                    "brain_volume_change": -0.4,
                    "summary": "Stable appearances, no new or enhancing lesions.",
                    "source": "report_letter",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Spine MRI, counts not stated",
                value={
                    "date": "2025-04-02",
                    "region": "spine",
                    "contrast": False,
                    "new_t2_lesions": None,
                    "enhancing_lesions": None,
                    "summary": "Known cervical lesion at C3.",
                },
                request_only=True,
            ),
        ],
    )
)
class MriReportViewSet(OwnedModelViewSet):
    """MRI reports, one per scan. A clinician with a share of relapses and measures may
    record one too (its `source` is then `clinician`)."""

    care_resource = "mri"

    queryset = MriReport.objects.all()
    serializer_class = MriReportSerializer
    filterset_class = DateRangeFilterSet

    def create_kwargs(self):
        kwargs = super().create_kwargs()
        if self.access is not None and not self.access.is_owner:
            kwargs["source"] = MriSource.CLINICIAN
        return kwargs


class LabResultSerializer(ModelRulesSerializer):
    value = serializers.FloatField(help_text="The result in `unit`, as on the lab report.")
    unit = serializers.ChoiceField(
        choices=LabUnit.choices,
        required=False,
        help_text="lymphocytes: 10^9/L or cells/uL; jcv_index: index; igg: g/L or mg/dL; "
        "alt: U/L or ukat/L. Default: the kind's stored unit (the first).",
    )
    reference_low = serializers.FloatField(
        required=False, allow_null=True, help_text="The report's reference range, in `unit`."
    )
    reference_high = serializers.FloatField(required=False, allow_null=True)
    stored_value = serializers.SerializerMethodField(
        help_text="The result in `stored_unit`, the one unit kept for this kind."
    )
    stored_unit = serializers.SerializerMethodField()
    outside_reference = serializers.SerializerMethodField(
        help_text="low or high when outside the report's reference range; null within it "
        "or without one. Discuss a result outside the range with your care team."
    )

    class Meta:
        model = LabResult
        fields = (
            "id",
            "date",
            "kind",
            "value",
            "unit",
            "reference_low",
            "reference_high",
            "stored_value",
            "stored_unit",
            "outside_reference",
            "note",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("created_at", "updated_at")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["value"] = instance.shown_value
        data["reference_low"] = instance.shown_low
        data["reference_high"] = instance.shown_high
        return data

    def get_stored_value(self, obj) -> float:
        return obj.value

    def get_stored_unit(self, obj) -> str:
        return obj.stored_unit

    def get_outside_reference(self, obj) -> str | None:
        return obj.outside_reference

    def apply(self, instance, attrs):
        attrs = dict(attrs)
        typed = {
            name: attrs.pop(name, getattr(instance, shown) if instance.pk else None)
            for name, shown in (
                ("value", "shown_value"),
                ("reference_low", "shown_low"),
                ("reference_high", "shown_high"),
            )
        }
        unit = attrs.pop("unit", instance.unit if instance.pk else "")
        super().apply(instance, attrs)
        if instance.kind not in lab_rules.KINDS:
            return
        if "kind" in attrs and instance.pk and unit not in lab_rules.KINDS[instance.kind].units:
            unit = ""  # a changed kind without a unit: its stored unit
        try:
            instance.set_values(
                typed["value"], unit, typed["reference_low"], typed["reference_high"]
            )
        except lab_rules.RuleViolation as violation:
            raise serializers.ValidationError({violation.field: [violation.message]}) from None

    def create(self, validated_data):
        instance = LabResult(
            user=validated_data.pop("user"), recorded_by=validated_data.pop("recorded_by", None)
        )
        self.apply(instance, validated_data)
        instance.save()
        return instance

    def update(self, instance, validated_data):
        self.apply(instance, validated_data)
        instance.save()
        return instance


@extend_schema_view(
    create=extend_schema(
        summary="Record a monitoring blood test",
        examples=[
            OpenApiExample(
                "Lymphocytes in cells/uL",
                value={
                    "date": "2025-03-10",
                    "kind": "lymphocytes",
                    "value": 650,
                    "unit": "cells/uL",
                    "reference_low": 1000,
                    "reference_high": 4000,
                },
                request_only=True,
            ),
            OpenApiExample(
                "JCV index",
                value={"date": "2025-03-10", "kind": "jcv_index", "value": 0.35, "unit": "index"},
                request_only=True,
            ),
        ],
    )
)
class LabResultViewSet(OwnedModelViewSet):
    """Blood tests a DMT's label asks for: lymphocytes (10^9/L), JCV antibody index, IgG
    (g/L) and ALT (U/L), each stored in one unit; `?kind=` filters one."""

    care_resource = "labs"

    queryset = LabResult.objects.all()
    serializer_class = LabResultSerializer
    filterset_class = KindDateFilterSet
