"""A SMART Health Link: what a patient shares with someone who has no account."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from mstracker.portability.export_fhir import RESOURCE_TYPES

PASSCODE_ATTEMPTS = 10  # wrong passcodes over the link's whole life, then it is disabled


class LinkStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"
    LOCKED = "locked", "Disabled after too many wrong passcodes"


class HealthLink(models.Model):
    """One link: its manifest is found by the SHA-256 of the manifest id in its URL.

    ``sealed`` holds the manifest URL and the key (``sealing``), erased when the link
    is revoked or locked. ``contents`` are FHIR resource types of the export
    (``export_fhir.RESOURCE_TYPES``); ``snapshot`` is the encrypted bundle frozen at
    creation, empty for a link that shows the patient's data as it is at each request.
    No health data is stored here in clear: the label is the patient's own words.
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_links"
    )
    label = models.CharField(max_length=80, blank=True)
    manifest_digest = models.CharField(max_length=64, unique=True)
    sealed = models.TextField(blank=True)
    contents = models.JSONField(default=list)
    period = models.CharField(
        max_length=8, blank=True, help_text="A visit summary period; empty: the whole history."
    )
    frozen = models.BooleanField(default=False, help_text="Contents frozen at creation.")
    snapshot = models.TextField(blank=True, help_text="The frozen JWE (erased when it ends).")
    passcode_hash = models.CharField(max_length=256, blank=True)
    attempts_left = models.PositiveSmallIntegerField(default=PASSCODE_ATTEMPTS)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: until revoked.")
    revoked_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    open_count = models.PositiveIntegerField(default=0)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["patient", "-created_at"])]

    def __str__(self):
        return f"Health link {self.pk} of {self.patient_id}"

    def status_at(self, now) -> LinkStatus:
        """Revoked wins over locked, locked over expired. Expired from its very second."""
        if self.revoked_at is not None:
            return LinkStatus.REVOKED
        if self.locked_at is not None:
            return LinkStatus.LOCKED
        if self.expires_at is not None and self.expires_at <= now:
            return LinkStatus.EXPIRED
        return LinkStatus.ACTIVE

    @property
    def status(self):
        return self.status_at(timezone.now())

    def is_active_at(self, now) -> bool:
        return self.status_at(now) == LinkStatus.ACTIVE

    @property
    def has_passcode(self) -> bool:
        return bool(self.passcode_hash)

    @property
    def resource_types(self) -> tuple[str, ...]:
        return tuple(t for t in RESOURCE_TYPES if t in self.contents)
