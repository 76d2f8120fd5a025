"""``GET /api/v1/export/`` and ``POST /api/v1/import/``: thin views over this package."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from mstracker.api import parsers
from mstracker.care.access import SubjectViewSetMixin

from .downloads import FORMAT_CHOICES, FORMATS, export_response
from .importer import ImportRefused, import_account


class JSONOnlyNegotiation:
    """``?format=`` names the export's format here, not a DRF renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return JSONRenderer(), JSONRenderer.media_type

    def select_parser(self, request, parsers):
        for parser in parsers:
            if request.content_type.split(";")[0].strip() == parser.media_type:
                return parser
        return None


class ExportView(SubjectViewSetMixin, APIView):
    """Your whole account as a download: JSON, a CSV zip, a FHIR R4 Bundle or FHIR NDJSON.

    Under ``/api/v1/clinician/patients/{id}/export/``: a sharing patient's records that
    the share covers, in the same formats (one access-log row)."""

    care_resource = "export"
    content_negotiation_class = JSONOnlyNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format",
                str,
                enum=list(FORMAT_CHOICES),
                default="json",
                description="; ".join(f"{f.code}: {f.holds}" for f in FORMATS.values()),
            )
        ],
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "application/fhir+json"): OpenApiResponse(OpenApiTypes.OBJECT),
        },
    )
    def get(self, request, patient_pk=None):
        code = request.query_params.get("format", "json")
        if code not in FORMATS:
            raise ValidationError({"format": [f"Choose one of {', '.join(FORMAT_CHOICES)}."]})
        return export_response(self.subject, code, access=self.access)


def read_upload(request, limit):
    """The uploaded export parsed: a multipart ``file`` or the JSON request body."""
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if length > limit + 64 * 1024:
        raise TooLarge(limit)
    if request.content_type.startswith("multipart/"):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Choose the JSON file of an MS Tracker export."]})
        if upload.size > limit:
            raise TooLarge(limit)
        raw = upload.read()
    else:
        raw = request._request.read(limit + 1)
        if len(raw) > limit:
            raise TooLarge(limit)
    try:
        return parsers.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ParseError(f"The file is not valid JSON ({exc}).") from None


class TooLarge(Exception):
    def __init__(self, limit):
        self.limit = limit


class ImportView(SubjectViewSetMixin, APIView):
    """Import an MS Tracker JSON export into your account (``?mode=merge`` to add to it)."""

    care_resource = "import"
    parser_classes = [parsers.JSONParser, MultiPartParser]
    content_negotiation_class = JSONOnlyNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("mode", str, enum=["merge"], required=False)],
        request={
            "application/json": OpenApiTypes.OBJECT,
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            },
        },
        responses={201: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 413: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        mode = request.query_params.get("mode", "")
        if mode not in ("", "merge"):
            raise ValidationError({"mode": ["Leave it out, or use merge."]})
        limit = settings.IMPORT_MAX_BYTES
        try:
            document = read_upload(request, limit)
        except TooLarge:
            body = {"detail": f"The file is larger than the import limit of {limit // 2**20} MB."}
            return Response(body, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        try:
            result = import_account(self.subject, document, merge=mode == "merge")
        except ImportRefused as refused:
            return Response(
                {"detail": str(refused), "errors": refused.errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(result.as_dict(), status=status.HTTP_201_CREATED)
