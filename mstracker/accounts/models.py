"""Accounts: the custom user, who carries the profile that every page needs.

The profile fields (time zone, MS course, diagnosis year, role) live on the
user row itself: every request reads them, so a separate profile table would
only add a join or a query to each page.
"""

import uuid
import zoneinfo
from functools import cache

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken


@cache
def time_zone_names():
    """The IANA zones this Python knows, sorted, for validation and choices."""
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def validate_time_zone(value):
    if value not in set(time_zone_names()):
        raise ValidationError(
            _("%(value)s is not a known IANA time zone (for example Europe/Berlin)."),
            params={"value": value},
            code="invalid_time_zone",
        )


def validate_diagnosis_year(value):
    this_year = timezone.now().year
    if value > this_year:
        raise ValidationError(_("The diagnosis year cannot be in the future."), code="future_year")
    if value < 1900:
        raise ValidationError(_("Enter a year from 1900 on."), code="too_early")


class Role(models.TextChoices):
    PATIENT = "patient", _("Patient")
    CLINICIAN = "clinician", _("Clinician")


class MSCourse(models.TextChoices):
    """Disease courses after Lublin et al., Neurology 2014."""

    CIS = "cis", _("Clinically isolated syndrome (CIS)")
    RRMS = "rrms", _("Relapsing-remitting MS (RRMS)")
    SPMS = "spms", _("Secondary progressive MS (SPMS)")
    PPMS = "ppms", _("Primary progressive MS (PPMS)")
    UNKNOWN = "unknown", _("Not sure / not diagnosed yet")


class CaseInsensitiveUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(username__iexact=username)

    def email_taken(self, email, exclude=None):
        """Whether another account already uses this address, in any letter case."""
        qs = self.filter(email__iexact=email)
        if exclude is not None and exclude.pk:
            qs = qs.exclude(pk=exclude.pk)
        return qs.exists()


class User(AbstractUser):
    email = models.EmailField(_("email address"))
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT)
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Reminders and your daily dates follow this zone."),
    )
    ms_course = models.CharField(
        _("MS course"), max_length=16, choices=MSCourse.choices, default=MSCourse.UNKNOWN
    )
    diagnosis_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[validate_diagnosis_year]
    )

    objects = CaseInsensitiveUserManager()

    REQUIRED_FIELDS = ["email"]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("An account with this email address already exists."),
            ),
            models.UniqueConstraint(
                Lower("username"),
                name="accounts_user_username_ci_unique",
                violation_error_message=_("This username is taken."),
            ),
        ]

    def __str__(self):
        return self.username

    def get_absolute_url(self):
        return reverse("accounts:profile")

    def save(self, *args, **kwargs):
        # set_password() keeps the new raw password until the save: then every API
        # token and every other session goes (a change, a reset, staff in the admin).
        # ``keep_credentials`` (token, session key) spares the request's own.
        password_changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            from .credentials import revoke_all

            keep_token, keep_session = getattr(self, "keep_credentials", (None, None))
            revoke_all(self, keep_token=keep_token, keep_session=keep_session)

    @property
    def is_patient(self):
        return self.role == Role.PATIENT

    @property
    def is_clinician(self):
        return self.role == Role.CLINICIAN

    @property
    def zone(self):
        """The user's time zone as a ``ZoneInfo``."""
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_now(self):
        """The current moment on the user's wall clock."""
        return timezone.now().astimezone(self.zone)

    def local_today(self):
        """Today's date where the user is: the date their entries belong to."""
        return self.local_now().date()


class RecordsVersion(models.Model):
    """A token that changes whenever any of the patient's records change.

    What is cached from a patient's whole history (the progression dashboard) is
    filed under it; `mstracker.accounts.records_version` changes it after every
    write. One row per patient who has written anything.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, primary_key=True, related_name="+")
    token = models.UUIDField()
    # Changes only with the therapy records (and with every bulk change): what the
    # dashboard derives from years of doses stays cached across a check-in.
    therapies = models.UUIDField(default=uuid.uuid4)
    # Changes with every journal record but check-ins and symptoms: the dashboard's
    # progression and lifestyle part stays cached across a check-in too.
    history = models.UUIDField(default=uuid.uuid4)
    # Changes with every change of `token` but the daily path (a check-in of the last
    # days created, or saved again for its date): what the dashboard derives from older
    # check-ins stays cached across it.
    older_checkins = models.UUIDField(default=uuid.uuid4)

    def __str__(self):
        return f"{self.user_id}: {self.token}"


class ApiToken(AbstractAuthToken):
    """An API token of one device (django-rest-knox: only a SHA-512 digest is stored).

    The clear token is shown once, when it is issued. Each expires (``expiry``,
    ``accounts.credentials.token_lifetime``); a password change or reset and the
    account's deletion remove them all.
    """

    # knox keys its tokens by the digest; an id lets the owner name one without it.
    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=128, unique=True)
    label = models.CharField(
        "device", max_length=100, blank=True, help_text=_("What the token is for.")
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.user_id}: {self.label or self.token_key}"


class SessionRecord(models.Model):
    """A browser session of a user, for "your sessions" and "log out everywhere else".

    Django's sessions have no user column; this row is written when a session is
    first seen logged in (``accounts.sessions.SessionPolicyMiddleware``) and its
    ``last_seen_at`` at most once a minute after that.
    """

    session_key = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="session_records")
    created_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self):
        return f"{self.user_id}: {self.user_agent[:40]}"
