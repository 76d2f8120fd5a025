"""``/api/v1/health-links/``: the patient's SMART Health Links (create, list, revoke).

Field names are the contract of issue 14. ``shlink``, ``viewer_url`` and
``qr_svg_url`` are null once a link has ended.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from mstracker.care.access import SubjectViewSetMixin
from mstracker.portability.api import JSONOnlyNegotiation

from . import contents, links, payload, qr
from . import period as periods
from .models import HealthLink


class HealthLinkSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    shlink = serializers.SerializerMethodField()
    viewer_url = serializers.SerializerMethodField()
    qr_svg_url = serializers.SerializerMethodField()
    passcode = serializers.SerializerMethodField()
    period = serializers.SerializerMethodField()
    snapshot = serializers.BooleanField(source="frozen", read_only=True)

    class Meta:
        model = HealthLink
        fields = (
            "id",
            "label",
            "shlink",
            "viewer_url",
            "qr_svg_url",
            "status",
            "contents",
            "period",
            "snapshot",
            "passcode",
            "attempts_left",
            "created_at",
            "expires_at",
            "revoked_at",
            "open_count",
            "last_opened_at",
        )
        read_only_fields = fields

    def _now(self):
        return self.context.setdefault("now", timezone.now())

    def get_status(self, link) -> str:
        """``active``, ``expired``, ``revoked`` or ``locked`` (too many wrong passcodes)."""
        return link.status_at(self._now()).value

    def get_shlink(self, link) -> str | None:
        return links.shlink_for(link, self._now())

    def get_viewer_url(self, link) -> str | None:
        return links.viewer_url_for(link, self._now())

    def get_qr_svg_url(self, link) -> str | None:
        if not link.is_active_at(self._now()) or not link.sealed:
            return None
        path = reverse("health-link-qr", args=[link.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_period(self, link) -> str | None:
        """The visit summary period it holds; null: the whole history."""
        return link.period or None

    def get_passcode(self, link) -> bool:
        """Whether the link asks for a passcode (never the passcode itself)."""
        return link.has_passcode


class HealthLinkCreateSerializer(serializers.Serializer):
    label = serializers.CharField(
        max_length=payload.LABEL_MAX, required=False, allow_blank=True, default=""
    )
    passcode = serializers.CharField(
        min_length=links.PASSCODE_MIN,
        max_length=links.PASSCODE_MAX,
        required=False,
        allow_blank=True,
        allow_null=True,
        default="",
        trim_whitespace=False,
    )
    expires_in_days = serializers.ChoiceField(
        choices=links.EXPIRY_DAYS,
        allow_null=True,
        required=False,
        default=None,
        help_text="1, 7 or 30 days from now; null: until revoked.",
    )
    contents = serializers.ListField(
        child=serializers.ChoiceField(choices=contents.CHOICES),
        allow_empty=False,
        required=False,
        help_text="FHIR resource types; the Patient and the types they refer to come along. "
        "Default: all.",
    )
    period = serializers.ChoiceField(
        choices=periods.KEYS,
        allow_null=True,
        allow_blank=True,
        required=False,
        default=None,
        help_text="A visit summary period: `visit` (since the last clinician EDSS, else 12 "
        "months), `6m`, `1y`, `2y`, `5y`; null: the whole history.",
    )
    snapshot = serializers.BooleanField(
        required=False, default=False, help_text="Freeze the bundle now (else built per request)."
    )


class HealthLinkViewSet(
    SubjectViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The patient's SMART Health Links: create, list, revoke (DELETE, effective at once)."""

    care_resource = "health-links"
    owner_field = "patient"
    queryset = HealthLink.objects.all()
    serializer_class = HealthLinkSerializer

    @extend_schema(request=HealthLinkCreateSerializer, responses={201: HealthLinkSerializer})
    def create(self, request):
        form = HealthLinkCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        link, _ = links.create(
            self.subject,
            base=links.base_url(request),
            label=data["label"],
            passcode=data["passcode"] or "",
            expires_in_days=data["expires_in_days"],
            contents=data.get("contents") or contents.CHOOSABLE,
            period=data["period"] or "",
            snapshot=data["snapshot"],
        )
        body = HealthLinkSerializer(link, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None}, summary="Revoke a health link (effective at once)")
    def destroy(self, request, pk=None):
        links.revoke(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        responses={(200, "image/svg+xml"): OpenApiResponse(OpenApiTypes.BINARY)},
        summary="The link as a QR code (SVG); 404 once it has ended",
    )
    @action(detail=True, url_path="qr", content_negotiation_class=JSONOnlyNegotiation)
    def qr(self, request, pk=None):
        link = self.get_object()
        viewer = links.viewer_url_for(link)
        if viewer is None:
            raise NotFound("This link has ended.")
        return HttpResponse(qr.svg_document(viewer), content_type="image/svg+xml")
