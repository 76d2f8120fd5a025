"""Import of our own JSON export into an account: all of it in one transaction, or nothing.

Each row is checked with the model's own rules (``full_clean``, as the forms and the
API do) in the order of `kinds.KINDS`, so a dose log is checked against the course
just imported. A file with a wrong `schema_version`, an unknown kind or field, or a
row that breaks a rule is refused with errors naming the kind and the row's position
(0-based, as in the file's list). An account that already has records is refused
unless ``merge``: then rows that are already there (same date, same kind...: each
kind's `match`) are skipped and reported, never overwritten. Export-only kinds (the
care team's shares, access log and clinical notes: `kinds.CARE_NOT_IMPORTED`) are
checked for shape like the others, then left out and reported in ``not_imported``
with their reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import F

from journal.models import JournalSettings, Symptom, SymptomScore
from journal.models.relapses import relink_episodes
from mstracker.accounts import records_version
from mstracker.reminders.services import reschedule_user
from therapies.models import Drug

from .kinds import BY_NAME, KINDS, PROFILE, SCHEMA_VERSION

# A clinician's export of a shared patient also says its scopes (`shared_scopes`).
HEADER_KEYS = {"schema_version", "exported_at", "shared_scopes"}
# Kinds other rows point at: a row skipped in a merge is replaced by the one already there.
REFERENCED = {target for kind in KINDS for target in kind.refs.values()}
MAX_ERRORS = 20
# Columns the import looks rows up by (besides each kind's refs): a plain value each.
KEY_COLUMNS = ("id", "drug_code")
MAX_SKIPPED_LISTED = 200


class ImportRefused(Exception):
    """The file is not imported; ``errors`` says why, row by row where it can."""

    def __init__(self, errors):
        super().__init__("; ".join(describe(e) for e in errors[:3]))
        self.errors = errors


def error(message, kind=None, position=None, field_name=None):
    item = {"message": message}
    if kind:
        item["kind"] = kind
    if position is not None:
        item["position"] = position
    if field_name:
        item["field"] = field_name
    return item


def describe(item):
    where = item.get("kind", "")
    if "position" in item:
        where += f"[{item['position']}]"
    if "field" in item:
        where += f".{item['field']}"
    return f"{where}: {item['message']}" if where else item["message"]


@dataclass
class ImportResult:
    imported: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    skipped_rows: list[dict] = field(default_factory=list)
    not_imported: dict[str, dict] = field(default_factory=dict)  # export-only kinds

    def skip(self, kind, position, reason):
        self.skipped[kind] = self.skipped.get(kind, 0) + 1
        if len(self.skipped_rows) < MAX_SKIPPED_LISTED:
            self.skipped_rows.append({"kind": kind, "position": position, "reason": reason})

    def not_import(self, kind, count, reason):
        """Every row of an export-only kind: counted apart from the merge's skips."""
        if count:
            self.not_imported[kind] = {"rows": count, "reason": reason}

    def as_dict(self):
        return {
            "imported": self.imported,
            "skipped": self.skipped,
            "skipped_rows": self.skipped_rows,
            "not_imported": self.not_imported,
        }


def record_counts(subject):
    """How many rows of each kind the subject has (settings-like and export-only kinds
    left out: a share given before the import does not make the account "not empty")."""
    return {
        kind.name: kind.queryset(subject).count()
        for kind in KINDS
        if not (kind.settings_like or kind.export_only) and kind.name != "notifications"
    }


def check_document(document):
    """The file's shape: a JSON object of our schema version with known kinds and fields."""
    if not isinstance(document, dict):
        raise ImportRefused([error("The file is not an MS Tracker JSON export (not an object).")])
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ImportRefused(
            [
                error(
                    f"This file has schema_version {version!r}; MS Tracker imports "
                    f"schema_version {SCHEMA_VERSION} (the JSON export).",
                    field_name="schema_version",
                )
            ]
        )
    errors = []
    for key in document:
        if key not in HEADER_KEYS and key not in BY_NAME:
            errors.append(error(f"Unknown kind {key!r}.", kind=key))
    for kind in KINDS:
        value = document.get(kind.name)
        if value is None:
            continue
        rows = [value] if kind.single else value
        if (kind.single and not isinstance(value, dict)) or not isinstance(rows, list):
            errors.append(
                error("Expected " + ("an object." if kind.single else "a list."), kind.name)
            )
            continue
        known = set(kind.columns)
        for position, row in enumerate(rows):
            where = None if kind.single else position
            if not isinstance(row, dict):
                errors.append(error("Expected an object.", kind.name, where))
                continue
            for key, value in row.items():
                if key not in known:
                    errors.append(error("Unknown field.", kind.name, where, key))
                elif (key in KEY_COLUMNS or key in kind.refs) and not _plain(value):
                    errors.append(
                        error("Expected an id or code: a number or text.", kind.name, where, key)
                    )
    if errors:
        raise ImportRefused(errors[:MAX_ERRORS])


def _plain(value):
    return value is None or (isinstance(value, int | str) and not isinstance(value, bool))


