"""Validators shared by the catalogue and courses (used by forms, serializers and the admin)."""

from django.core.exceptions import ValidationError

from therapies.schedules import Schedule, ScheduleError


def parse_schedule(value):
    """A ``Schedule`` from its stored dict; a ``ValidationError`` that names the part at fault."""
    try:
        return Schedule.from_dict(value)
    except ScheduleError as exc:
        raise ValidationError(
            "%(field)s: %(message)s",
            params={"field": exc.field, "message": exc.message},
            code="invalid_schedule",
        ) from None


def validate_schedule(value):
    parse_schedule(value)


def validate_brand_names(value):
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError("Give brand names as a list of names.", code="invalid_brand_names")
