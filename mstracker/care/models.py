"""Care team: shares from a patient to a clinician, their invitations, the access log,
clinical notes, verified clinicians and the per-patient summary behind the panel."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from journal import progression_definitions
from mstracker.versioning import VersionField

from .scopes import Scope, resource_words


def validate_scopes(value):
    if not isinstance(value, list) or not value or any(s not in Scope.values for s in value):
        raise ValidationError(
            "Choose at least one of: %(choices)s.",
            params={"choices": ", ".join(Scope.values)},
            code="bad_scope",
        )


class ShareStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the clinician"
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


class ShareQuerySet(models.QuerySet):
    def active(self, now=None):
        """Accepted, not revoked, and not past its expiry minute."""
        now = now or timezone.now()
        return self.filter(clinician__isnull=False, revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class Share(models.Model):
    """A patient lets one clinician read some scopes of their record until a moment."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares_given"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shares_received",
        help_text="Empty until the clinician accepts the invitation.",
    )
    scopes = models.JSONField(default=list, validators=[validate_scopes])
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: until revoked.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["clinician", "patient"])]

    def __str__(self):
        return f"{self.patient} -> {self.clinician or 'pending'}"

    def status_at(self, now):
        """Revoked wins over expired, expired over pending: the state a patient must see."""
        if self.revoked_at is not None:
            return ShareStatus.REVOKED
        if self.expires_at is not None and self.expires_at <= now:
            return ShareStatus.EXPIRED
        if self.clinician_id is None:
            return ShareStatus.PENDING
        return ShareStatus.ACTIVE

    @property
    def status(self):
        return self.status_at(timezone.now())

    def allows(self, scope):
        return scope in self.scopes

    def revoke(self):
        """Stop the share now (the gate refuses the clinician's next request); a share
        revoked before keeps its first moment."""
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class Invitation(models.Model):
    """How a pending share reaches its clinician: an email link or a one-time code."""

    class Method(models.TextChoices):
        EMAIL = "email", "Email"
        CODE = "code", "One-time code"

    share = models.OneToOneField(Share, on_delete=models.CASCADE, related_name="invitation")
    method = models.CharField(max_length=8, choices=Method.choices)
    email = models.EmailField(blank=True)
    code_digest = models.CharField(max_length=64, unique=True, null=True, blank=True)
    nonce = models.CharField(max_length=32, blank=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.get_method_display()} invitation for share {self.share_id}"

    def usable_at(self, now):
        return self.used_at is None and self.expires_at > now


class WrongCode(models.Model):
    """A wrong share code sent by a clinician: counted for the lockout, then purged."""

    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["clinician", "at"])]

    def __str__(self):
        return f"Wrong code by {self.clinician_id} at {self.at:%Y-%m-%d %H:%M}"


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Access events cannot be changed.")

    def delete(self):
        raise PermissionError("Access events cannot be deleted.")


class Action(models.TextChoices):
    VIEW = "view", "viewed"
    WRITE = "write", "changed"
    EXPORT = "export", "exported"
    # A SMART Health Link's manifest request (mstracker.health_links): by someone
    # without an account, named by the ``recipient`` they sent.
    OPEN = "open", "opened"
    TRY = "try", "tried to open"


class AccessEvent(models.Model):
    """One clinician request on one patient's data: who, what kind, which id, when, from where.

    No health data: ``what`` is a resource kind from ``care.scopes.RESOURCE_SCOPES`` and
    ``object_id`` a row id. Rows are written once and never changed or deleted through
    the app (the model, its queryset and the read-only admin refuse it); they outlive
    the share and the reader's account (``reader_name`` keeps who it was), and go only
    with the patient's own account.
    """

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reader_name = models.CharField(max_length=300)
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_events"
    )
    action = models.CharField(max_length=8, choices=Action.choices, default=Action.VIEW)
    what = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["patient", "-at"])]

    def __str__(self):
        action = self.get_action_display()
        return f"{self.reader_name} {action} {self.what} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Access events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Access events cannot be deleted.")

    @property
    def what_words(self):
        """The resource in the patient's words ("vitamin D doses")."""
        return resource_words(self.what)

    @property
    def object_words(self):
        """Which one, in words: "entry 12", or "link 3" for a health link."""
        if not self.object_id:
            return ""
        noun = "link" if self.what.startswith("health-link") else "entry"
        return f"{noun} {self.object_id}"


class ClinicalNote(models.Model):
    """A note a clinician writes for the patient; the patient sees it on their Today page."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinical_notes"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    clinician_name = models.CharField(max_length=300)
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Note by {self.clinician_name} on {self.created_at:%Y-%m-%d}"


VISIT_NOTE_MAX = 1000  # a short note: what matters most fits on the visit summary


class VisitNote(models.Model):
    """What the patient wants their neurologist to know at the next visit.

    One per patient, kept on their Today page; every clinician they share with
    reads it (it is written for them), and the visit summary prints it.
    """

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visit_note"
    )
    text = models.TextField(max_length=VISIT_NOTE_MAX, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = VersionField()

    def __str__(self):
        return f"Visit note of {self.patient_id}"


class VerifiedClinician(models.Model):
    """Staff checked this clinician's identity (clinician accounts are self-declared)."""

    clinician = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="clinician_verification",
        limit_choices_to={"role": "clinician"},
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    verified_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True, help_text="How the identity was checked.")

    def __str__(self):
        return f"{self.clinician} verified"


class PatientSummary(models.Model):
    """The facts the clinician panel's flags are computed from, refreshed after each write.

    ``facts`` holds dates, scores and percentages (see ``care.summary.compute``), never
    free text; the flags themselves depend on today and on the reading clinician, so
    they are derived at request time by ``care.flags.flags``.
    """

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="care_summary",
    )
    facts = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    def __str__(self):
        return f"Summary of {self.patient_id} at {self.computed_at:%Y-%m-%d %H:%M}"


class ClinicianPreferences(models.Model):
    """A clinician's own settings: the PIRA definition their pages and API answers use
    when none is asked for (`journal.progression_definitions.definition_for`)."""

    clinician = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="clinician_preferences",
        limit_choices_to={"role": "clinician"},
    )
    progression_definition = models.CharField(
        "PIRA definition",
        max_length=32,
        choices=progression_definitions.CHOICES,
        default=progression_definitions.STANDARD.key,
        help_text="Which published definition of RAW and PIRA your patients' "
        "progression is shown with, unless you choose another on the page.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = VersionField()

    class Meta:
        verbose_name_plural = "clinician preferences"

    def __str__(self):
        return f"Preferences of {self.clinician}"
