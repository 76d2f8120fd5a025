"""Reminder rows, their deliveries (one per scheduled local slot) and the in-app inbox.

The database is the source of truth: a reminder row knows when it fires next
(``next_fire_at``, UTC); the dispatcher turns each due row into a delivery
whose unique (reminder, slot) key is what makes a reminder arrive once, and a
send moves the delivery's status forward by compare-and-set updates.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mstracker.versioning import VersionField

from . import schedule
from .schedule import EVERY_DAY, WEEKDAY_NAMES

# A reminder saved a moment after its slot passed still gets that slot: the
# unique delivery key stops a second send if the slot was already delivered.
RESCHEDULE_LOOKBACK = timedelta(minutes=2)


class Kind(models.TextChoices):
    CHECKIN = "checkin", _("Daily check-in")
    DOSE = "dose", _("Each scheduled DMT dose")
    TREATMENT_DUE = "treatment_due", _("Infusion or injection coming up")
    VITAMIN_D = "vitamin_d", _("Vitamin D")
    WEEKLY_SUMMARY = "weekly_summary", _("Weekly summary")
    PDDS = "pdds", _("Monthly disability check (PDDS)")
    MOOD = "mood", _("Monthly mood check (PHQ-9 and GAD-7)")
    LABS_DUE = "labs_due", _("Blood tests due for your therapy")
    SELF_TESTS = "self_tests", _("Monthly self-tests (thinking speed, tapping)")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("In the app")
    EMAIL = "email", _("By email")
    BOTH = "both", _("In the app and by email")


class Reminder(models.Model):
    """One kind of reminder for one patient, and when it fires next.

    Timed kinds fire at ``local_time`` in the patient's zone, on the weekdays
    in the ``weekdays`` bit mask (bit 0 = Monday) or, with ``month_day``,
    monthly. The dose kind has no time of its own: it fires at each dose the
    patient's therapy courses schedule.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    local_time = models.TimeField(_("time"), null=True, blank=True, help_text=_("Your local time."))
    weekdays = models.PositiveSmallIntegerField(
        default=EVERY_DAY, validators=[MaxValueValidator(EVERY_DAY)]
    )
    month_day = models.PositiveSmallIntegerField(
        _("day of the month"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, _("Choose a day from 1 to 31.")),
            MaxValueValidator(31, _("Choose a day from 1 to 31.")),
        ],
        help_text=_("Monthly reminders only. In shorter months: the month's last day."),
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.BOTH)
    enabled = models.BooleanField(_("on"), default=True)
    quiet_start = models.TimeField(_("quiet hours from"), null=True, blank=True)
    quiet_end = models.TimeField(_("quiet hours until"), null=True, blank=True)
    next_fire_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_slot = models.CharField(max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = VersionField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="reminders_one_per_kind",
                violation_error_message=_("You already have a reminder of this kind."),
            )
        ]
        indexes = [
            # The dispatcher's claim query: enabled rows by next fire time.
            models.Index(
                fields=["next_fire_at"], name="reminders_due_idx", condition=models.Q(enabled=True)
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user}"

    def get_absolute_url(self):
        return reverse("reminders:edit", args=[self.pk])

    @property
    def is_timed(self):
        return self.kind != Kind.DOSE

    @property
    def weekday_list(self):
        return schedule.mask_weekdays(self.weekdays)

    @property
    def wants_email(self):
        return self.channel in (Channel.EMAIL, Channel.BOTH)

    @property
    def wants_in_app(self):
        return self.channel in (Channel.IN_APP, Channel.BOTH)

    def clean(self):
        errors = {}
        if self.is_timed and self.local_time is None:
            errors["local_time"] = _("Choose a time of day.")
        if self.is_timed and self.month_day is None and not self.weekdays:
            errors["weekdays"] = _("Choose at least one day of the week.")
        if (self.quiet_start is None) != (self.quiet_end is None):
            field = "quiet_end" if self.quiet_end is None else "quiet_start"
            errors[field] = _("Give both ends of the quiet hours, or neither.")
        elif (
            self.is_timed
            and self.local_time is not None
            and schedule.in_quiet_hours(self.local_time, self.quiet_start, self.quiet_end)
        ):
            errors["local_time"] = _(
                "%(time)s is inside your quiet hours (%(start)s to %(end)s), so this "
                "reminder would never arrive. Choose another time or change the quiet hours."
            ) % {
                "time": self.local_time.strftime("%H:%M"),
                "start": self.quiet_start.strftime("%H:%M"),
                "end": self.quiet_end.strftime("%H:%M"),
            }
        if errors:
            raise ValidationError(errors)

    def describe_days(self):
        """ "Every day", "Mon, Wed and Fri", "Monthly on day 1"."""
        if not self.is_timed:
            return _("At each dose your therapy schedule sets")
        if self.month_day:
            return _("Monthly on day %(day)s") % {"day": self.month_day}
        if self.weekdays == EVERY_DAY:
            return _("Every day")
        names = [WEEKDAY_NAMES[d].capitalize() for d in self.weekday_list]
        return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]

    def reschedule(self, now=None):
        """Set ``next_fire_at`` (and the slot it belongs to) from the rules and the zone.

        Called whenever the reminder, the patient's zone or (for doses) the
        therapy courses change; the caller saves. A disabled reminder has no
        next fire time, so the dispatcher's index never sees it.
        """
        from .services import next_dose_fire

        now = now or timezone.now()
        self.next_fire_at, self.next_slot = None, ""
        if not self.enabled:
            return
        if not self.is_timed:
            self.next_fire_at = next_dose_fire(self.user, now)
            return
        if self.local_time is None:
            return
        fire = schedule.next_fire(
            self.local_time,
            self.user.zone,
            now - RESCHEDULE_LOOKBACK,
            weekdays=self.weekdays,
            month_day=self.month_day,
        )
        if fire is not None:
            self.next_fire_at, self.next_slot = fire.at, fire.slot


