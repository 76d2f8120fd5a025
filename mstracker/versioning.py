"""Stale-write guard: every editable record carries a version, and a write that
was prepared from an older version is refused instead of overwriting.

The version is django-concurrency's ``AutoIncVersionField``: each save runs a
compare-and-set ``UPDATE ... WHERE id = %s AND version = <the version loaded>``
and raises ``RecordModifiedError`` when it changes no row, so even two requests
racing between read and write cannot overwrite each other. Pages carry the
version in a hidden field; the API sends it as the ``ETag`` and checks
``If-Match`` (RFC 9110 section 13.1.1).
"""

from concurrency.exceptions import RecordModifiedError
from concurrency.fields import AutoIncVersionField

__all__ = [
    "RecordModifiedError",
    "VersionField",
    "etag",
    "if_match_allows",
    "parse_entity_tags",
]


class VersionField(AutoIncVersionField):
    """``version``: 1 when created, +1 on every save."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "help_text", "Changes on every save; send it back (If-Match) so no save is overwritten."
        )
        super().__init__(*args, **kwargs)


def etag(obj):
    """A strong entity tag for one record: its id and version.

    The id is part of it so a check-in deleted and created again (version 1
    again) never matches a tag read from the one before.
    """
    return f'"{obj.pk}.{obj.version}"'


def parse_entity_tags(header):
    """The entity tags of an ``If-Match``/``If-None-Match`` header, weak ones
    included as their opaque tag; ``["*"]`` for the wildcard."""
    tags = []
    for part in header.split(","):
        part = part.strip()
        if part.startswith("W/"):
            part = part[2:]
        if part:
            tags.append(part)
    return tags


def if_match_allows(header, obj):
    """Whether ``If-Match: header`` lets a write to ``obj`` (None: absent) go ahead."""
    tags = parse_entity_tags(header)
    if "*" in tags:
        return obj is not None
    return obj is not None and etag(obj) in tags
