"""Conditional writes for the API: ``ETag`` on every object, ``If-Match`` on
every change (RFC 9110 sections 8.8.3 and 13.1.1).

A client that read a record sends its ``ETag`` back as ``If-Match`` with a
PUT, PATCH or DELETE; if the record changed in between, the answer is ``412
Precondition Failed`` with the current record and its tag, and nothing is
written. Without ``If-Match`` the write goes ahead, but two writes racing
between read and save still cannot overwrite each other: the save is a
compare-and-set on the version (``mstracker.versioning``) and the loser gets
``409 Conflict``.
"""

from django.db import transaction
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from mstracker.versioning import RecordModifiedError, etag, if_match_allows


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed after you read it."
    default_code = "precondition_failed"


class ETagMixin:
    """For a viewset over versioned records: tags out, preconditions in."""

    etag_guarded = True

    def check_preconditions(self, obj):
        """Refuse the write with 412 when ``If-Match`` does not match ``obj``
        (None: no such record)."""
        header = self.request.headers.get("If-Match")
        if header is not None and not if_match_allows(header, obj):
            raise self.precondition_failed(obj)
        header = self.request.headers.get("If-None-Match")
        if header is not None and header.strip() == "*" and obj is not None:
            raise self.precondition_failed(obj)

    def precondition_failed(self, obj):
        exc = PreconditionFailed(
            "This record changed after you read it, so nothing was saved. The current "
            "version is in `current` (and its tag in the ETag header): merge your change "
            "into it and send it again with If-Match set to that tag."
            if obj is not None
            else "There is no such record any more, so nothing was saved."
        )
        exc.current = obj
        return exc

    def handle_exception(self, exc):
        if isinstance(exc, PreconditionFailed):
            current = getattr(exc, "current", None)
            body = {"detail": str(exc.detail)}
            headers = {}
            if current is not None:
                current = self.fresh(current)
                body["current"] = self.get_serializer(current).data
                headers["ETag"] = etag(current)
            return Response(body, status=exc.status_code, headers=headers)
        if isinstance(exc, RecordModifiedError):
            return Response(
                {
                    "detail": "Another save of this record happened at the same moment, so "
                    "nothing of yours was saved. Read it again and retry."
                },
                status=status.HTTP_409_CONFLICT,
            )
        return super().handle_exception(exc)

    def fresh(self, obj):
        """``obj`` as stored now, through the viewset's own queryset."""
        return self.get_queryset().filter(pk=obj.pk).first() or obj

    def perform_update(self, serializer):
        self.check_preconditions(serializer.instance)
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        with transaction.atomic():
            locked = type(instance).objects.select_for_update().filter(pk=instance.pk).first()
            self.check_preconditions(locked)
            if locked is not None and locked.version != instance.version:
                raise RecordModifiedError(target=locked)
            super().perform_destroy(instance)
        self.etag_object = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        obj = getattr(self, "etag_object", None)
        if obj is not None and 200 <= response.status_code < 300 and "ETag" not in response:
            response["ETag"] = etag(obj)
        return response

    def get_object(self):
        obj = super().get_object()
        self.etag_object = obj
        return obj

    def perform_create(self, serializer):
        serializer.save(**self.create_kwargs())
        self.etag_object = serializer.instance

    def create_kwargs(self):
        """Fields a new record gets from the request rather than the body (its owner)."""
        return {}


class VersionedSerializerMixin:
    """Adds the record's read-only ``version`` to a ModelSerializer's output, so a
    client holding a list can send ``If-Match: "<id>.<version>"`` too."""

    def get_fields(self):
        fields = super().get_fields()
        fields.setdefault(
            "version",
            serializers.IntegerField(
                read_only=True,
                help_text='Changes on every save. The ETag of this record is "<id>.<version>".',
            ),
        )
        return fields
