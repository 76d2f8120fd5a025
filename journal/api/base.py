"""Shared API parts: validation through the model, date filters, schema examples."""

import copy

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings

from mstracker.api.conditional import VersionedSerializerMixin
from mstracker.api.filters import DateRangeFilterSet
from mstracker.api.viewsets import RecordedByField


def drf_errors(exc):
    """A Django ``ValidationError`` as DRF's field -> messages dict."""
    detail = serializers.as_serializer_error(exc)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return detail


class ModelRulesSerializer(VersionedSerializerMixin, serializers.ModelSerializer):
    """Validates with the model's own ``full_clean()``: the rules the forms use.

    The rules themselves live in the model and the plain ``journal.*_rules``
    modules, never here, so the browser and the API answer alike.
    """

    def get_fields(self):
        fields = super().get_fields()
        if hasattr(self.Meta.model, "entered_by_someone_else"):
            fields["recorded_by"] = RecordedByField(
                help_text="Who entered it when not the patient (a clinician): id and name; "
                "null when the patient did."
            )
        return fields

    def apply(self, instance, attrs):
        for name, value in attrs.items():
            setattr(instance, name, value)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = copy.copy(self.instance) if self.instance else self.Meta.model()
        self.apply(instance, attrs)
        instance.user = self.context["owner"]
        try:
            instance.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(drf_errors(exc)) from None
        return attrs


class KindDateFilterSet(DateRangeFilterSet):
    """``?date_from=&date_to=`` plus ``?kind=``."""

    kind = django_filters.CharFilter()
