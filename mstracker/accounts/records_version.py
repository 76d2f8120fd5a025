"""The token that says "this patient's records have not changed".

Pages that summarise a patient's whole history (the progression dashboard and its
API) cache their result under the patient's token. Every save or delete of a tracked
model gives the patient a new token once its transaction commits, so the next visit
computes afresh and older entries are never read again (the cache evicts them).

Why after the commit: a writer takes no extra lock (two requests of one patient
cannot deadlock on the token), and a reader can only ever file data under a token
that is already old or that matches what it read: it reads the token first, then the
rows, and a write is bumped after its rows are visible.

Models opt in with `track()`. Code that writes in bulk (`bulk_create`,
`bulk_update`, `QuerySet.update`, which send no signals) calls `changed()` itself.
A model's global rows (a catalogue symptom or drug, with no owner) change every
patient's token.

Three more tokens let the dashboard keep parts cached across the daily check-in,
which changes only the first token:

- `therapies_token()` changes only with the patient's therapy records (courses, dose
  logs, side effects, the drug catalogue: `track(..., therapies=True)`): what is
  derived from years of doses;
- `history_token()` changes with every journal record but check-ins and symptoms
  (relapses, measures, questionnaires, exercise, vitamin D, smoking, MRI, labs,
  settings: `track(..., history=True)`, the default): the progression analysis and
  the lifestyle figures;
- `older_checkins_token()` changes with every write but the daily path: a check-in
  dated in the last `RECENT_DAYS` days, created or saved again for its date, inside
  `recent_checkin()` (or `replaced_in_transaction(..., older_checkins=False)`):
  what is derived from the check-ins before them.

Every bulk `changed()` replaces all four unless told otherwise.
"""

import logging
import threading
import uuid
from contextlib import contextmanager
from datetime import date, timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from .models import RecordsVersion

log = logging.getLogger(__name__)
# Called with the patient's id after each new token (after commit): other apps that
# keep something derived from the records (the care team's panel summary) refresh it.
_listeners = []
# Patients whose token the current thread replaces inside its transaction
# (`replaced_in_transaction`): their saves there schedule no bump of their own.
_inline = threading.local()
# Patients whose writes in the current thread touch only a check-in of the last days
# (`recent_checkin`): they leave the older check-ins' token alone.
_recent = threading.local()
# A check-in dated this many days before the writer's local today or later is
# "recent". Whatever is cached from older check-ins must start at least a week
# before its reader's today (`journal.dashboard`'s archive starts 14 to 20 days
# before): a cached entry is read only on the local day it was made, and the
# writer's day is at most a day before the reader's (time zones), so a recent write
# never falls in an older entry.
RECENT_DAYS = 7


def on_change(listener) -> None:
    """Call ``listener(user_id)`` after every change of a patient's token."""
    if listener not in _listeners:
        _listeners.append(listener)


def token(user) -> uuid.UUID | None:
    """The patient's current token (one query); None if they never wrote anything,
    which leaves nothing worth caching."""
    return _read(user, "token")


def therapies_token(user) -> uuid.UUID | None:
    """The token of the patient's therapy records alone (one query); None as `token()`."""
    return _read(user, "therapies")


def history_token(user) -> uuid.UUID | None:
    """The token of the journal records but check-ins (one query); None as `token()`."""
    return _read(user, "history")


def older_checkins_token(user) -> uuid.UUID | None:
    """The token of all records but the recent check-ins (one query); None as `token()`."""
    return _read(user, "older_checkins")


def tokens(user) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID, uuid.UUID] | None:
    """The four tokens in one query: (records, therapies, history, older check-ins);
    None as `token()`."""
    return _read(user, "token", "therapies", "history", "older_checkins")


def is_recent(day: date, today: date) -> bool:
    """Whether a check-in of `day` is recent for a writer whose local date is `today`."""
    return day >= today - timedelta(days=RECENT_DAYS)


def _read(user, *fields):
    rows = RecordsVersion.objects.filter(user=user.pk)
    if len(fields) == 1:
        return rows.values_list(fields[0], flat=True).first()
    return rows.values_list(*fields).first()


def changed(
    user_id, therapies: bool = True, history: bool = True, older_checkins: bool = True
) -> None:
    """The patient's records changed: a new token when the transaction commits
    (at once outside one). Without `therapies` the therapies token stays, without
    `history` the history token, without `older_checkins` that one (a caller writing
    in bulk keeps the defaults: everything)."""
    transaction.on_commit(partial(_bump, user_id, therapies, history, older_checkins))


