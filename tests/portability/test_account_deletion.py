"""Deleting an account: nothing of the patient remains, everyone else's rows do."""

import uuid
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone

from mstracker.accounts.models import RecordsVersion, User
from mstracker.health_links import links as health_links
from mstracker.portability.deletion import delete_account
from mstracker.reminders.models import Delivery
from mstracker.reminders.sending import send_delivery
from tests.factories import PASSWORD, api_token, current_code, enable_two_factor
from tests.portability.account import every_kind_of_record
from tests.therapies.factories import CourseFactory, CustomDrugFactory


def paths_to_user(max_depth=4):
    """For every model with chains of foreign keys to the user: a lookup along each."""
    user_model = get_user_model()
    paths = {}
    for _ in range(max_depth):
        for model in apps.get_models(include_auto_created=True):
            if model is user_model:
                continue
            found = set()
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if target is user_model:
                    found.add(field.name)
                elif target in paths and target is not model:
                    found |= {f"{field.name}__{path}" for path in paths[target]}
            if found:
                paths[model] = found
    return paths


def rows_of(user_pk):
    counts = {}
    for model, paths in paths_to_user().items():
        condition = Q()
        for path in paths:
            condition |= Q(**{path: user_pk})
        counts[model._meta.label] = model._default_manager.filter(condition).count()
    return counts


# Models with a path to the user that an ordinary patient account has no row of.
NEVER_IN_A_PATIENT_ACCOUNT = {
    "admin.LogEntry": "staff actions in the admin",
    "accounts.User_groups": "site administration",
    "accounts.User_user_permissions": "site administration",
    "care.WrongCode": "a clinician's wrong share codes",
    "care.VerifiedClinician": "staff's check of a clinician's identity",
    "care.ClinicianPreferences": "a clinician's own settings (the PIRA definition they read by)",
}


@pytest.fixture
def account(patient, client):
    every_kind_of_record(patient)
    api_token(patient)
    enable_two_factor(patient)  # its TOTP device and recovery codes
    health_links.create(patient, base="http://testserver", label="ER")  # a SMART Health Link
    RecordsVersion.objects.create(user=patient, token=uuid.uuid4())  # made after a commit
    client.force_login(patient)
    client.get("/accounts/profile/")  # the session's record (accounts.SessionRecord)
    return patient


def test_a_user_with_every_kind_of_record_and_a_custom_drug_is_deleted(account, other_patient):
    """Issue 10: Course.drug PROTECT against Drug.owner CASCADE raised ProtectedError."""
    bobs = CourseFactory(user=other_patient, drug=CustomDrugFactory(owner=other_patient))
    before = rows_of(account.pk)
    missing = {
        label for label, n in before.items() if n == 0 and label not in NEVER_IN_A_PATIENT_ACCOUNT
    }
    assert not missing, f"the fixture account has no rows of {missing}"

    pk = account.pk
    delete_account(account)

    assert not User.objects.filter(pk=pk).exists()
    left = {label: n for label, n in rows_of(pk).items() if n}
    assert left == {}
    bobs.refresh_from_db()  # another patient's course and custom drug stay
    assert bobs.drug.owner == other_patient


def test_sessions_and_tokens_are_gone_at_once(account, client, patient_api):
    assert client.get("/journal/").status_code in (200, 302)
    assert Session.objects.count() == 1
    AccessAttempt.objects.create(
        username=account.username,
        ip_address="127.0.0.1",
        user_agent="x",
        failures_since_start=1,
        attempt_time=timezone.now(),
    )

    delete_account(account)

    assert Session.objects.count() == 0
    assert not AccessAttempt.objects.filter(username=account.username).exists()
    assert patient_api.get("/api/v1/me/").status_code == 401
    assert client.get("/accounts/profile/").status_code == 302  # to the login page


def test_a_queued_reminder_send_finds_nothing_to_send(account, mailoutbox):
    delivery = Delivery.objects.filter(reminder__user=account).first()
    delivery.expires_at = timezone.now() + timedelta(hours=1)
    delivery.save()

    delete_account(account)

    assert send_delivery(delivery.pk) == "gone"
    assert mailoutbox == []


def test_delete_me_with_the_password(account, patient_api):
    response = patient_api.delete("/api/v1/me/", {"password": "wrong"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"password": ["This is not your password."]}
    assert User.objects.filter(pk=account.pk).exists()

    body = {"password": PASSWORD, "otp": current_code(account)}  # two-factor is on
    response = patient_api.delete("/api/v1/me/", body, format="json")
    assert response.status_code == 204
    assert not User.objects.filter(username="alice").exists()
    assert patient_api.get("/api/v1/me/").status_code == 401


def test_delete_me_needs_the_password(account, patient_api):
    response = patient_api.delete("/api/v1/me/", {}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()


def test_delete_me_with_two_factor_on_needs_the_code_after_the_password(account, patient_api):
    response = patient_api.delete("/api/v1/me/", {"password": "wrong"}, format="json")
    assert response.json() == {"password": ["This is not your password."]}

    response = patient_api.delete("/api/v1/me/", {"password": PASSWORD}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["otp"]

    wrong = "111111" if current_code(account) == "000000" else "000000"
    body = {"password": PASSWORD, "otp": wrong}
    response = patient_api.delete("/api/v1/me/", body, format="json")
    assert response.json() == {"otp": ["This code is wrong or expired."]}
    assert User.objects.filter(pk=account.pk).exists()

    account.totpdevice_set.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    body = {"password": PASSWORD, "otp": current_code(account)}
    assert patient_api.delete("/api/v1/me/", body, format="json").status_code == 204
    assert not User.objects.filter(pk=account.pk).exists()
