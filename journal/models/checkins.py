"""The daily check-in: one per patient per local date, with a score per symptom.

A check-in also keeps the sum and the number of its scores (`score_total`,
`scored`), so the dashboard reads years of daily symptom burden from the check-ins
alone instead of aggregating every score again after each new day. They are kept
by whatever writes scores: `CheckIn.objects.insert_new` and `record` count the
scores they write, and every other write of `SymptomScore` rows (`bulk_create`,
`save`, `delete`, `update`, a deleted own symptom) recounts the check-ins it touched
(`CheckInQuerySet.recount_scores`).
"""

from contextlib import nullcontext

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from journal import checkin_rules
from mstracker.accounts import records_version
from mstracker.versioning import RecordModifiedError

from .base import JournalEntry, check_rules, owner_today
from .symptoms import Symptom

SCORE_VALIDATORS = [
    MinValueValidator(checkin_rules.SCORE_MIN),
    MaxValueValidator(checkin_rules.SCORE_MAX),
]


# Check-ins recounted per UPDATE (bound parameters stay far under every backend's limit).
RECOUNT_BATCH = 500


def score_summary(values) -> tuple[int, int]:
    """(sum, number) of the given 0-10 scores, None entries (not scored) left out."""
    scored = [v for v in values if v is not None]
    return sum(scored), len(scored)


class CheckInQuerySet(models.QuerySet):
    def with_scores(self):
        return self.prefetch_related(
            models.Prefetch("scores", queryset=SymptomScore.objects.select_related("symptom"))
        )

    def recount_scores(self):
        """Set `score_total` and `scored` of these check-ins from their stored scores
        (one UPDATE)."""
        scores = SymptomScore.objects.filter(checkin=OuterRef("pk")).order_by().values("checkin")
        return self.update(
            score_total=Coalesce(Subquery(scores.annotate(t=Sum("score")).values("t")), 0),
            scored=Coalesce(Subquery(scores.annotate(n=Count("pk")).values("n")), 0),
        )


class CheckInManager(models.Manager.from_queryset(CheckInQuerySet)):
    def insert_new(self, user, on_date, *, wellbeing, note="", scores=None):
        """Create the check-in of a date that has none, or return None (nothing written).

        The daily path, kept short: one INSERT for the check-in, one for its scores and
        the records token's upsert, in one transaction; the unique (user, date)
        constraint, not a read first, says that the date has one already. The returned
        check-in carries its scores as if prefetched, so answering it reads nothing.
        """
        scored = [
            (symptom, value) for symptom, value in (scores or {}).items() if value is not None
        ]
        total, count = score_summary(value for _, value in scored)
        # Only the records token changes, and the older check-ins' one for a past date.
        older = not records_version.is_recent(on_date, user.local_today())
        try:
            with (
                transaction.atomic(),
                records_version.replaced_in_transaction(user.pk, older_checkins=older),
            ):
                checkin = self.create(
                    user=user,
                    date=on_date,
                    wellbeing=wellbeing,
                    note=note or "",
                    score_total=total,
                    scored=count,
                )
                rows = SymptomScore.objects.bulk_create(
                    (
                        SymptomScore(checkin=checkin, symptom=symptom, score=value)
                        for symptom, value in scored
                    ),
                    counted=True,
                )
        except IntegrityError:
            if self.filter(user=user, date=on_date).exists():
                return None
            raise
        known = checkin.scores.all()  # lazy: filled here the way prefetch_related fills it
        known._result_cache, known._prefetch_done = rows, True
        checkin._prefetched_objects_cache = {"scores": known}
        return checkin

    def record(self, user, on_date, *, wellbeing, note="", scores=None, seen_version=None):
        """Save the patient's check-in for a date: create it, or update the one there.

        ``seen_version`` is the version the writer started from (0: they saw no
        check-in for that date); when the stored one differs, nothing is written
        and ``RecordModifiedError`` carries the stored check-in, so a stale tab
        never overwrites what it has not seen. ``None`` skips that check (the
        caller has checked already, e.g. an API ``If-Match``).

        Saving the same date again updates, never duplicates, also when two
        requests race: the existing row is locked before it is compared, and
        a racing insert loses on the unique (user, date) constraint and is
        retried as an update. ``scores`` maps ``Symptom`` to 0-10 (None: not
        scored) and replaces the scores stored for that date. Returns
        (check-in, created).
        """
        summary = {}  # the kept sum and number, when the scores are replaced
        if scores is not None:
            total, count = score_summary(scores.values())
            summary = {"score_total": total, "scored": count}
        # The date is the key: a recent day's check-in stays recent, and the older
        # check-ins are left alone (`records_version.recent_checkin`).
        recent = records_version.is_recent(on_date, user.local_today())
        leaves_older = records_version.recent_checkin(user.pk) if recent else nullcontext()
        with leaves_older, transaction.atomic():
            checkin = self.select_for_update().filter(user=user, date=on_date).first()
            created = False
            if checkin is None:
                try:
                    with transaction.atomic():
                        checkin = self.create(
                            user=user, date=on_date, wellbeing=wellbeing, note=note or "", **summary
                        )
                    created = True
                except IntegrityError:
                    checkin = self.select_for_update().get(user=user, date=on_date)
            if not created:
                if seen_version is not None and checkin.version != seen_version:
                    raise RecordModifiedError(target=checkin)
                checkin.wellbeing, checkin.note = wellbeing, note or ""
                for field, value in summary.items():
                    setattr(checkin, field, value)
                checkin.save()
            if scores is not None:
                if not created:
                    checkin.scores.all().delete(counted=True)
                SymptomScore.objects.bulk_create(
                    (
                        SymptomScore(checkin=checkin, symptom=symptom, score=value)
                        for symptom, value in scores.items()
                        if value is not None
                    ),
                    counted=True,
                )
        return checkin, created

    def repeat_previous(self, user, on_date, *, seen_version):
        """ "Same as yesterday": save the last check-in before ``on_date`` again
        for ``on_date`` (its wellbeing and scores, not its note).

        ``seen_version`` works as in ``record``: 0 when the page showed no
        check-in for ``on_date``, so one saved meanwhile in another tab is
        never overwritten (``RecordModifiedError``). Returns (check-in,
        created), or None when there is no earlier check-in to repeat.
        """
        previous = self.with_scores().filter(user=user, date__lt=on_date).first()
        if previous is None:
            return None
        scores = {s.symptom: s.score for s in previous.scores.all()}
        return self.record(
            user, on_date, wellbeing=previous.wellbeing, scores=scores, seen_version=seen_version
        )


