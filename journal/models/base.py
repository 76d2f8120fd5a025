"""What every journal record shares: an owner, timestamps, and rule checking."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from journal.rules import RuleViolation
from mstracker import date_range
from mstracker.versioning import VersionField


def collect(errors, check):
    """Run one plain-rule check (a callable) and put a broken rule's message on its
    field in ``errors``, unless that field already has one."""
    try:
        check()
    except RuleViolation as violation:
        errors.setdefault(violation.field, ValidationError(violation.message, code=violation.code))


def check_rules(*checks):
    """Run plain-rule checks (callables) and raise one ``ValidationError`` that
    puts each broken rule's message on its field; the first failure per field wins."""
    errors = {}
    for check in checks:
        collect(errors, check)
    if errors:
        raise ValidationError(errors)


def owner_today(entry):
    """The owner's local date, or None while the entry has no owner yet."""
    return entry.user.local_today() if entry.user_id else None


def observed_on(entry, field="date"):
    """A check (for ``check_rules``) that ``entry.<field>`` is a date something
    can have happened on: in ``mstracker.date_range``'s range, not after the owner's today."""
    return lambda: date_range.check_observed(getattr(entry, field), owner_today(entry), field)


class JournalEntry(models.Model):
    """An entry in a patient's record: belongs to one user, remembers who entered it
    (``recorded_by``: the patient, or a clinician with a share; empty on rows from
    before it was kept, from an import or the demo: the patient) and when it changed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="Who entered it, when not the patient.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = VersionField()

    class Meta:
        abstract = True

    @property
    def entered_by_someone_else(self):
        """Whether another account (a clinician) entered this row."""
        return self.recorded_by_id is not None and self.recorded_by_id != self.user_id
