"""The daily check-in: one per patient per local date, with a score per symptom."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
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


class CheckInQuerySet(models.QuerySet):
    def with_scores(self):
        return self.prefetch_related(
            models.Prefetch("scores", queryset=SymptomScore.objects.select_related("symptom"))
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
        try:
            with transaction.atomic(), records_version.replaced_in_transaction(user.pk):
                checkin = self.create(user=user, date=on_date, wellbeing=wellbeing, note=note or "")
                rows = SymptomScore.objects.bulk_create(
                    SymptomScore(checkin=checkin, symptom=symptom, score=value)
                    for symptom, value in scored
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
        with transaction.atomic():
            checkin = self.select_for_update().filter(user=user, date=on_date).first()
            created = False
            if checkin is None:
                try:
                    with transaction.atomic():
                        checkin = self.create(
                            user=user, date=on_date, wellbeing=wellbeing, note=note or ""
                        )
                    created = True
                except IntegrityError:
                    checkin = self.select_for_update().get(user=user, date=on_date)
            if not created:
                if seen_version is not None and checkin.version != seen_version:
                    raise RecordModifiedError(target=checkin)
                checkin.wellbeing, checkin.note = wellbeing, note or ""
                checkin.save()
            if scores is not None:
                if not created:
                    checkin.scores.all().delete()
                SymptomScore.objects.bulk_create(
                    SymptomScore(checkin=checkin, symptom=symptom, score=value)
                    for symptom, value in scores.items()
                    if value is not None
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

    def scores_by_code(self):
        """``{symptom code: score}`` from prefetched scores (no query when prefetched)."""
        return {s.symptom.code: s.score for s in self.scores.all()}


class SymptomScore(models.Model):
    """One symptom's score on one check-in."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="scores")
    symptom = models.ForeignKey(Symptom, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(validators=SCORE_VALIDATORS)

    class Meta:
        ordering = ["symptom__position", "symptom__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "symptom"], name="journal_one_score_per_symptom"
            )
        ]

    def __str__(self):
        return f"{self.symptom}: {self.score}"
