"""The access gate, persona by persona: who reads whose data, in which scope, and the log.

Personas: anonymous, the owner (alice), another patient (bob), the clinician (carol)
with an active, expired, revoked or narrower share, a clinician never shared with,
and staff. A clinician refused anything gets the 404 of a patient who does not exist.
"""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from django.views import View
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from mstracker.care import access
from mstracker.care.access import NotShared, SubjectMixin, SubjectViewSetMixin
from mstracker.care.models import AccessEvent
from mstracker.care.scopes import CLINICIAN_WRITES, RESOURCE_SCOPES, Scope
from tests.care.factories import ShareFactory
from tests.factories import ClinicianFactory, PatientFactory

pytestmark = pytest.mark.django_db


def request(user, method="get"):
    req = getattr(RequestFactory(), method)("/", REMOTE_ADDR="203.0.113.9")
    req.user = user
    return req


@pytest.fixture
def share(patient, clinician):
    return ShareFactory(patient=patient, clinician=clinician)


# resolve: the subject -------------------------------------------------------------


def test_a_patient_is_the_subject_of_their_own_pages(patient):
    result = access.resolve(patient)
    assert result.subject == patient
    assert result.is_owner


def test_a_clinician_with_an_active_share_reads_that_patient(share, clinician, patient):
    result = access.resolve(clinician, patient.pk)
    assert result.subject == patient
    assert result.share == share


@pytest.mark.parametrize(
    "state",
    [
        {"revoked_at": timezone.now()},
        {"expires_at": timezone.now() - timedelta(minutes=1)},
        {"clinician": None, "accepted_at": None},
    ],
    ids=["revoked", "expired", "pending"],
)
def test_no_active_share_is_the_404_of_a_missing_patient(state, patient, clinician):
    ShareFactory(patient=patient, **{"clinician": clinician, **state})
    with pytest.raises(NotShared) as refused:
        access.resolve(clinician, patient.pk)
    with pytest.raises(NotShared) as missing:
        access.resolve(clinician, 10**9)
    assert str(refused.value) == str(missing.value)


def test_never_shared_and_another_clinicians_share_are_404(share, patient):
    stranger = ClinicianFactory()
    with pytest.raises(NotShared):
        access.resolve(stranger, patient.pk)


def test_a_share_stops_at_its_minute(patient, clinician):
    ends = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=5)
    ShareFactory(patient=patient, clinician=clinician, expires_at=ends)
    with time_machine.travel(ends - timedelta(seconds=1)):
        assert access.resolve(clinician, patient.pk).subject == patient
    with time_machine.travel(ends), pytest.raises(NotShared):
        access.resolve(clinician, patient.pk)


def test_revocation_holds_from_the_next_request(share, clinician, patient):
    assert access.resolve(clinician, patient.pk)
    share.revoked_at = timezone.now()
    share.save()
    with pytest.raises(NotShared):
        access.resolve(clinician, patient.pk)


def test_patients_and_staff_do_not_read_other_patients(patient, other_patient, admin_user):
    for reader in (other_patient, admin_user):
        with pytest.raises(PermissionDenied):
            access.resolve(reader, patient.pk)


def test_a_clinicians_own_account_keeps_no_records(clinician):
    with pytest.raises(PermissionDenied):
        access.resolve(clinician)


def test_anonymous_and_junk_ids(share, clinician):
    with pytest.raises(NotShared):
        access.resolve(AnonymousUser(), share.patient_id)
    for junk in ("abc", "1e3", "", "1; DROP"):
        with pytest.raises(NotShared):
            access.resolve(clinician, junk)


# check: scope and writes ------------------------------------------------------------


def test_a_narrower_share_hides_what_it_does_not_include(patient, clinician):
    ShareFactory(patient=patient, clinician=clinician, scopes=[Scope.SYMPTOMS])
    result = access.resolve(clinician, patient.pk)
    access.check(result, "checkins")
    access.check(result, "summary")
    for resource in ("relapses", "measures", "questionnaires", "courses", "smoking"):
        with pytest.raises(NotShared):
            access.check(result, resource)


