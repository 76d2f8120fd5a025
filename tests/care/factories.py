"""factory-boy factories for the care team: shares (active by default) and access events."""

import factory
from django.utils import timezone

from mstracker.care.models import AccessEvent, Share
from mstracker.care.scopes import Scope
from tests.factories import ClinicianFactory, PatientFactory


class ShareFactory(factory.django.DjangoModelFactory):
    """An accepted share of every scope, until revoked."""

    class Meta:
        model = Share

    patient = factory.SubFactory(PatientFactory)
    clinician = factory.SubFactory(ClinicianFactory)
    scopes = factory.LazyFunction(lambda: list(Scope.values))
    accepted_at = factory.LazyFunction(timezone.now)


class AccessEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessEvent

    reader = factory.SubFactory(ClinicianFactory)
    reader_name = factory.LazyAttribute(lambda e: e.reader.username)
    patient = factory.SubFactory(PatientFactory)
    what = "summary"
