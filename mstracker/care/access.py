"""The access gate: whose data a request reads (the subject), who reads it, and the log.

One place decides, for every page and API resource that shows a patient's data:

- ``resolve(reader, patient_id)``: the subject. Without a patient id the reader is
  the subject (a patient on their own pages). With one, the reader must be a
  clinician holding an active share from that patient, checked on every request
  (no session caches it), so a revocation holds from the very next request and an
  expiry from its minute.
- ``check(access, resource, method)``: the resource's scope must be shared
  (``care.scopes.RESOURCE_SCOPES``) and a clinician writes only what
  ``CLINICIAN_WRITES`` lists for that method.
- ``record(request, access, resource, object_id)``: one ``AccessEvent`` per clinician
  request, and the share's "last viewed".

Refusals: anything a clinician may not see (outside the scope, expired, revoked, never
shared, no such patient) raises ``NotShared``, a 404 indistinguishable from a missing
patient. A clinician writing what they may read but not change, and an account that
keeps no records asking for its own, get ``PermissionDenied`` (403).

``SubjectMixin`` (Django views) and ``SubjectViewSetMixin`` (DRF) run these in order
and hand the view ``self.subject`` and ``self.access``.
"""

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from rest_framework.permissions import SAFE_METHODS

from mstracker.accounts.models import Role
from mstracker.accounts.two_factor import TwoFactorRequired, is_verified

from .models import AccessEvent, Action, Share
from .scopes import CLINICIAN_WRITES, RESOURCE_SCOPES


class NotShared(Http404):
    """Answered exactly as a patient who does not exist."""

    def __init__(self):
        super().__init__("Not found.")


@dataclass(frozen=True)
class Access:
    reader: object
    subject: object
    share: Share | None = None  # None: the reader is the subject

    @property
    def is_owner(self):
        return self.share is None


def display_name(user) -> str:
    """How a person is named to others: their full name, else their username."""
    if user is None:
        return "A deleted account"
    return user.get_full_name().strip() or user.username


def resolve(reader, patient_id=None, now=None) -> Access:
    """The subject of a request by ``reader``, for ``patient_id`` (None: their own)."""
    if not reader.is_authenticated:
        raise NotShared()
    if patient_id is None:
        if reader.role != Role.PATIENT:
            raise PermissionDenied(
                "Only patient accounts keep records. Clinicians see what patients share."
            )
        return Access(reader=reader, subject=reader)
    if reader.role != Role.CLINICIAN:
        raise PermissionDenied("This part of MS Tracker is for clinicians.")
    require_two_factor(reader)  # before the share is looked up: says nothing about it
    try:
        patient_id = int(patient_id)
    except (TypeError, ValueError):
        raise NotShared() from None
    share = (
        Share.objects.active(now)
        .filter(clinician=reader, patient_id=patient_id)
        .select_related("patient")
        .order_by("-accepted_at", "-pk")
        .first()
    )
    if share is None:
        raise NotShared()
    return Access(reader=reader, subject=share.patient, share=share)


def require_two_factor(reader) -> None:
    """A clinician sees no patient's data (a record, the panel) before passing two-factor:
    ``TwoFactorRequired`` is a 403 ``two_factor_required`` in the API, enrolment in pages."""
    if not is_verified(reader):
        raise TwoFactorRequired()


def may_read(access: Access, resource: str) -> bool:
    """``access``'s reader may see ``resource``: their own, or its scope is shared (a
    resource nobody classified is never shown to a clinician)."""
    if access.is_owner:
        return True
    if resource not in RESOURCE_SCOPES:
        return False
    scope = RESOURCE_SCOPES[resource]
    return scope is None or access.share.allows(scope)


def check(access: Access, resource: str, method: str = "GET") -> None:
    """Raise unless ``access`` may ``method`` (an HTTP method) ``resource``."""
    if access.is_owner:
        return
    if not may_read(access, resource):
        raise NotShared()
    if method not in SAFE_METHODS and method not in CLINICIAN_WRITES.get(resource, ()):
        raise PermissionDenied(
            "Clinicians can record an EDSS or an MRI report, confirm a relapse or leave a note."
        )


def gate(request, patient_id, resource) -> Access:
    """``resolve`` then ``check`` for this request."""
    access = resolve(request.user, patient_id)
    check(access, resource, request.method)
    return access


def _django_request(request):
    return getattr(request, "_request", request)


def client_ip(request):
    """The client's address as the log-in lockout sees it (``AXES_PROXY_COUNT``)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(_django_request(request))


def record(request, access: Access, resource: str, object_id="", action=None):
    """Write this request's access event (once per request; never for the owner)."""
    if access is None or access.is_owner:
        return None
    raw = _django_request(request)
    if getattr(raw, "_care_access_recorded", False):
        return None
    raw._care_access_recorded = True
    if action is None:
        action = Action.VIEW if request.method in SAFE_METHODS else Action.WRITE
    now = timezone.now()
    event = AccessEvent.objects.create(
        reader=access.reader,
        reader_name=display_name(access.reader),
        patient=access.subject,
        action=action,
        what=resource,
        object_id="" if object_id is None else str(object_id)[:64],
        at=now,
        ip=client_ip(request),
    )
    Share.objects.filter(pk=access.share.pk).update(last_viewed_at=now)
    return event


class SubjectMixin:
    """For Django views: ``self.subject`` is the patient the page is about.

    ``care_resource`` names the resource; a URL keyword ``patient_id`` makes it a
    clinician page. Anonymous visitors go to the log-in page. The access event is
    written once the view answered successfully.
    """

    care_resource: str = ""
    patient_url_kwarg = "patient_id"
    object_url_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.access = gate(request, kwargs.get(self.patient_url_kwarg), self.care_resource)
        self.subject = self.access.subject
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code < 400:
            record(request, self.access, self.care_resource, kwargs.get(self.object_url_kwarg))
        return response


class SubjectViewSetMixin:
    """For DRF views and viewsets: the gate after authentication, the log after success.

    ``care_resource`` names the resource; the URL keyword ``patient_pk`` (the
    clinician's ``/api/v1/clinician/patients/{id}/...`` paths) selects the patient.
    ``get_queryset`` starts from the subject's rows (``owner_field``).
    """

    care_resource: str = ""
    patient_url_kwarg = "patient_pk"
    owner_field = "user"
    access = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.access = gate(request, kwargs.get(self.patient_url_kwarg), self.care_resource)
        self.subject = request.subject = self.access.subject  # filtersets read request.subject

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.access is not None and response.status_code < 400:
            lookup = getattr(self, "lookup_url_kwarg", None) or getattr(self, "lookup_field", "pk")
            object_id = None if lookup == self.patient_url_kwarg else kwargs.get(lookup)
            record(request, self.access, self.care_resource, object_id)
        return response

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset.none()
        return queryset.filter(**{self.owner_field: self.subject})
