"""factory-boy factories for accounts; each app's tests add their own module."""

import factory

from mstracker.accounts.models import Role, User

PASSWORD = "correct-horse-battery-9"


def api_token(user, device="tests"):
    """A new API token of ``user`` (the clear text, as a client holds it)."""
    from mstracker.accounts.credentials import issue_token

    return issue_token(user, device)[1]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.PATIENT
    time_zone = "Europe/Berlin"
    password = factory.django.Password(PASSWORD)


class PatientFactory(UserFactory):
    username = factory.Sequence(lambda n: f"patient{n}")
    role = Role.PATIENT


class ClinicianFactory(UserFactory):
    """A clinician with two-factor on (required before any patient's data), unless
    ``two_factor=False``. Sign in with ``sign_in(client, user)`` to pass the code step."""

    username = factory.Sequence(lambda n: f"clinician{n}")
    role = Role.CLINICIAN

    @factory.post_generation
    def two_factor(user, create, extracted, **kwargs):
        if create and extracted is not False:
            enable_two_factor(user)


def enable_two_factor(user):
    """Turn two-factor on as the set-up page does; returns the TOTP device and the
    recovery codes."""
    from django_otp.oath import totp

    from mstracker.accounts import two_factor

    two_factor.start_totp(user)
    device = user.totpdevice_set.get(confirmed=False)
    codes = two_factor.confirm_totp(user, f"{totp(device.bin_key):06d}")
    device.refresh_from_db()
    device.last_t = -1  # as if confirmed earlier: the code showing now still works once
    device.save()
    return device, codes


def current_code(user):
    """The TOTP code the user's app shows now."""
    from django_otp.oath import totp

    device = user.totpdevice_set.get(confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(client, user):
    """``client.force_login(user)``, with the two-factor code step passed when it is on."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from mstracker.accounts.two_factor import PENDING

    client.force_login(user)
    device = user.totpdevice_set.filter(confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.pop(PENDING, None)
        session.save()
    return client
