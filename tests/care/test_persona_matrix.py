"""Every endpoint x every persona: who gets what (issue 11, section 1).

The URL resolver (pages and the API router alike) is walked, and a test fails on
any endpoint missing from ``ENDPOINTS``: a new page or resource cannot ship without
saying who may reach it. Each endpoint names its kind, and the kind's rule gives the
expected answer for each persona:

- ``Public``: the same for everyone (log-in, sign-up, the API schema).
- ``Own``: the requester's own record, no patient in the URL. The owner gets it,
  another patient or staff their own (so the owner's object ids are a 404 to them),
  every clinician a 403 (clinicians keep no record), anonymous the log-in page (401
  in the API).
- ``Account``: the requester's own account, any role.
- ``Workspace``: the clinician's own pages (panel, accept): clinicians only.
- ``Shared``: a sharing patient's record under ``/clinician/patients/{id}/``: only
  a clinician with an active share whose scope covers the resource; expired,
  revoked, narrower and never-shared look exactly like a missing patient (404);
  patients and staff get 403.
- ``Link``: an emailed link whose token is the credential, or a SMART Health Link's
  manifest and file (the URL is the credential; here an unknown one).

Clinician writes are tried with every method on every shared endpoint: refused
(403) except where ``care.scopes.CLINICIAN_WRITES`` allows them. Each clinician read
that succeeds writes exactly one access event.
"""

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from journal import selftests
from journal.models import LabKind, LabResult, MriReport, Symptom
from journal.models.labs import LabUnit
from mstracker.accounts.models import ApiToken
from mstracker.care.models import AccessEvent, ClinicalNote
from mstracker.care.scopes import CLINICIAN_WRITES, RESOURCE_SCOPES, Scope
from mstracker.health_links import links as health_links
from mstracker.reminders.models import Kind, Notification, Reminder
from mstracker.reminders.services import create_defaults
from tests.care.factories import AccessEventFactory, ShareFactory
from tests.factories import ClinicianFactory, PatientFactory, api_token, sign_in
from tests.journal.factories import (
    CheckInFactory,
    DoseFactory,
    ExerciseFactory,
    LevelFactory,
    MeasureFactory,
    QuestionnaireFactory,
    RelapseFactory,
    SmokingFactory,
)
from tests.therapies.factories import (
    CourseFactory,
    CustomDrugFactory,
    DoseLogFactory,
    SideEffectFactory,
)

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "owner",
    "other_patient",
    "clinician_active",
    "clinician_expired",
    "clinician_revoked",
    "clinician_narrow",
    "clinician_never",
    "staff",
)
CLINICIANS = {p for p in PERSONAS if p.startswith("clinician_")}
NARROW_SCOPES = [Scope.LIFESTYLE]
WRITES = ("POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Endpoint:
    obj: str = ""  # which of the owner's objects the URL names, if any
    ok: int = 200  # the answer to a GET that passes the gate (405: POST-only)
    # The URL names a kind or a date, not one of the owner's rows: another patient gets
    # their own (a check-in date is the requester's own day).
    names_a_row: bool = True

    def expected(self, persona, api):
        raise NotImplementedError

    def refused_anonymous(self, api):
        return 401 if api else 302


@dataclass(frozen=True)
class Public(Endpoint):
    answers: dict = field(default_factory=dict)  # persona -> status, else `ok`

    def expected(self, persona, api):
        return self.answers.get(persona, self.ok)


@dataclass(frozen=True)
class Own(Endpoint):
    def expected(self, persona, api):
        if persona == "anonymous":
            return self.refused_anonymous(api)
        if persona in CLINICIANS:
            return 403
        if persona == "owner" or self.ok == 405:  # POST only: the method is refused first
            return self.ok
        # Another patient, staff: their own record, where the owner's ids are missing.
        return 404 if self.obj and self.names_a_row else self.ok


@dataclass(frozen=True)
class Account(Endpoint):
    patients_only: bool = False

    def expected(self, persona, api):
        if persona == "anonymous":
            return self.refused_anonymous(api)
        if self.patients_only and persona in CLINICIANS:
            return 403
        return self.ok


@dataclass(frozen=True)
class Workspace(Endpoint):
    def expected(self, persona, api):
        if persona == "anonymous":
            return self.refused_anonymous(api)
        return self.ok if persona in CLINICIANS else 403


@dataclass(frozen=True)
class Shared(Endpoint):
    resource: str = ""

    def expected(self, persona, api):
        if persona == "anonymous":
            return self.refused_anonymous(api)
        if persona not in CLINICIANS:
            return 403
        if persona == "clinician_active":
            return self.ok
        if persona == "clinician_narrow":
            scope = RESOURCE_SCOPES[self.resource]
            return self.ok if scope is None or scope in NARROW_SCOPES else 404
        return 404  # expired, revoked, never shared: as if there were no such patient


@dataclass(frozen=True)
class Link(Public):
    """An emailed link: the token is the credential (here an unknown one)."""


ENDPOINTS = {
    # Public ---------------------------------------------------------------------------
    "home": Public(answers={"owner": 302, "other_patient": 302, "staff": 302}),
    "healthz": Public(),
    "favicon": Public(ok=301),  # to the static file
    "login": Public(),
    "logout": Public(ok=405),  # POST only
    "password_reset": Public(),
    "password_reset_done": Public(),
    "password_reset_confirm": Public(),  # an invalid link says so
    "password_reset_complete": Public(),
    "accounts:signup": Public(
        answers={p: 302 for p in PERSONAS if p != "anonymous"}  # signed in: go home
    ),
    "schema": Public(),
    "swagger-ui": Public(),
    "api-token": Public(ok=405),  # POST only
    "api-register": Public(ok=405),
    # Account --------------------------------------------------------------------------
    "password_change": Account(),
    "password_change_done": Account(),
    "accounts:profile": Account(),
    "api-me": Account(),
    "api-password": Account(ok=405),  # POST only
    "api-tokens-list": Account(),
    "api-tokens-detail": Account(obj="api_token", ok=405),  # DELETE only
    "api-totp": Account(ok=405),
    "api-totp-confirm": Account(ok=405),
    "accounts:sessions": Account(),
    "accounts:two_factor": Account(),
    # The code step: accounts with two-factor on (the clinicians) get the form; the
    # others are sent to set it up; visitors to the log-in page.
    "accounts:two_factor_verify": Public(answers={p: 302 for p in PERSONAS if p not in CLINICIANS}),
    "portability:your_data": Account(patients_only=True),
    "portability:delete": Account(patients_only=True),
    # The patient's own record: pages ---------------------------------------------------
    "journal:history": Own(),
    "journal:today": Own(),
    "journal:welcome": Own(),
    "journal:dashboard": Own(),
    "journal:summary": Own(),
    "journal:summary_pdf": Own(),
    "journal:checkin_list": Own(),
    "journal:checkin_edit": Own(obj="checkin", names_a_row=False),
    "journal:checkin_delete": Own(obj="checkin"),
    "journal:symptoms": Own(),
    "journal:relapse_list": Own(),
    "journal:relapse_new": Own(),
    "journal:relapse_edit": Own(obj="relapse"),
    "journal:relapse_delete": Own(obj="relapse"),
    "journal:measure_list": Own(),
    "journal:measure_new": Own(obj="measure_kind", names_a_row=False),
    "journal:measure_edit": Own(obj="measure"),
    "journal:measure_delete": Own(obj="measure"),
    "journal:questionnaire_list": Own(),
    "journal:questionnaire_new": Own(obj="questionnaire_kind", names_a_row=False),
    "journal:questionnaire_detail": Own(obj="questionnaire"),
    "journal:questionnaire_edit": Own(obj="questionnaire"),
    "journal:questionnaire_delete": Own(obj="questionnaire"),
    "journal:exercise_list": Own(),
    "journal:exercise_new": Own(),
    "journal:exercise_goal": Own(),
    "journal:exercise_edit": Own(obj="exercise"),
    "journal:exercise_delete": Own(obj="exercise"),
    "journal:vitd": Own(),
    "journal:vitd_dose_new": Own(),
    "journal:vitd_dose_edit": Own(obj="vitd_dose"),
    "journal:vitd_dose_delete": Own(obj="vitd_dose"),
    "journal:vitd_level_new": Own(),
    "journal:vitd_level_edit": Own(obj="vitd_level"),
    "journal:vitd_level_delete": Own(obj="vitd_level"),
    "journal:mri_list": Own(),
    "journal:mri_new": Own(),
    "journal:mri_edit": Own(obj="mri"),
    "journal:mri_delete": Own(obj="mri"),
    "journal:lab_list": Own(),
    "journal:lab_new": Own(),
    "journal:lab_edit": Own(obj="lab"),
    "journal:lab_delete": Own(obj="lab"),
    "journal:selftests": Own(),
    "journal:selftest_sdt": Own(),
    "journal:selftest_tap": Own(obj="hand", names_a_row=False),
    "journal:smoking_list": Own(),
    "journal:smoking_new": Own(),
    "journal:smoking_edit": Own(obj="smoking"),
    "journal:smoking_delete": Own(obj="smoking"),
    "therapies:overview": Own(),
    "therapies:catalogue": Own(),
    "therapies:drug_create": Own(),
    "therapies:courses": Own(),
    "therapies:course_start": Own(),
    "therapies:course_edit": Own(obj="course"),
    "therapies:course_stop": Own(obj="course"),
    "therapies:course_switch": Own(obj="course"),
    "therapies:calendar": Own(),
    "therapies:dose_log": Own(ok=405),
    "therapies:dose_undo": Own(obj="dose", ok=405),
    "therapies:side_effects": Own(),
    "therapies:side_effect_delete": Own(obj="side_effect", ok=405),
    "reminders:settings": Own(),
    "reminders:edit": Own(obj="reminder"),
    "reminders:toggle": Own(obj="reminder", ok=405),
    "reminders:test": Own(obj="reminder", ok=405),
    "reminders:inbox": Own(),
    "reminders:read": Own(obj="notification", ok=405),
    "reminders:read_all": Own(ok=405),
    "care:team": Own(),
    "care:share": Own(obj="share"),
    "care:revoke": Own(obj="share", ok=405),
    "care:new_code": Own(obj="share", ok=405),
    "care:visit_note": Own(),
    "care:access_log": Own(),
    "health_links:list": Own(),
    "health_links:detail": Own(obj="health_link"),
    "health_links:revoke": Own(obj="health_link", ok=405),
    # The patient's own record: API -----------------------------------------------------
    "progression": Own(),
    "adherence": Own(),
    "visit-note": Own(),
    "visit-summary": Own(),
    "api-export": Own(),
    "api-import": Own(ok=405),
    **{
        f"{name}-list": Own()
        for name in (
            "symptom",
            "checkin",
            "relapse",
            "measure",
            "questionnaire",
            "exercise",
            "vitamin-d-dose",
            "vitamin-d-level",
            "smoking",
            "mri",
            "lab",
            "self-test",
            "drug",
            "course",
            "dose",
            "side-effect",
            "reminder",
            "notification",
            "share",
            "access-event",
        )
    },
    "symptom-detail": Own(obj="symptom"),
    "checkin-detail": Own(obj="checkin"),
    "relapse-detail": Own(obj="relapse"),
    "measure-detail": Own(obj="measure"),
    "questionnaire-detail": Own(obj="questionnaire"),
    "exercise-detail": Own(obj="exercise"),
    "vitamin-d-dose-detail": Own(obj="vitd_dose"),
    "vitamin-d-level-detail": Own(obj="vitd_level"),
    "smoking-detail": Own(obj="smoking"),
    "mri-detail": Own(obj="mri"),
    "lab-detail": Own(obj="lab"),
    "self-test-detail": Own(obj="self_test"),
    "self-test-upload": Own(obj="self_test", ok=405),  # POST only
    "drug-detail": Own(obj="drug"),
    "course-detail": Own(obj="course"),
    "course-expected": Own(obj="course"),
    "dose-detail": Own(obj="dose"),
    "side-effect-detail": Own(obj="side_effect"),
    "reminder-detail": Own(obj="reminder"),
    "notification-detail": Own(obj="notification"),
    "notification-read": Own(obj="notification", ok=405),
    "notification-read-all": Own(ok=405),
    "notification-unread-count": Own(),
    "share-detail": Own(obj="share"),
    "access-event-detail": Own(obj="access_event"),
    "health-link-list": Own(),
    "health-link-detail": Own(obj="health_link"),
    "health-link-qr": Own(obj="health_link"),
    # Emailed links ------------------------------------------------------------------------
    "reminders:dose_taken": Link(obj="token", ok=400),  # "this link is not valid"
    "reminders:unsubscribe": Link(obj="token", ok=400),
    # An invitation is for a clinician: anonymous visitors log in first, patients are
    # told it is not for them, and a clinician learns the link is unknown.
    "care:invitation": Link(
        obj="token",
        ok=404,
        answers={"anonymous": 302, "owner": 403, "other_patient": 403, "staff": 403},
    ),
    # SMART Health Links: the viewer page, and the bearer URLs (POST-only manifest; an
    # unknown file ticket is a 404 for everyone).
    "health_links:viewer": Public(),
    "health_links:manifest": Link(obj="shl_manifest", ok=405),
    "health_links:file": Link(obj="shl_ticket", ok=404),
    # The clinician's workspace ----------------------------------------------------------
    "clinician:panel": Workspace(),
    "clinician:settings": Workspace(),
    "care:accept": Workspace(),
    "clinician-accept": Workspace(ok=405),
    "clinician-patient-list": Workspace(),
    # A sharing patient's record ---------------------------------------------------------
    "clinician-patient-detail": Shared(resource="summary", obj="patient"),
    "clinician:patient": Shared(resource="summary"),
    "clinician:progression": Shared(resource="progression"),
    "clinician:edss_new": Shared(resource="measures", ok=405),
    "clinician:relapse_confirm": Shared(resource="relapse-confirmation", obj="relapse", ok=405),
    "clinician:note_new": Shared(resource="notes", ok=405),
    "clinician-visit-note": Shared(resource="visit-note"),
    "clinician:summary": Shared(resource="visit-summary"),
    "clinician:summary_pdf": Shared(resource="visit-summary"),
    "clinician-visit-summary": Shared(resource="visit-summary"),
    "clinician-export": Shared(resource="export"),
    "clinician-adherence": Shared(resource="adherence"),
    "clinician-progression": Shared(resource="progression"),
    "clinician-note-list": Shared(resource="notes"),
    **{
        f"clinician-{name}-list": Shared(resource=resource)
        for name, resource in (
            ("checkin", "checkins"),
            ("symptom", "symptoms"),
            ("relapse", "relapses"),
            ("measure", "measures"),
            ("questionnaire", "questionnaires"),
            ("exercise", "exercise"),
            ("vitamin-d-dose", "vitamin-d/doses"),
            ("vitamin-d-level", "vitamin-d/levels"),
            ("smoking", "smoking"),
            ("mri", "mri"),
            ("lab", "labs"),
            ("self-test", "self-tests"),
            ("course", "courses"),
            ("dose", "doses"),
            ("side-effect", "side-effects"),
        )
    },
    "clinician-checkin-detail": Shared(resource="checkins", obj="checkin"),
    "clinician-symptom-detail": Shared(resource="symptoms", obj="symptom"),
    "clinician-relapse-detail": Shared(resource="relapses", obj="relapse"),
    "clinician-measure-detail": Shared(resource="measures", obj="measure"),
    "clinician-questionnaire-detail": Shared(resource="questionnaires", obj="questionnaire"),
    "clinician-exercise-detail": Shared(resource="exercise", obj="exercise"),
    "clinician-vitamin-d-dose-detail": Shared(resource="vitamin-d/doses", obj="vitd_dose"),
    "clinician-vitamin-d-level-detail": Shared(resource="vitamin-d/levels", obj="vitd_level"),
    "clinician-smoking-detail": Shared(resource="smoking", obj="smoking"),
    "clinician-mri-detail": Shared(resource="mri", obj="mri"),
    "clinician-lab-detail": Shared(resource="labs", obj="lab"),
    "clinician-self-test-detail": Shared(resource="self-tests", obj="self_test"),
    "clinician-self-test-upload": Shared(resource="self-tests", obj="self_test", ok=405),
    "clinician-course-detail": Shared(resource="courses", obj="course"),
    "clinician-course-expected": Shared(resource="courses", obj="course"),
    "clinician-dose-detail": Shared(resource="doses", obj="dose"),
    "clinician-side-effect-detail": Shared(resource="side-effects", obj="side_effect"),
}
SKIPPED_PREFIXES = ("admin/",)  # Django's admin: staff only, tested in tests/accounts


def walk(patterns, prefix="", namespace=None, kwargs=()):
    """(route, name, URL keywords) of every pattern under ``patterns``."""
    for pattern in patterns:
        here = (*kwargs, *pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            yield from walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                pattern.namespace or namespace,
                here,
            )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield prefix + str(pattern.pattern), name, sorted(here)


def routes():
    """(route, name, URL keywords) of every endpoint but the admin's."""
    return [
        (route, name, kwargs)
        for route, name, kwargs in walk(get_resolver().url_patterns)
        if not route.startswith(SKIPPED_PREFIXES)
    ]


def test_every_endpoint_is_in_the_matrix():
    names = [name for _, name, _ in routes()]
    assert None not in names, "every endpoint needs a URL name for the matrix"
    missing = sorted(set(names) - set(ENDPOINTS))
    assert not missing, f"endpoints with no row in the persona matrix: {missing}"
    stale = sorted(set(ENDPOINTS) - set(names))
    assert not stale, f"matrix rows for endpoints that do not exist: {stale}"


def test_every_shared_resource_is_classified():
    for endpoint in ENDPOINTS.values():
        if isinstance(endpoint, Shared):
            assert endpoint.resource in RESOURCE_SCOPES


# The world the matrix runs in ------------------------------------------------------------


def make_world():
    owner = PatientFactory(username="owner", first_name="Olive")
    other = PatientFactory(username="other")
    staff = PatientFactory(username="staff", is_staff=True, is_superuser=True)
    clinicians = {p: ClinicianFactory(username=p.replace("_", "-")) for p in CLINICIANS}
    now = timezone.now()
    share = ShareFactory(patient=owner, clinician=clinicians["clinician_active"])
    ShareFactory(
        patient=owner,
        clinician=clinicians["clinician_expired"],
        expires_at=now - dt.timedelta(minutes=1),
    )
    ShareFactory(patient=owner, clinician=clinicians["clinician_revoked"]).revoke()
    ShareFactory(patient=owner, clinician=clinicians["clinician_narrow"], scopes=NARROW_SCOPES)
    for who in (other, staff):  # their own records exist too: never the owner's
        CheckInFactory(user=who, date=dt.date(2025, 1, 1))
    course = CourseFactory(user=owner)
    objects = {
        "checkin": CheckInFactory(user=owner, date=dt.date(2025, 1, 2)).date.isoformat(),
        "relapse": RelapseFactory(user=owner, functions=["vision"]).pk,
        "measure": MeasureFactory(user=owner).pk,
        "measure_kind": "edss",
        "hand": "dominant",
        "questionnaire": QuestionnaireFactory(user=owner).pk,
        "questionnaire_kind": "phq9",
        "exercise": ExerciseFactory(user=owner).pk,
        "vitd_dose": DoseFactory(user=owner).pk,
        "vitd_level": LevelFactory(user=owner).pk,
        "smoking": SmokingFactory(user=owner).pk,
        "mri": MriReport.objects.create(
            user=owner, date=dt.date(2024, 6, 1), region="brain", new_t2_lesions=0
        ).pk,
        "lab": LabResult.objects.create(
            user=owner,
            date=dt.date(2024, 6, 1),
            kind=LabKind.LYMPHOCYTES,
            value=1.2,
            unit=LabUnit.PER_NL,
        ).pk,
        "self_test": selftests.issue(owner, "sdt").pk,
        "drug": CustomDrugFactory(owner=owner).pk,
        "course": course.pk,
        "dose": DoseLogFactory(
            course=course, scheduled_for=dt.datetime(2024, 1, 2, 9, tzinfo=dt.UTC)
        ).pk,
        "side_effect": SideEffectFactory(course=course).pk,
        "reminder": (create_defaults(owner), Reminder.objects.filter(user=owner).first())[1].pk,
        "notification": Notification.objects.create(
            user=owner, kind=Kind.CHECKIN, title="Check in"
        ).pk,
        "share": share.pk,
        "access_event": AccessEventFactory(patient=owner).pk,
        "symptom": Symptom.objects.create(owner=owner, code="own-ache", name="Ache").code,
        "patient": owner.pk,
        "token": "not-a-real-token",
        "api_token": ApiToken.objects.create(user=owner)[0].pk,
        "health_link": health_links.create(owner, base="http://testserver")[0].pk,
        "shl_manifest": "m" * 43,
        "shl_ticket": "not-a-ticket",
    }
    ClinicalNote.objects.create(patient=owner, clinician=share.clinician, text="Hello")
    users = {"owner": owner, "other_patient": other, "staff": staff, **clinicians}
    return owner, users, objects


def url_for(name, kwarg_names, endpoint, owner, objects):
    kwargs = {}
    for kwarg in kwarg_names:
        if kwarg in ("patient_id", "patient_pk"):
            kwargs[kwarg] = owner.pk
        elif kwarg in ("uidb64",):
            kwargs[kwarg] = "MQ"
        elif kwarg == "token" and name == "password_reset_confirm":
            kwargs[kwarg] = "set-password"
        else:
            kwargs[kwarg] = objects[endpoint.obj]
    return reverse(name, kwargs=kwargs)


def client_for(persona, users, api):
    client = APIClient()
    if persona == "anonymous":
        return client
    user = users[persona]
    if api:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
    else:
        sign_in(client, user)
    return client


def is_api(route):
    return route.startswith("api/v1/")


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_endpoint_answers_each_persona_as_the_matrix_says(persona):
    owner, users, objects = make_world()
    wrong = []
    for route, name, kwarg_names in routes():
        endpoint = ENDPOINTS[name]
        api = is_api(route)
        url = url_for(name, kwarg_names, endpoint, owner, objects)
        client = client_for(persona, users, api)
        before = AccessEvent.objects.count()
        response = client.get(url)
        expected = endpoint.expected(persona, api)
        if response.status_code != expected:
            wrong.append(f"GET {url} as {persona}: {response.status_code}, expected {expected}")
            continue
        to_login = expected == 302 and persona == "anonymous" and not isinstance(endpoint, Public)
        if to_login and not response["Location"].startswith(reverse("login")):
            wrong.append(f"GET {url} as anonymous: redirected to {response['Location']}")
        logged = AccessEvent.objects.count() - before
        reads_record = isinstance(endpoint, Shared) and response.status_code == 200
        if logged != (1 if reads_record else 0):
            wrong.append(f"GET {url} as {persona}: {logged} access events")
    assert not wrong, "\n".join(wrong)


def test_a_clinician_writes_only_where_the_share_allows_it():
    owner, users, objects = make_world()
    wrong = []
    for route, name, kwarg_names in routes():
        endpoint = ENDPOINTS[name]
        if not isinstance(endpoint, Shared):
            continue
        url = url_for(name, kwarg_names, endpoint, owner, objects)
        client = client_for("clinician_active", users, is_api(route))
        allowed = CLINICIAN_WRITES.get(endpoint.resource, frozenset())
        for method in WRITES:
            status = getattr(client, method.lower())(url, {}, format="json").status_code
            if method in allowed:
                if status in (403, 404) or status >= 500:  # an empty body: 400, or done
                    wrong.append(f"{method} {url}: {status}, expected the write to be taken")
            elif status != 403:
                wrong.append(f"{method} {url}: {status}, expected 403")
    assert not wrong, "\n".join(wrong)


def test_another_patient_cannot_change_the_owners_objects():
    owner, users, objects = make_world()
    wrong = []
    for route, name, kwarg_names in routes():
        endpoint = ENDPOINTS[name]
        if not (isinstance(endpoint, Own) and endpoint.obj and is_api(route)):
            continue
        url = url_for(name, kwarg_names, endpoint, owner, objects)
        for persona in ("other_patient", "staff"):
            client = client_for(persona, users, api=True)
            for method in ("PUT", "PATCH", "DELETE"):
                status = getattr(client, method.lower())(url, {}, format="json").status_code
                if name == "checkin-detail" and method == "PUT" and status == 400:
                    continue  # PUT of a date is that patient's own day: the empty body is a 400
                if status not in (404, 405):
                    wrong.append(f"{method} {url} as {persona}: {status}")
    assert not wrong, "\n".join(wrong)
