"""The OpenAPI schema documents every error an operation can answer, from one rule.

``ErrorResponsesAutoSchema`` (``DEFAULT_SCHEMA_CLASS``) adds to each operation the
error answers the API really gives, with the JSON bodies DRF and our views send:

- 400 where the operation takes a body or query filters (a message per field);
- 401 where it authenticates a request, 403 where it needs more than that;
- 404 on a detail path (someone else's id looks exactly like a missing one) and
  on a paginated list (a page past the last);
- 409 on a create (POST) where the view sets ``conflict_on_create = True``;
- 412 on PUT, PATCH and DELETE where the view sets ``etag_guarded = True``
  (a stale ``If-Match``);
- 413 where it takes a body (larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE``) and
  415 for a body in a media type it does not parse;
- 429 where it is throttled.

An answer an operation documents itself (``extend_schema(responses=...)``) wins.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.permissions import AllowAny

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, in words."}},
    "required": ["detail"],
}

# DRF's ValidationError body: field name -> messages; a list or dict field's
# messages are nested under its item's index or key; errors about the whole body
# are under "non_field_errors"; a body that is not JSON is {"detail": "..."}.
FIELD_ERRORS = {
    "description": "A message per field: `{field: [message, ...]}`. Errors inside a list "
    "or object field are nested by index or key; errors about the whole body are under "
    '`non_field_errors`; a body that is not valid JSON is `{"detail": message}`.',
    "oneOf": [
        {
            "type": "object",
            "additionalProperties": {
                "oneOf": [
                    {"type": "array", "items": {}},
                    {"type": "object"},
                    {"type": "string"},
                ]
            },
        },
        {"type": "array", "items": {"type": "string"}},
    ],
    "example": {"date": ["Enter a valid date."], "non_field_errors": ["..."]},
}

# status -> (component name, description, body schema)
ERRORS = {
    400: ("ValidationError", "Invalid input: a message per field.", FIELD_ERRORS),
    401: ("Unauthenticated", "No or invalid credentials (session or token).", DETAIL),
    403: (
        "Forbidden",
        "Authenticated but not allowed (e.g. a clinician on a patient's own records).",
        DETAIL,
    ),
    404: ("NotFound", "No such object of yours, or no such page.", DETAIL),
    409: ("Conflict", "It already exists; the message names the existing resource.", DETAIL),
    412: (
        "PreconditionFailed",
        "`If-Match` names a version that is no longer current: fetch it again.",
        DETAIL,
    ),
    413: ("RequestTooLarge", "The body is larger than the server accepts.", DETAIL),
    415: ("UnsupportedMediaType", "The body's `Content-Type` is not one it reads.", DETAIL),
    429: ("Throttled", "Too many requests; `Retry-After` says when to try again.", DETAIL),
}

PAGINATION_PARAMETERS = {"page", "page_size"}


class ErrorResponsesAutoSchema(AutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation["responses"]
        for code in sorted(self.error_codes(operation)):
            responses.setdefault(str(code), self._error_response(code))
        return operation

    def error_codes(self, operation):
        """The error statuses this operation can answer (see the module docstring)."""
        view, method = self.view, self.method
        query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        has_body = "requestBody" in operation
        codes = set()
        if has_body or query - PAGINATION_PARAMETERS:
            codes.add(400)
        if has_body:
            codes |= {413, 415}
        if view.authentication_classes:
            codes.add(401)
        if not all(isinstance(p, AllowAny) for p in view.get_permissions()):
            codes |= {401, 403}
        if "{" in self.path or "page" in query:
            codes.add(404)
        creates = method == "POST" and getattr(view, "action", "create") == "create"
        if creates and getattr(view, "conflict_on_create", False):
            codes.add(409)
        if method in ("PUT", "PATCH", "DELETE") and getattr(view, "etag_guarded", False):
            codes.add(412)
        if view.get_throttles():
            codes.add(429)
        return codes

    def _error_response(self, code):
        name, description, body = ERRORS[code]
        schema = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=body
        )
        self.registry.register_on_missing(schema)
        response = {
            "description": description,
            "content": {"application/json": {"schema": schema.ref}},
        }
        if code == 429:
            response["headers"] = {
                "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}
            }
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.RESPONSE, object=name, schema=response
        )
        self.registry.register_on_missing(component)
        return component.ref
