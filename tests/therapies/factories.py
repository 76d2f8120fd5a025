"""Factories for therapies: courses on catalogue drugs, custom drugs, dose logs, side effects."""

from datetime import date

import factory

from tests.catalogues import ensure_catalogues
from tests.factories import PatientFactory
from therapies.models import Course, DoseLog, Drug, SideEffect


def ensure_catalogue():
    """Re-seed the catalogue after a transactional test flushed the migration's rows."""
    ensure_catalogues()


def catalogue(code):
    """A drug of the seeded catalogue (from the data migration)."""
    ensure_catalogue()
    return Drug.objects.get(code=code, owner=None)


class CustomDrugFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Drug

    owner = factory.SubFactory(PatientFactory)
    name = factory.Sequence(lambda n: f"Trial drug {n}")
    drug_class = "other"
    route = "oral"
    category = "investigational"
    schedule = factory.LazyFunction(lambda: {"kind": "daily", "times": ["09:00"]})


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    user = factory.SubFactory(PatientFactory)
    drug = factory.LazyFunction(lambda: catalogue("dimethyl-fumarate"))
    start = date(2024, 1, 1)
    dose = 240
    dose_unit = "mg"


class DoseLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DoseLog

    course = factory.SubFactory(CourseFactory)
    user = factory.SelfAttribute("course.user")
    status = "taken"
    taken_at = factory.SelfAttribute("scheduled_for")


class SideEffectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SideEffect

    course = factory.SubFactory(CourseFactory)
    user = factory.SelfAttribute("course.user")
    date = date(2024, 2, 1)
    effect = "Flushing"
