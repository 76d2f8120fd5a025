"""What an export holds, kind by kind: the one list of exported fields.

Each `Kind` names a model and splits its concrete fields into three groups:

- `fields`: exported and imported as they are stored (a new field is one line here);
- `refs`: foreign keys to another kind's rows, exported as that row's `id` in the file;
- `excluded`: left out on purpose, each with its reason (plus `COMMON_EXCLUDED`).

`exported_only` adds values that are exported for the reader but derived again on
import (a questionnaire's score, a relapse's episode). A kind with an `export_only`
reason is exported and never imported (the care team's shares, the access log and
clinical notes: see `CARE_NOT_IMPORTED`); the import skips its rows and reports them.
`tests/portability/test_kinds.py` fails when a model gains a field in none of these
groups, and when a model with a path to the user is neither a kind nor in `NOT_EXPORTED`.

Rows are read with `values_list(...).iterator(chunk_size=CHUNK)`: one query per kind
whatever the account's size, and memory that does not grow with it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from django.utils import timezone

from journal.models import (
    CheckIn,
    ExerciseSession,
    JournalSettings,
    LabResult,
    Measure,
    MriReport,
    QuestionnaireResponse,
    Relapse,
    SelfTestRun,
    SmokingRecord,
    Symptom,
    VitaminDDose,
    VitaminDLevel,
)
from mstracker.accounts.models import User
from mstracker.care.models import AccessEvent, ClinicalNote, Share, VisitNote
from mstracker.reminders.models import Notification, Reminder
from therapies.models import Course, DoseLog, Drug, SideEffect

SCHEMA_VERSION = 1
CHUNK = 2000
TIMESTAMPS = ("created_at", "updated_at")

COMMON_EXCLUDED = {
    "id": "exported as the row's `id`, which other rows of the file refer to; "
    "an import gives new ids",
    "user": "the account itself",
    "version": "the stale-write counter of this server; an imported row starts again at 1",
    "recorded_by": "the account that entered the row on this server (an id that means "
    "nothing elsewhere); an imported row is the importing patient's",
}


RECORDED_BY = (
    "an account on this server (the patient or a clinician with a share); `source` says "
    "who entered it, and an import cannot prove another person's account"
)


@dataclass(frozen=True)
class Kind:
    """One list in the export (one CSV file): rows of one model owned by the subject."""

    EXTRA = ()  # columns a subclass adds from other tables (not a dataclass field)

    name: str
    model: type
    fields: tuple[str, ...]
    order: tuple[str, ...]
    owner: str = "user"
    refs: dict[str, str] = field(default_factory=dict)
    exported_only: dict[str, str] = field(default_factory=dict)  # column -> ORM lookup
    excluded: dict[str, str] = field(default_factory=dict)
    # Merge: the columns that make a row in the file "already there" in the account.
    match: tuple[str, ...] = ()
    # The account holds at most one row per `match` (a constraint or a model rule).
    unique: bool = False
    # The sign-up already made these rows (reminders, settings): an import into a new
    # account replaces them; they do not make the account "not empty".
    settings_like: bool = False
    single: bool = False  # one object, not a list (the profile)
    # Why the import skips this kind (empty: it is imported).
    export_only: str = ""
    # The care resource (`care.scopes.RESOURCE_SCOPES`) a clinician's share must cover for
    # this kind to be in their export of the patient; empty: only in the patient's own.
    resource: str = ""

    @property
    def timestamps(self) -> tuple[str, ...]:
        names = {f.name for f in self.model._meta.concrete_fields}
        return tuple(t for t in TIMESTAMPS if t in names and t not in self.fields)

    @property
    def stored_columns(self) -> tuple[str, ...]:
        """The columns read by `lookups()`, in order."""
        head = () if self.single else ("id",)
        return (*head, *self.fields, *self.refs, *self.exported_only, *self.timestamps)

    @property
    def columns(self) -> tuple[str, ...]:
        """The exported columns, in order (JSON keys, CSV header)."""
        return (*self.stored_columns, *self.EXTRA)

    @property
    def imported(self) -> tuple[str, ...]:
        return (*self.fields, *self.refs)

    def queryset(self, subject):
        return self.model.objects.filter(**{self.owner: subject})

    def lookup(self, column) -> str:
        """The ORM lookup that reads ``column`` (an `exported_only` column names its own)."""
        return self.exported_only.get(column, column)

    def lookups(self) -> tuple[str, ...]:
        return tuple(self.lookup(column) for column in self.stored_columns)

    def rows(self, subject):
        """The subject's rows as dicts of `columns`, streamed (one query)."""
        columns = self.stored_columns
        values = (
            self.queryset(subject).order_by(*self.order).values_list(*self.lookups())
        ).iterator(chunk_size=CHUNK)
        for row in values:
            yield dict(zip(columns, row, strict=True))

    def covered(self) -> set[str]:
        """Model fields this kind accounts for (for the coverage test)."""
        fields = {self.owner, *self.fields, *self.refs, *self.excluded, *COMMON_EXCLUDED}
        return fields | set(self.timestamps) | set(self.exported_only.values())


