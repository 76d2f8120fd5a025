"""The recipient's side, without an account: the viewer page, the manifest and the file.

The manifest and the file are the bearer URLs of the specification: no session, no
CSRF (no cookie authenticates them), throttled per address (``THROTTLE_HEALTH_LINK``),
and readable by any SHL viewer on another origin (``Access-Control-Allow-Origin: *``;
nothing here depends on cookies). They are left out of our own API schema: the HL7
specification is their contract.
"""

from django.http import HttpResponse
from django.views.generic import TemplateView
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from mstracker.api.parsers import JSONParser
from mstracker.care.access import client_ip
from mstracker.portability.api import JSONOnlyNegotiation

from . import opening
from .payload import b64url

MANIFEST_ID_LENGTH = len(b64url(bytes(32)))  # 43


class _Public(APIView):
    schema = None  # not part of /api/v1/: the HL7 specification defines it
    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnlyNegotiation
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "health_link"
    allowed_methods_header = ""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = self.allowed_methods_header
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Referrer-Policy"] = "no-referrer"
        # Django logs every 4xx with its path, and the path is the bearer secret here
        # (the manifest id, the file ticket): keep it out of the application's log.
        response._has_been_logged = True
        return response


class ManifestView(_Public):
    """``POST {recipient, passcode?, embeddedLengthMax?}``: the manifest, 401 or 404."""

    parser_classes = [JSONParser]
    allowed_methods_header = "POST, OPTIONS"

    def post(self, request, manifest_id):
        if len(manifest_id) != MANIFEST_ID_LENGTH:
            return Response({"detail": "Not found."}, status=404)
        answer = opening.request_manifest(manifest_id, request.data, ip=client_ip(request))
        return Response(answer.body, status=answer.status)


class FileView(_Public):
    """``GET``: the encrypted bundle (``application/jose``) while its ticket is good."""

    allowed_methods_header = "GET, OPTIONS"

    def get(self, request, ticket):
        encrypted = opening.request_file(ticket)
        if encrypted is None:
            return Response({"detail": "Not found."}, status=404)
        return HttpResponse(encrypted, content_type="application/jose")


class ViewerView(TemplateView):
    """The built-in viewer: its script reads the link from the fragment, asks the
    manifest, fetches the file and decrypts it in the browser (WebCrypto)."""

    template_name = "health_links/viewer.html"
