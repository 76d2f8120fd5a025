"""Two-factor authentication: TOTP (RFC 6238: 6 digits, 30 s, SHA-1) and recovery codes.

django-otp keeps the devices: one ``TOTPDevice`` (``confirmed`` once a code from the
app was accepted) and one ``StaticDevice`` holding ten single-use recovery codes. On for
anyone who wants it; required for clinicians and staff before they see any patient's
data (``mstracker.care.access.resolve`` raises ``TwoFactorRequired``).

A browser session of a user with two-factor is *verified* once a code was entered in
it (django-otp's ``login``, ``request.user.is_verified()``); until then it reaches only
the verification page. An API token of such a user is verified by construction: the
token endpoint asks for ``otp``, and turning two-factor on revokes every other token.
"""

from base64 import b32encode

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework import serializers

RECOVERY_CODES = 10
PENDING = "_mst_2fa_pending"  # session flag: logged in by password, code still to come
REQUIRED = "Turn on two-factor authentication to open patients' records."


class TwoFactorRequired(PermissionDenied):
    """403 ``{"code": "two_factor_required"}`` in the API; the set-up page in the browser."""

    code = "two_factor_required"

    def __init__(self, message=REQUIRED):
        super().__init__(message)


def required_for(user) -> bool:
    """Clinicians and staff must use two-factor before they see patient data."""
    from .credentials import is_privileged

    return is_privileged(user)


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(user) -> bool:
    """This request's user passed two-factor (a verified session, or a token of theirs).

    Every request's user carries ``is_verified`` (django-otp's middleware for sessions,
    ``api_tokens.TokenAuthentication`` for tokens); a user loaded outside a request
    (a task, a shell) counts as verified when two-factor is on for the account.
    """
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else has_two_factor(user)


def start_totp(user):
    """A new, unconfirmed TOTP secret for ``user``: ``(secret in base32, otpauth URI)``.

    Any earlier unconfirmed one is replaced; a confirmed one stays in force until the
    new one is confirmed.
    """
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return b32encode(device.bin_key).decode(), device.config_url


def pending_secret(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        return None, None
    return b32encode(device.bin_key).decode(), device.config_url


@transaction.atomic
def confirm_totp(user, code):
    """Turn two-factor on with a first code from the app; returns the recovery codes
    (shown once), or None for a wrong code or no enrolment under way."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None or not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save()
    return new_recovery_codes(user)


def new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=c) for c in codes)
    return codes


def verify_device(user):
    """The user's confirmed TOTP device (for a session that just proved a code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def verify(user, code):
    """The confirmed device that accepts ``code`` (a TOTP code or a recovery code, which
    is then used up), or None. django-otp throttles repeated wrong codes per device."""
    code = (code or "").strip()
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            token = _digits(code) if isinstance(device, TOTPDevice) else code.lower()
            if device.verify_token(token):
                return device
    return None


def _digits(code):
    return "".join(ch for ch in str(code or "") if ch.isdigit())


def check_token_otp(user, otp):
    """For ``POST /api/v1/auth/token/``: with two-factor on, ``otp`` must verify."""
    if not has_two_factor(user):
        return
    if not otp:
        raise serializers.ValidationError(
            {"otp": ["Two-factor authentication is on: send the code from your app."]}
        )
    if verify(user, otp) is None:
        raise serializers.ValidationError({"otp": ["This code is wrong or expired."]})


def mark_session_verified(request, device):
    """The browser session passed two-factor (django-otp's own session key)."""
    from django_otp import login as otp_login

    otp_login(request, device)
    request.session.pop(PENDING, None)


def session_device_key():
    return DEVICE_ID_SESSION_KEY