class ProfileKind(Kind):
    def queryset(self, subject):
        return User.objects.filter(pk=subject.pk)


class JournalSettingsKind(Kind):
    """Goals, and the symptoms hidden from the check-in (as codes)."""

    def rows(self, subject):
        hidden = JournalSettings.hidden_symptoms.through.objects.filter(
            journalsettings__user=subject
        ).order_by("symptom__position", "symptom__code")
        codes = list(hidden.values_list("symptom__code", flat=True))
        for row in super().rows(subject):
            yield {**row, "hidden_symptoms": codes}

    EXTRA = ("hidden_symptoms",)


class CheckInKind(Kind):
    """Check-ins with their scores as ``{symptom code: score}``: one joined query."""

    EXTRA = ("scores",)

    def rows(self, subject):
        base = super().lookups()
        values = (
            self.queryset(subject)
            .order_by(*self.order, "scores__symptom__position", "scores__symptom__code")
            .values_list(*base, "scores__symptom__code", "scores__score")
            .iterator(chunk_size=CHUNK)
        )
        columns = self.stored_columns
        width = len(base)
        for _, group in itertools.groupby(values, key=lambda row: row[0]):
            group = list(group)
            row = dict(zip(columns, group[0][:width], strict=True))
            row["scores"] = {code: score for *_, code, score in group if code is not None}
            yield row


class CourseKind(Kind):
    """A course names its drug by `drug_code`; `drug` is set when it is one of your own."""

    def rows(self, subject):
        columns = self.stored_columns
        values = (
            self.queryset(subject)
            .order_by(*self.order)
            .values_list(*self.lookups(), "drug__owner")
            .iterator(chunk_size=CHUNK)
        )
        for *values_row, drug_owner in values:
            row = dict(zip(columns, values_row, strict=True))
            if drug_owner is None:
                row["drug"] = None  # a catalogue drug: its code says which
            yield row


class ShareKind(Kind):
    """A share names its clinician by name and email (not another account's id), and
    says its status as the patient sees it (`Share.status_at`) at the export's time."""

    EXTRA = ("clinician_name", "status")
    CLINICIAN = ("clinician_id", "clinician__first_name", "clinician__last_name")

    def rows(self, subject):
        now = timezone.now()
        columns = self.stored_columns
        values = (
            self.queryset(subject)
            .order_by(*self.order)
            .values_list(*self.lookups(), "clinician__username", *self.CLINICIAN)
            .iterator(chunk_size=CHUNK)
        )
        for *stored, username, clinician_id, first, last in values:
            row = dict(zip(columns, stored, strict=True))
            row["clinician_name"] = (f"{first} {last}".strip() or username) if username else None
            share = Share(
                clinician_id=clinician_id,
                expires_at=row["expires_at"],
                revoked_at=row["revoked_at"],
            )
            row["status"] = share.status_at(now).value
            yield row


