"""Create the demo patient and clinician that ``make run`` prints, with their history.

Each app may ship a ``demo`` module with ``populate(patient, clinician)``; this
command calls them in ``INSTALLED_APPS`` order. A ``populate`` must be safe to
run again (it skips what it made before), so re-running ``make run`` is safe.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from mstracker.accounts.models import MSCourse, Role, User

DEMO_PASSWORD = "ms-tracker-demo"
DEMO_PATIENT = {
    "username": "demo-patient",
    "email": "demo-patient@example.org",
    "first_name": "Sam",
    "role": Role.PATIENT,
    "time_zone": "Europe/Berlin",
    "ms_course": MSCourse.RRMS,
    "diagnosis_year": 2016,
}
DEMO_CLINICIAN = {
    "username": "demo-clinician",
    "email": "demo-clinician@example.org",
    "first_name": "Dr. Rivera",
    "role": Role.CLINICIAN,
    "time_zone": "Europe/Berlin",
}


def demo_user(fields):
    user = User.objects.filter(username=fields["username"]).first()
    if user is None:
        user = User(**fields)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def demo_two_factor(clinician):
    """Two-factor on for the demo clinician (required to open patients); its key in base32,
    printed so a tester can add it to an authenticator app."""
    from base64 import b32encode

    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=clinician, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=clinician, name="Demo app", confirmed=True)
    return b32encode(device.bin_key).decode()


class Command(BaseCommand):
    help = "Create (or complete) the demo patient and demo clinician with realistic history."

    def handle(self, *args, **options):
        with transaction.atomic():
            patient = demo_user(DEMO_PATIENT)
            clinician = demo_user(DEMO_CLINICIAN)
            key = demo_two_factor(clinician)
            for config in apps.get_app_configs():
                if module_has_submodule(config.module, "demo"):
                    import_module(f"{config.name}.demo").populate(patient, clinician)
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for both: {DEMO_PASSWORD})"))
        self.stdout.write(f"  patient:   {patient.username}")
        self.stdout.write(f"  clinician: {clinician.username}")
        self.stdout.write(f"  clinician's two-factor key (for an authenticator app): {key}")
