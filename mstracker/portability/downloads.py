"""The export as an HTTP download: one function for the API and the "Your data" page."""

from dataclasses import dataclass

from django.http import StreamingHttpResponse
from django.utils import timezone

from .export_csv import csv_zip
from .export_fhir import bundle_chunks, ndjson_zip
from .export_json import json_chunks
from .kinds import KINDS, kinds_for


@dataclass(frozen=True)
class Format:
    code: str
    content_type: str
    extension: str
    build: object  # (subject, kinds) -> iterable of bytes
    title: str
    holds: str


FORMATS = {
    f.code: f
    for f in (
        Format(
            "json",
            "application/json",
            "json",
            json_chunks,
            "JSON",
            "Everything in one file: your profile and every record, one list per kind. "
            "This is the file you can import again.",
        ),
        Format(
            "csv",
            "application/zip",
            "csv.zip",
            csv_zip,
            "CSV (spreadsheet)",
            "A zip with one spreadsheet file per kind of record, a score column per "
            "symptom in checkins.csv.",
        ),
        Format(
            "fhir",
            "application/fhir+json",
            "fhir.json",
            bundle_chunks,
            "FHIR R4",
            "A FHIR Bundle for health systems: your MS, relapses, measures, symptom "
            "scores, questionnaires, lifestyle, therapy courses and doses.",
        ),
        Format(
            "ndjson",
            "application/zip",
            "ndjson.zip",
            ndjson_zip,
            "FHIR NDJSON (Bulk Data)",
            "The same FHIR resources as one NDJSON file per resource type, in a zip.",
        ),
    )
}
FORMAT_CHOICES = tuple(FORMATS)


def _build(fmt, subject, kinds, shared_scopes):
    if fmt.code == "json":
        return json_chunks(subject, kinds=kinds, shared_scopes=shared_scopes)
    return fmt.build(subject, kinds=kinds)


def export_response(subject, code, now=None, access=None):
    """A streamed download in format ``code``: the subject's whole account, or, for a
    clinician's ``access``, the kinds their share covers (``kinds_for``)."""
    fmt = FORMATS[code]
    now = now or timezone.now()
    shared = access is not None and not access.is_owner
    kinds = kinds_for(access) if shared else KINDS
    scopes = access.share.scopes if shared else None
    response = StreamingHttpResponse(
        _build(fmt, subject, kinds, scopes), content_type=fmt.content_type
    )
    label = "shared" if shared else ""
    name = "-".join(p for p in ("mstracker", subject.username, label, f"{now:%Y-%m-%d}") if p)
    name = f"{name}.{fmt.extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