# Why the care team's rows are exported but never imported. They record what happened
# between this server's accounts: a share grants another account of this server access,
# an access event says that account read the record here, a clinical note that this
# clinician wrote it. Recreated from a file (which anyone can edit) on another server,
# or in another account, they would grant access nobody gave, forge a log that must be
# evidence, or attribute words to a clinician who did not write them.
CARE_NOT_IMPORTED = {
    "shares": "a share grants access to a clinician's account on this server; "
    "share again from the new account",
    "access_log": "evidence of who read your record on this server; a file cannot recreate it",
    "clinical_notes": "written by a clinician on this server; a file cannot prove who wrote it",
}
ANOTHER_ACCOUNT = "another person's account: its id means nothing outside this server"

PROFILE = ProfileKind(
    name="profile",
    resource="summary",
    model=User,
    fields=("first_name", "last_name", "time_zone", "ms_course", "diagnosis_year"),
    order=("id",),
    owner="pk",
    exported_only={
        "username": "username",
        "email": "email",
        "role": "role",
        "date_joined": "date_joined",
        "last_login": "last_login",
    },
    excluded={
        "password": "a hash of the password: never leaves the server",
        "is_superuser": "site administration, not the patient's data",
        "is_staff": "site administration, not the patient's data",
        "is_active": "site administration, not the patient's data",
    },
    single=True,
    settings_like=True,
)

