"""Subject-scoped API building blocks: every app's viewsets start from these.

A patient's rows are only ever reached through the subject the access gate
(``mstracker.care.access``) resolved for the request: the patient on their
own paths, a sharing patient on a clinician's ``/clinician/patients/{id}/``
paths. Another user's id is a 404, and a foreign key in a request body must
point at one of the subject's own rows (after wger's
``WgerOwnerObjectModelViewSet``).
"""

from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from mstracker.accounts.models import Role
from mstracker.care.access import SubjectViewSetMixin

from .conditional import ETagMixin


class IsPatient:
    """Records are kept by patients; a clinician's own account has none."""

    message = "Only patient accounts keep records. Clinicians see what patients share."

    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.role == Role.PATIENT

    def has_object_permission(self, request, view, obj):
        return True


class OwnedModelViewSet(SubjectViewSetMixin, ETagMixin, viewsets.ModelViewSet):
    """CRUD over the subject's rows of ``queryset.model`` (``care_resource`` names
    them for the gate), each with an ``ETag`` and guarded by ``If-Match``
    (``conditional.ETagMixin``)."""

    owner_field = "user"

    def create_kwargs(self):
        return {self.owner_field: self.subject}

    def get_serializer_context(self):
        owner = getattr(self, "subject", None) or self.request.user
        return {**super().get_serializer_context(), "owner": owner}


class OwnedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key that accepts only rows owned by the requesting user.

    Someone else's id is answered as if it did not exist ("Invalid pk"), so
    the API never confirms that another patient's record is there.
    """

    owner_field = "user"

    def __init__(self, *args, owner_field=None, **kwargs):
        if owner_field:
            self.owner_field = owner_field
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        owner = self.context.get("owner") or getattr(self.context.get("request"), "user", None)
        if owner is None or not owner.is_authenticated:
            raise PermissionDenied()
        return super().get_queryset().filter(**{self.owner_field: owner})
