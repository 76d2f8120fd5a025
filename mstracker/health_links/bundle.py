"""The bundle a health link carries: the FHIR export, narrowed to the link's contents."""

from mstracker.portability.export_fhir import bundle_chunks


def build(subject, resource_types, now=None) -> bytes:
    """The FHIR R4 ``Bundle`` (type ``collection``) as UTF-8 JSON, from current data."""
    return b"".join(bundle_chunks(subject, now, resource_types))
