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
    username = factory.Sequence(lambda n: f"clinician{n}")
    role = Role.CLINICIAN
