"""The bundle a health link carries: the FHIR export, narrowed to the link's contents
and period."""

from mstracker.portability.export_fhir import bundle_chunks

from . import period as periods


def build(subject, resource_types, now=None, period="") -> bytes:
    """The FHIR R4 ``Bundle`` (type ``collection``) as UTF-8 JSON, from current data."""
    keep = periods.keeper(subject, period)
    return b"".join(bundle_chunks(subject, now, resource_types=resource_types, keep=keep))