def everyone_changed() -> None:
    """Something every patient's pages show changed (a catalogue name)."""
    transaction.on_commit(_bump_everyone)


@contextmanager
def recent_checkin(user_id):
    """Inside, the patient's check-in writes touch only one check-in whose date is
    recent (`is_recent`) and stays so: they leave the older check-ins' token alone.
    The caller vouches for it (`CheckIn.objects.record` of a recent date)."""
    with _marked(_recent, user_id):
        yield


@contextmanager
def replaced_in_transaction(user_id, older_checkins: bool = True):
    """For the hottest write (a new check-in): the token is replaced inside the write's
    own transaction, as its last statement, so the write commits once instead of twice.

    The upsert comes last, so the row lock it takes is held only while committing:
    every other writer replaces the token in a one-statement transaction after its
    commit, so no two writers can wait on each other. A reader that reads the token
    before the commit and the rows after it files newer rows under the old token,
    which nobody asks for again. The listeners still run after the commit.
    Without `older_checkins` (a new check-in of a recent date) that token stays.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("replaced_in_transaction() needs an atomic block")
    with _marked(_inline, user_id):
        yield
    _upsert(user_id, therapies=False, history=False, older_checkins=older_checkins)
    transaction.on_commit(partial(_notify, user_id))


@contextmanager
def _marked(local: threading.local, user_id):
    """The patient in `local.users` inside (left there when an outer block put them)."""
    users = local.__dict__.setdefault("users", set())
    added = user_id not in users
    users.add(user_id)
    try:
        yield
    finally:
        if added:
            users.discard(user_id)


def track(*models, owner: str = "user_id", therapies: bool = False, history: bool = True) -> None:
    """Change the owner's token after each save and delete of these models.

    `owner` names the attribute holding the patient's id; a row where it is None
    belongs to everyone (a catalogue entry). `therapies`: the models are therapy
    records, which change the therapies token too; `history`: they change the
    history token too (every journal record but check-ins and symptoms).
    """
    for model in models:
        handler = partial(_on_write, owner, therapies, history)
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"records-{model._meta}")
        post_delete.connect(
            handler, sender=model, weak=False, dispatch_uid=f"records-del-{model._meta}"
        )


def _on_write(owner, therapies, history, sender, instance, raw=False, origin=None, **kwargs):
    if raw:  # loaddata: nothing is cached for fixtures being loaded
        return
    if isinstance(origin, Model) and origin is not instance:
        # A cascade: the deleted parent (a tracked record, or the user who is
        # leaving) accounts for it, once rather than once per child row.
        return
    user_id = getattr(instance, owner)
    if user_id is None:
        everyone_changed()
    elif therapies or history or user_id not in getattr(_inline, "users", ()):
        # The inline replacement renews only the records token: a therapy or history
        # record written inside it still schedules its own bump.
        older = therapies or history or user_id not in getattr(_recent, "users", ())
        changed(user_id, therapies, history, older)


def _upsert(user_id, therapies=True, history=True, older_checkins=True):
    # One statement: INSERT ... ON CONFLICT (user_id) DO UPDATE SET token = EXCLUDED.token
    # (and the other tokens asked for). A new row gets all four.
    row = RecordsVersion(
        user_id=user_id,
        token=uuid.uuid4(),
        therapies=uuid.uuid4(),
        history=uuid.uuid4(),
        older_checkins=uuid.uuid4(),
    )
    asked = {"therapies": therapies, "history": history, "older_checkins": older_checkins}
    fields = ["token", *(field for field, wanted in asked.items() if wanted)]
    RecordsVersion.objects.bulk_create(
        [row], update_conflicts=True, unique_fields=["user"], update_fields=fields
    )


def _bump(user_id, therapies=True, history=True, older_checkins=True):
    try:
        with transaction.atomic():
            _upsert(user_id, therapies, history, older_checkins)
    except IntegrityError:  # the patient has been deleted meanwhile
        return
    _notify(user_id)


def _notify(user_id):
    for listener in _listeners:
        try:
            listener(user_id)
        except Exception:  # a listener never fails the write it follows
            log.exception("records_version listener %r failed for %s", listener, user_id)


def _bump_everyone():
    RecordsVersion.objects.update(
        token=uuid.uuid4(),
        therapies=uuid.uuid4(),
        history=uuid.uuid4(),
        older_checkins=uuid.uuid4(),
    )