class CheckIn(JournalEntry):
    """How the day went: symptom scores, overall wellbeing and a note."""

    date = models.DateField(help_text="Your local date.")
    wellbeing = models.PositiveSmallIntegerField(
        "overall wellbeing",
        validators=SCORE_VALIDATORS,
        help_text="0 = very bad, 10 = very good.",
    )
    note = models.TextField(blank=True, max_length=4000)
    # The sum and number of its symptom scores (see the module's docstring).
    score_total = models.PositiveIntegerField(default=0, editable=False)
    scored = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = CheckInManager()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "date"],
                name="journal_one_checkin_per_day",
                violation_error_message="You already have a check-in for this date.",
            )
        ]

    def __str__(self):
        return f"Check-in {self.date}"

    def get_absolute_url(self):
        return reverse("journal:checkin_edit", args=[self.date.isoformat()])

    def clean(self):
        check_rules(lambda: checkin_rules.check_date(self.date, owner_today(self)))

    def has_content(self, *, wellbeing, note, scores):
        """Whether this check-in already holds exactly these values (``scores``:
        symptom code -> 0-10; None entries are "not scored")."""
        wanted = {code: value for code, value in scores.items() if value is not None}
        return (
            self.wellbeing == wellbeing
            and self.note == (note or "")
            and self.scores_by_code() == wanted
        )

    @property
    def burden(self) -> float | None:
        """The mean of its scores (`figures.checkin_burden`), None without any."""
        return self.score_total / self.scored if self.scored else None

    def scores_by_code(self):
        """``{symptom code: score}`` from prefetched scores (no query when prefetched)."""
        return {s.symptom.code: s.score for s in self.scores.all()}


class SymptomScoreQuerySet(models.QuerySet):
    """Every bulk write recounts the check-ins it touched, unless the caller has
    counted them (`counted=True`: `CheckIn.objects.insert_new` and `record`)."""

    def bulk_create(self, objs, *args, counted=False, **kwargs):
        rows = super().bulk_create(objs, *args, **kwargs)
        if not counted:
            _recount({row.checkin_id for row in rows})
        return rows

    def update(self, **kwargs):
        touched = set(self.values_list("checkin_id", flat=True))
        updated = super().update(**kwargs)
        _recount(touched)
        return updated

    def delete(self, counted=False):
        touched = set() if counted else set(self.values_list("checkin_id", flat=True))
        deleted = super().delete()
        _recount(touched)
        return deleted

    delete.alters_data = True


def _recount(checkin_ids) -> None:
    ids = sorted(checkin_ids)
    for start in range(0, len(ids), RECOUNT_BATCH):
        CheckIn.objects.filter(pk__in=ids[start : start + RECOUNT_BATCH]).recount_scores()


class SymptomScore(models.Model):
    """One symptom's score on one check-in."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="scores")
    symptom = models.ForeignKey(Symptom, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)

    objects = SymptomScoreQuerySet.as_manager()

    class Meta:
        ordering = ["symptom__position", "symptom__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "symptom"], name="journal_one_score_per_symptom"
            )
        ]

    def __str__(self):
        return f"{self.symptom}: {self.score}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _recount([self.checkin_id])

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        _recount([self.checkin_id])
        return deleted


def remember_scored_checkins(sender, instance, **kwargs):
    """pre_delete of a `Symptom`: its scores go with it (a cascade that bypasses
    `SymptomScoreQuerySet`), so note the check-ins to recount once they are gone."""
    instance._scored_checkins = set(
        SymptomScore.objects.filter(symptom=instance).values_list("checkin_id", flat=True)
    )


def recount_scored_checkins(sender, instance, **kwargs):
    """post_delete of a `Symptom`: recount the check-ins that had its scores."""
    _recount(getattr(instance, "_scored_checkins", ()))
