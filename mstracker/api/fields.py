"""Serializer fields the API shares, each documented as exactly what it sends."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

CLOCK_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


@extend_schema_field(
    {
        "type": "string",
        "pattern": CLOCK_TIME_PATTERN,
        "example": "20:00",
        "description": "A wall-clock time, HH:MM (24-hour).",
    }
)
class ClockTimeField(serializers.TimeField):
    """A local time as ``"HH:MM"``: what the API sends and what it reads.

    OpenAPI's ``format: time`` is RFC 3339's ``full-time`` (``20:00:00Z``, seconds
    and offset required), which a wall-clock time in the patient's zone is not.
    Input also takes ``HH:MM:SS``, as DRF's ``TimeField`` does.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)