KINDS: tuple[Kind, ...] = (
    PROFILE,
    Kind(
        name="symptoms",
        resource="symptoms",
        model=Symptom,
        owner="owner",
        fields=("code", "name", "anchor_low", "anchor_high", "position"),
        order=("position", "code"),
        excluded={"owner": "the account itself (only your own symptoms are exported)"},
        match=("code",),
        unique=True,
    ),
    JournalSettingsKind(
        name="journal_settings",
        model=JournalSettings,
        fields=("exercise_goal_minutes", "exercise_goal_sessions"),
        order=("id",),
        match=(),
        unique=True,
        settings_like=True,
    ),
    CheckInKind(
        name="checkins",
        resource="checkins",
        model=CheckIn,
        fields=("date", "wellbeing", "note"),
        order=("date",),
        match=("date",),
        unique=True,
        excluded={
            "score_total": "derived from the scores, which are exported; counted again on import",
            "scored": "derived from the scores, which are exported; counted again on import",
        },
    ),
    Kind(
        name="relapses",
        resource="relapses",
        model=Relapse,
        fields=(
            "onset",
            "end",
            "lasted_hours",
            "functions",
            "severity",
            "fever_or_infection",
            "steroids",
            "hospitalised",
            "recovery",
            "clinician_confirmed",
            "note",
        ),
        order=("onset", "id"),
        exported_only={"episode_of_onset": "episode_of__onset"},
        excluded={
            "episode_of": "derived from the onsets by the 30-day rule; exported as "
            "episode_of_onset, the onset of the episode's first relapse",
            "confirmed_by": "the clinician's account on this server (an id that means nothing "
            "elsewhere); clinician_confirmed says whether it was confirmed",
        },
        match=("onset",),
    ),
    Kind(
        name="measures",
        resource="measures",
        model=Measure,
        fields=("kind", "date", "value", "source", "note"),
        order=("date", "kind", "id"),
        match=("kind", "date"),
        unique=True,
    ),
    Kind(
        name="self_tests",
        resource="self-tests",
        model=SelfTestRun,
        fields=(
            "kind",
            "issued_at",
            "completed_at",
            "date",
            "input",
            "pairing",
            "practice_items",
            "items",
            "practice_trials",
            "trials",
            "score",
            "errors",
            "median_ms",
            "cv",
            "practice",
        ),
        refs={"measure": "measures"},
        order=("issued_at", "id"),
        match=("kind", "issued_at"),
    ),
    Kind(
        name="mri_reports",
        resource="mri",
        model=MriReport,
        fields=(
            "date",
            "region",
            "contrast",
            "new_t2_lesions",
            "enhancing_lesions",
            "brain_volume_change",
            "summary",
            "source",
        ),
        order=("date", "id"),
        excluded={"recorded_by": RECORDED_BY},
        match=("date", "region"),
    ),
    Kind(
        name="labs",
        resource="labs",
        model=LabResult,
        fields=("date", "kind", "value", "unit", "reference_low", "reference_high", "note"),
        order=("date", "kind", "id"),
        excluded={"recorded_by": RECORDED_BY},
        match=("date", "kind"),
    ),
    Kind(
        name="questionnaires",
        resource="questionnaires",
        model=QuestionnaireResponse,
        fields=("kind", "date", "answers"),
        order=("date", "kind", "id"),
        exported_only={"score": "score", "band": "band"},
        match=("kind", "date"),
    ),
    Kind(
        name="exercise",
        resource="exercise",
        model=ExerciseSession,
        fields=("date", "kind", "minutes", "intensity", "note"),
        order=("date", "id"),
        match=("date", "kind", "minutes", "intensity"),
    ),
    Kind(
        name="vitamin_d_doses",
        resource="vitamin-d/doses",
        model=VitaminDDose,
        fields=("date", "iu", "regimen"),
        order=("date", "id"),
        match=("date", "iu", "regimen"),
    ),
    Kind(
        name="vitamin_d_levels",
        resource="vitamin-d/levels",
        model=VitaminDLevel,
        fields=("date", "nmol_per_l", "unit"),
        order=("date", "id"),
        match=("date",),
    ),
    Kind(
        name="smoking",
        resource="smoking",
        model=SmokingRecord,
        fields=("date", "status", "cigarettes", "vaping", "quit_date"),
        order=("date", "id"),
        match=("date",),
    ),
    Kind(
        name="drugs",
        resource="courses",
        model=Drug,
        owner="owner",
        fields=(
            "code",
            "name",
            "brand_names",
            "drug_class",
            "route",
            "category",
            "schedule",
            "usual_dose",
            "dose_unit",
            "clinic_administered",
            "notes",
        ),
        order=("code",),
        excluded={"owner": "the account itself (only your own drugs are exported)"},
        match=("code",),
        unique=True,
    ),
    CourseKind(
        name="courses",
        resource="courses",
        model=Course,
        fields=("start", "stop", "stop_reason", "dose", "dose_unit", "schedule_override", "note"),
        refs={"drug": "drugs"},
        exported_only={"drug_code": "drug__code"},
        order=("start", "id"),
        match=("drug_code", "start"),
    ),
    Kind(
        name="dose_logs",
        resource="doses",
        model=DoseLog,
        fields=("scheduled_for", "status", "taken_at", "note"),
        refs={"course": "courses"},
        order=("scheduled_for", "id"),
        match=("course", "scheduled_for"),
        unique=True,
    ),
    Kind(
        name="side_effects",
        resource="side-effects",
        model=SideEffect,
        fields=("date", "effect", "severity", "note"),
        refs={"course": "courses"},
        order=("date", "id"),
        match=("course", "date", "effect"),
    ),
    Kind(
        name="reminders",
        model=Reminder,
        fields=(
            "kind",
            "local_time",
            "weekdays",
            "month_day",
            "channel",
            "enabled",
            "quiet_start",
            "quiet_end",
        ),
        order=("kind",),
        excluded={
            "next_fire_at": "computed again from the rules and your time zone",
            "next_slot": "computed again from the rules and your time zone",
        },
        match=("kind",),
        unique=True,
        settings_like=True,
    ),
    Kind(
        name="notifications",
        model=Notification,
        fields=("kind", "title", "body", "url", "created_at", "read_at"),
        order=("created_at", "id"),
        excluded={"delivery": "the send log is not exported (see NOT_EXPORTED)"},
        match=("created_at", "title"),
    ),
    ShareKind(
        name="shares",
        model=Share,
        owner="patient",
        fields=(),
        order=("created_at", "id"),
        exported_only={
            "scopes": "scopes",
            "accepted_at": "accepted_at",
            "expires_at": "expires_at",
            "revoked_at": "revoked_at",
            "last_viewed_at": "last_viewed_at",
            "clinician_email": "clinician__email",
            "invited_email": "invitation__email",
        },
        excluded={
            "patient": "the account itself",
            "clinician": ANOTHER_ACCOUNT + "; exported as clinician_name and clinician_email",
        },
        export_only=CARE_NOT_IMPORTED["shares"],
    ),
    Kind(
        name="access_log",
        model=AccessEvent,
        owner="patient",
        fields=(),
        order=("at", "id"),
        exported_only={
            "reader_name": "reader_name",
            "action": "action",
            "what": "what",
            "object_id": "object_id",
            "at": "at",
            "ip": "ip",
        },
        excluded={
            "patient": "the account itself",
            "reader": ANOTHER_ACCOUNT + "; reader_name says who it was",
        },
        export_only=CARE_NOT_IMPORTED["access_log"],
    ),
    Kind(
        name="visit_note",
        resource="visit-note",
        model=VisitNote,
        owner="patient",
        fields=("text",),
        order=("id",),
        excluded={"patient": "the account itself"},
        match=("patient_id",),  # one per account: a merge keeps the note already there
        unique=True,
    ),
    Kind(
        name="clinical_notes",
        model=ClinicalNote,
        owner="patient",
        fields=(),
        order=("created_at", "id"),
        exported_only={"clinician_name": "clinician_name", "text": "text"},
        excluded={
            "patient": "the account itself",
            "clinician": ANOTHER_ACCOUNT + "; clinician_name says who wrote it",
        },
        export_only=CARE_NOT_IMPORTED["clinical_notes"],
    ),
)