def test_clinicians_write_only_edss_relapse_confirmation_and_notes(share, clinician, patient):
    result = access.resolve(clinician, patient.pk)
    for resource, methods in CLINICIAN_WRITES.items():
        for method in methods:
            access.check(result, resource, method)
        for method in {"POST", "PUT", "PATCH", "DELETE"} - methods:
            with pytest.raises(PermissionDenied):
                access.check(result, resource, method)
    for resource in ("checkins", "questionnaires", "courses", "doses", "exercise"):
        access.check(result, resource)
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            with pytest.raises(PermissionDenied):
                access.check(result, resource, method)


def test_an_unclassified_resource_is_never_shown_to_a_clinician(share, clinician, patient):
    result = access.resolve(clinician, patient.pk)
    with pytest.raises(NotShared):
        access.check(result, "something-new")
    access.check(access.resolve(patient), "something-new")  # the owner sees all of theirs


def test_every_scope_guards_some_resource():
    assert {s for s in RESOURCE_SCOPES.values() if s} == set(Scope)


# record: one event per clinician request -------------------------------------------------


def test_one_event_per_clinician_request_and_none_for_the_owner(share, clinician, patient):
    req = request(clinician)
    result = access.gate(req, patient.pk, "measures")
    access.record(req, result, "measures", 17)
    access.record(req, result, "measures", 18)  # same request: still one row
    access.record(request(patient), access.resolve(patient), "measures")
    event = AccessEvent.objects.get()
    assert (event.reader, event.patient, event.what, event.object_id) == (
        clinician,
        patient,
        "measures",
        "17",
    )
    assert (event.action, event.ip) == ("view", "203.0.113.9")
    share.refresh_from_db()
    assert share.last_viewed_at == event.at


# the mixins -------------------------------------------------------------------------


class Page(SubjectMixin, View):
    care_resource = "relapses"

    def get(self, request, **kwargs):
        return HttpResponse(f"records of {self.subject.username}")


class Resource(SubjectViewSetMixin, APIView):
    care_resource = "questionnaires"

    def get(self, request, **kwargs):
        return Response({"subject": self.subject.username})

    def post(self, request, **kwargs):
        return Response({"subject": self.subject.username}, status=201)


def call_api(user, method="get", **kwargs):
    req = getattr(APIRequestFactory(), method)("/", format="json")
    if user is not None:
        force_authenticate(req, user=user)
    return Resource.as_view()(req, **kwargs)


def test_api_mixin_persona_matrix(patient, other_patient, clinician, admin_user):
    narrow = ClinicianFactory()
    expired = ClinicianFactory()
    revoked = ClinicianFactory()
    stranger = ClinicianFactory()
    ShareFactory(patient=patient, clinician=clinician)
    ShareFactory(patient=patient, clinician=narrow, scopes=[Scope.SYMPTOMS])
    ShareFactory(patient=patient, clinician=expired, expires_at=timezone.now())
    ShareFactory(patient=patient, clinician=revoked, revoked_at=timezone.now())
    on_patient = {"patient_pk": patient.pk}
    expected = [
        (None, {}, 401),
        (patient, {}, 200),
        (other_patient, on_patient, 403),
        (clinician, on_patient, 200),
        (clinician, {}, 403),
        (narrow, on_patient, 404),
        (expired, on_patient, 404),
        (revoked, on_patient, 404),
        (stranger, on_patient, 404),
        (admin_user, on_patient, 403),
    ]
    answers = [(user, kwargs, call_api(user, **kwargs).status_code) for user, kwargs, _ in expected]
    assert answers == expected
    assert call_api(clinician, "post", **on_patient).status_code == 403  # read, not write
    assert call_api(patient, "post").status_code == 201
    # Only the successful clinician read was logged, once.
    assert list(AccessEvent.objects.values_list("reader", "what")) == [
        (clinician.pk, "questionnaires")
    ]


def test_page_mixin_sends_anonymous_to_log_in_and_hides_unshared(patient, clinician):
    anonymous = request(AnonymousUser())
    response = Page.as_view()(anonymous)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Page.as_view()(request(patient)).content == b"records of alice"
    ShareFactory(patient=patient, clinician=clinician, scopes=[Scope.SYMPTOMS])
    with pytest.raises(NotShared):
        Page.as_view()(request(clinician), patient_id=patient.pk)
    assert not AccessEvent.objects.exists()


def test_staff_patient_reads_only_their_own(patient):
    staff_patient = PatientFactory(is_staff=True)
    assert call_api(staff_patient).data == {"subject": staff_patient.username}
    assert call_api(staff_patient, patient_pk=patient.pk).status_code == 403
