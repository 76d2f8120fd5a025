"""Subject-scoped API building blocks: every app's viewsets start from these.

A patient's rows are only ever reached through the subject the access gate
(``mstracker.care.access``) resolved for the request: the patient on their
own paths, a sharing patient on a clinician's ``/clinician/patients/{id}/``
paths. Another user's id is a 404, and a foreign key in a request body must
point at one of the subject's own rows (after wger's
``WgerOwnerObjectModelViewSet``).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from mstracker.care.access import SubjectViewSetMixin, display_name

from .conditional import ETagMixin


class OwnedModelViewSet(SubjectViewSetMixin, ETagMixin, viewsets.ModelViewSet):
    """CRUD over the subject's rows of ``queryset.model`` (``care_resource`` names
    them for the gate), each with an ``ETag`` and guarded by ``If-Match``
    (``conditional.ETagMixin``)."""

    owner_field = "user"

    def keeps_recorded_by(self):
        return any(f.name == "recorded_by" for f in self.queryset.model._meta.concrete_fields)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.select_related("recorded_by") if self.keeps_recorded_by() else queryset

    def create_kwargs(self):
        kwargs = {self.owner_field: self.subject}
        if self.keeps_recorded_by():
            kwargs["recorded_by"] = self.access.reader  # the patient, or a clinician
        return kwargs

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "owner": getattr(self, "subject", None)}


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


@extend_schema_field(PersonRefSerializer(allow_null=True))
class RecordedByField(serializers.Field):
    """Who entered a row: ``{"id", "name"}``, or null when the patient did."""

    def __init__(self, **kwargs):
        kwargs.update(read_only=True, source="*")
        super().__init__(**kwargs)

    def to_representation(self, entry):
        if not entry.entered_by_someone_else:
            return None
        return {"id": entry.recorded_by_id, "name": display_name(entry.recorded_by)}


class OwnedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key that accepts only rows owned by the subject (the gate's patient).

    Someone else's id is answered as if it did not exist ("Invalid pk"), so
    the API never confirms that another patient's record is there.
    """

    owner_field = "user"

    def __init__(self, *args, owner_field=None, **kwargs):
        if owner_field:
            self.owner_field = owner_field
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        owner = self.context.get("owner")
        if owner is None:
            raise PermissionDenied()
        return super().get_queryset().filter(**{self.owner_field: owner})