BY_NAME = {kind.name: kind for kind in KINDS}


def kinds_for(access) -> tuple[Kind, ...]:
    """The kinds ``access`` (``care.access.Access``) exports: every kind for the patient;
    for a clinician, those whose resource the share covers (never reminders, the inbox,
    the care team or other clinicians' notes: they are the patient's account, not the
    record the share opens)."""
    from mstracker.care.access import may_read

    if access.is_owner:
        return KINDS
    return tuple(kind for kind in KINDS if kind.resource and may_read(access, kind.resource))


# Models with a path to the user that are not exported, and why. Deletion removes
# their rows all the same (tests/portability/test_account_deletion.py).
NOT_EXPORTED = {
    "journal.SymptomScore": "inside checkins (`scores`)",
    "journal.JournalSettings_hidden_symptoms": "inside journal_settings (`hidden_symptoms`)",
    "reminders.Delivery": "the send log of reminders: operational, purged after 90 days",
    "accounts.RecordsVersion": "a cache token",
    "accounts.ApiToken": "a credential (only its digest is stored)",
    "accounts.SessionRecord": "a browser session of this server",
    "otp_totp.TOTPDevice": "a credential (the two-factor key): set it up again on a new server",
    "otp_static.StaticDevice": "a credential (the recovery codes' device)",
    "otp_static.StaticToken": "a credential (a recovery code)",
    "admin.LogEntry": "staff actions in the admin",
    "accounts.User_groups": "site administration",
    "accounts.User_user_permissions": "site administration",
    "care.Invitation": "operational: how a pending share reached its clinician (the invited "
    "email is in shares as invited_email); its code digest and nonce are credentials",
    "care.WrongCode": "a clinician's wrong share codes, counted for the lockout: credentials "
    "guessing, not the patient's data, purged",
    "care.PatientSummary": "derived: the facts behind the clinician panel's flags, computed "
    "again from the records",
    "care.VerifiedClinician": "staff data about a clinician's identity, not the patient's",
    "health_links.HealthLink": "a bearer credential of this server (the manifest's digest, "
    "the sealed key, the passcode's hash): it opens nowhere else; each opening is in "
    "access_log",
    "care.ClinicianPreferences": "a clinician's own display setting (the PIRA definition), "
    "not a patient's record; exports are of patient accounts",
}