def import_account(subject, document, merge=False) -> ImportResult:
    """Import a JSON export (already parsed) into the subject's account."""
    check_document(document)
    if not merge:
        have = {name: n for name, n in record_counts(subject).items() if n}
        if have:
            listed = ", ".join(f"{n} {name}" for name, n in have.items())
            raise ImportRefused(
                [
                    error(
                        f"Your account already has records ({listed}). Import into a new "
                        "account, or choose merge to add only what is not there yet.",
                        field_name="mode",
                    )
                ]
            )
    result = ImportResult()
    with transaction.atomic():
        _Import(subject, document, merge, result).run()
    return result


def _value(instance, lookup):
    """The value of a `match` lookup on an unsaved instance (``drug__code`` follows ``drug``)."""
    parts = lookup.split("__")
    if len(parts) == 1:
        try:
            model_field = instance._meta.get_field(lookup)
        except FieldDoesNotExist:
            return getattr(instance, lookup)
        return getattr(instance, model_field.attname)
    value = instance
    for part in parts:
        value = getattr(value, part)
    return value


class _Import:
    def __init__(self, subject, document, merge, result):
        self.subject = subject
        self.document = document
        self.merge = merge
        self.result = result
        self.ids = {}  # kind name -> {id in the file: saved instance}
        self.symptoms = {}

    def run(self):
        for kind in KINDS:
            rows = self.document.get(kind.name)
            if rows is None:
                continue
            if kind.export_only:
                self.result.not_import(kind.name, len(rows), kind.export_only)
            elif kind is PROFILE:
                self.profile(rows)
            elif kind.name == "journal_settings":
                self.journal_settings(kind, rows)
            else:
                self.rows(kind, rows)
        relink_episodes(self.subject)
        reschedule_user(self.subject)
        records_version.changed(self.subject.pk)

    # --- single rows -------------------------------------------------------------

    def profile(self, row):
        if self.merge:
            self.result.skip(PROFILE.name, None, "Merge keeps your profile as it is.")
            return
        subject = self.subject
        errors = []
        for name in PROFILE.fields:
            if name in row:
                self._set(subject, name, row[name], PROFILE.name, None, errors)
        others = [f.name for f in subject._meta.concrete_fields if f.name not in PROFILE.fields]
        if not errors:
            try:
                subject.full_clean(
                    exclude=others, validate_unique=False, validate_constraints=False
                )
            except DjangoValidationError as exc:
                errors += self._errors(exc, PROFILE.name, None)
        if errors:
            raise ImportRefused(errors)
        subject.save(update_fields=list(PROFILE.fields))
        self.result.imported[PROFILE.name] = 1

    def journal_settings(self, kind, rows):
        if not rows:
            return
        if len(rows) > 1:
            raise ImportRefused([error("At most one row.", kind.name, 1)])
        row = rows[0]
        existing = JournalSettings.objects.filter(user=self.subject).first()
        if self.merge and existing is not None:
            self.result.skip(kind.name, 0, "Merge keeps your journal settings.")
            return
        settings = existing or JournalSettings(user=self.subject)
        errors = []
        for name in kind.fields:
            if name in row:
                self._set(settings, name, row[name], kind.name, 0, errors)
        hidden = row.get("hidden_symptoms") or []
        symptoms = self._symptoms()
        if not isinstance(hidden, list) or not all(isinstance(c, str) for c in hidden):
            errors.append(
                error("Expected a list of symptom codes.", kind.name, 0, "hidden_symptoms")
            )
            hidden = []
        unknown = [code for code in hidden if code not in symptoms]
        if unknown:
            errors.append(
                error(f"Unknown symptom codes: {unknown}.", kind.name, 0, "hidden_symptoms")
            )
        self._clean(settings, kind, 0, errors)
        if errors:
            raise ImportRefused(errors)
        settings.save()
        settings.hidden_symptoms.set([symptoms[code] for code in hidden])
        self.result.imported[kind.name] = 1

    # --- lists ---------------------------------------------------------------------

    def rows(self, kind, rows):
        existing = self._existing(kind) if (self.merge or kind.settings_like) else {}
        seen = {}
        instances, positions, errors = [], [], []
        kept = self.ids.setdefault(kind.name, {})
        for position, row in enumerate(rows):
            instance = self._build(kind, row, position, errors)
            if instance is None:
                continue
            key = tuple(_value(instance, kind.lookup(c)) for c in kind.match)
            if kind.match and key in existing and not (kind.settings_like and not self.merge):
                self.result.skip(kind.name, position, f"Already there ({self._say(kind, key)}).")
                if kind.name in REFERENCED and "id" in row:
                    kept[row["id"]] = kind.model.objects.get(pk=existing[key])
                continue
            row_errors = []
            self._clean(instance, kind, position, row_errors)
            if row_errors:
                errors += row_errors
                continue
            if kind.unique and kind.match:
                if key in seen:
                    errors.append(
                        error(
                            f"The file has this row twice ({self._say(kind, key)}; also at "
                            f"position {seen[key]}).",
                            kind.name,
                            position,
                        )
                    )
                    continue
                seen[key] = position
            instances.append(instance)
            positions.append((position, row))
            if len(errors) >= MAX_ERRORS:
                break
        if errors:
            raise ImportRefused(errors[:MAX_ERRORS])
        if kind.settings_like and not self.merge and existing:
            # A new account's sign-up defaults give way to the imported settings.
            keys = {tuple(_value(i, kind.lookup(c)) for c in kind.match) for i in instances}
            doomed = [pk for key, pk in existing.items() if key in keys]
            kind.model.objects.filter(pk__in=doomed).delete()
        for instance in instances:
            self._prepare(kind, instance)
        try:
            with transaction.atomic():
                kind.model.objects.bulk_create(instances, batch_size=1000)
        except IntegrityError as exc:
            raise ImportRefused(
                [error(f"Rows conflict with each other or with your records ({exc}).", kind.name)]
            ) from None
        for instance, (_, row) in zip(instances, positions, strict=True):
            if "id" in row:
                kept[row["id"]] = instance
        if kind.name == "checkins":
            self._scores(instances, [row for _, row in positions])
        if kind.name == "symptoms":
            self.symptoms = {}
        self.result.imported[kind.name] = len(instances)

    def _build(self, kind, row, position, errors):
        instance = kind.model()
        setattr(instance, kind.owner, self.subject)
        row_errors = []
        for name in kind.fields:
            if name in row:
                self._set(instance, name, row[name], kind.name, position, row_errors)
        for name, target in kind.refs.items():
            file_id = row.get(name)
            if file_id is None:
                continue
            saved = self.ids.get(target, {}).get(file_id)
            if saved is None:
                row_errors.append(
                    error(f"No row with id {file_id!r} in {target}.", kind.name, position, name)
                )
            else:
                setattr(instance, name, saved)
        if kind.name == "courses" and row.get("drug") is None:
            drug = self._catalogue().get(row.get("drug_code"))
            if drug is None:
                row_errors.append(
                    error(
                        f"No drug {row.get('drug_code')!r} in the catalogue or in your drugs.",
                        kind.name,
                        position,
                        "drug_code",
                    )
                )
            else:
                instance.drug = drug
        if kind.name == "checkins":
            row_errors += self._check_scores(row.get("scores"), position)
        errors += row_errors
        return None if row_errors else instance

    def _set(self, instance, name, value, kind_name, position, errors):
        model_field = instance._meta.get_field(name)
        try:
            setattr(instance, model_field.attname, model_field.to_python(value))
        except DjangoValidationError as exc:
            errors.append(error(" ".join(exc.messages), kind_name, position, name))

    def _clean(self, instance, kind, position, errors):
        imported = set(kind.fields)
        exclude = [f.name for f in instance._meta.concrete_fields if f.name not in imported]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except DjangoValidationError as exc:
            errors += self._errors(exc, kind.name, position)

    def _errors(self, exc, kind_name, position):
        if not hasattr(exc, "error_dict"):
            return [error(" ".join(exc.messages), kind_name, position)]
        return [
            error(
                " ".join(m for e in errs for m in e.messages),
                kind_name,
                position,
                None if name == "__all__" else name,
            )
            for name, errs in exc.error_dict.items()
        ]

    def _prepare(self, kind, instance):
        """What ``save()`` would have derived (``bulk_create`` calls no ``save``)."""
        if kind.name == "questionnaires":
            instance.derive_score()

    def _say(self, kind, key):
        return ", ".join(
            f"{c} {v.isoformat() if hasattr(v, 'isoformat') else v}"
            for c, v in zip(kind.match, key, strict=True)
        )

    def _existing(self, kind):
        """The account's rows of this kind by their `match` key: {key: pk}."""
        if not kind.match:
            return {}
        lookups = [kind.lookup(c) for c in kind.match]
        return {
            tuple(values): pk
            for pk, *values in kind.queryset(self.subject).values_list("pk", *lookups)
        }

    def _catalogue(self):
        if not hasattr(self, "_drugs"):
            self._drugs = {d.code: d for d in Drug.objects.filter(owner=None)}
        return self._drugs

    def _symptoms(self):
        if not self.symptoms:
            # The catalogue first, so your own symptom wins a code both have.
            symptoms = Symptom.objects.for_user(self.subject).order_by(
                F("owner").asc(nulls_first=True)
            )
            self.symptoms = {s.code: s for s in symptoms}
        return self.symptoms

    def _check_scores(self, scores, position):
        if scores is None:
            return []
        if not isinstance(scores, dict):
            return [
                error("Expected an object of symptom code: score.", "checkins", position, "scores")
            ]
        known = self._symptoms()
        problems = []
        for code, score in scores.items():
            if code not in known:
                problems.append(f"unknown symptom code {code!r}")
            elif not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 10:
                problems.append(f"{code}: a score is a whole number from 0 to 10")
        if problems:
            return [error("; ".join(problems) + ".", "checkins", position, "scores")]
        return []

    def _scores(self, checkins, rows):
        known = self._symptoms()
        SymptomScore.objects.bulk_create(
            (
                SymptomScore(checkin=checkin, symptom=known[code], score=score)
                for checkin, row in zip(checkins, rows, strict=True)
                for code, score in (row.get("scores") or {}).items()
            ),
            batch_size=5000,
        )