class DeliveryQuerySet(models.QuerySet):
    def move(self, delivery_id, from_status, to_status, **fields):
        """Compare-and-set: move one delivery from one status to another.

        Returns True when this call made the change (exactly one row updated),
        False when another execution got there first. Every send path uses it,
        so a task run twice never sends twice (after healthchecks' sendalerts).
        """
        statuses = from_status if isinstance(from_status, list | tuple) else [from_status]
        changed = self.filter(pk=delivery_id, status__in=statuses).update(
            status=to_status, **fields
        )
        return changed == 1


class Delivery(models.Model):
    """One scheduled slot of one reminder: sent, skipped, expired or failed, once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not needed")
        EXPIRED = "expired", _("Too late to send")
        FAILED = "failed", _("Could not be sent")

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="deliveries")
    slot = models.CharField(max_length=120)
    scheduled_for = models.DateTimeField()
    expires_at = models.DateTimeField()
    dose = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    link_used_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_for"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["reminder", "slot"], name="reminders_one_delivery_per_slot"
            )
        ]
        indexes = [
            # The sweep: unfinished deliveries, oldest first.
            models.Index(
                fields=["enqueued_at"],
                name="reminders_unfinished_idx",
                condition=models.Q(status__in=["pending", "sending"]),
            ),
            # The daily purge of old finished deliveries (`retention`).
            models.Index(fields=["scheduled_for"], name="reminders_delivery_age_idx"),
        ]

    def __str__(self):
        return f"{self.reminder.get_kind_display()} {self.slot}: {self.status}"


class Notification(models.Model):
    """A message in the patient's in-app inbox."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    delivery = models.OneToOneField(
        Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="notification"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="reminders_inbox_idx"),
            models.Index(
                fields=["user"],
                name="reminders_unread_idx",
                condition=models.Q(read_at__isnull=True),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None
