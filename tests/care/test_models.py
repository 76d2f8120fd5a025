"""Shares say their state; the access log cannot be changed or deleted through the app."""

from datetime import timedelta

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import timezone

from mstracker.care import codes
from mstracker.care.models import AccessEvent, ShareStatus
from tests.care.factories import AccessEventFactory, ShareFactory

pytestmark = pytest.mark.django_db


def test_status_pending_active_expired_revoked(patient, clinician):
    now = timezone.now()
    pending = ShareFactory(patient=patient, clinician=None, accepted_at=None)
    active = ShareFactory(patient=patient, clinician=clinician, expires_at=now + timedelta(days=30))
    expired = ShareFactory(patient=patient, clinician=clinician, expires_at=now)
    revoked = ShareFactory(patient=patient, clinician=clinician, revoked_at=now)
    assert pending.status == ShareStatus.PENDING
    assert active.status == ShareStatus.ACTIVE
    assert expired.status == ShareStatus.EXPIRED  # stops at its minute
    assert revoked.status == ShareStatus.REVOKED
    assert ShareFactory._meta.model.objects.active().get() == active


def test_access_event_cannot_be_changed_or_deleted(patient, clinician):
    event = AccessEventFactory(patient=patient, reader=clinician)
    event.what = "relapses"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AccessEvent.objects.filter(pk=event.pk).update(what="x")
    with pytest.raises(PermissionError):
        AccessEvent.objects.all().delete()
    assert AccessEvent.objects.get().what == "summary"


def test_access_events_survive_revocation_and_the_readers_account(patient, clinician):
    share = ShareFactory(patient=patient, clinician=clinician)
    AccessEventFactory(patient=patient, reader=clinician, reader_name="Dr Carol")
    share.revoked_at = timezone.now()
    share.save()
    clinician.delete()
    event = AccessEvent.objects.get()
    assert (event.reader, event.reader_name) == (None, "Dr Carol")


def test_deleting_the_patient_removes_their_log(patient, clinician):
    AccessEventFactory(patient=patient, reader=clinician)
    patient.delete()
    assert not AccessEvent.objects.exists()


def test_admin_is_read_only_for_the_access_log(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    model_admin = site._registry[AccessEvent]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_codes_are_twelve_unambiguous_characters_stored_as_a_digest():
    code = codes.new_code()
    assert len(code) == 12
    assert set(code) <= set(codes.ALPHABET)
    assert not set("0O1IL5S2Z8B") & set(codes.ALPHABET)
    assert codes.digest(codes.display(code).lower()) == codes.digest(code)
    assert code not in codes.digest(code)
