"""Whole dashboards, cached per patient until their records or the clock change them.

Reading and reducing ten years of records costs tens of milliseconds however it is
done, and a patient opens the same dashboard far more often than they write. So the
page's body and the API's answer are kept in Django's cache under a key that holds
everything they depend on:

- the patient and their records token (`mstracker.accounts.records_version`), which
  every write to the journal or therapies replaces;
- the profile fields the figures use (time zone, diagnosis year, MS course) and the local date,
  so "today" moves on at the patient's midnight;
- the request's validated choices (range, measure, symptoms, dates);
- a digest of the code that computes and draws them, so a deployment never serves an
  old drawing.

An entry also expires at the next moment the clock alone changes a figure: a dose
falling due or its window closing (`DashboardData.changes_at`), or local midnight.
A patient who never wrote anything has no token and nothing worth caching.

Inside a dashboard, three parts have their own entries under tokens a check-in leaves
alone, so after the daily check-in only what its last weeks of check-ins feed is
computed again:

- `therapies_part()`: what is derived from years of doses (the course bars' and the
  headline's adherence), under the therapies token; its entries expire by the same
  clock rules;
- `history_part()`: the relapses, the progression analysis, exercise, vitamin D,
  smoking and MRI, under the history token;
- `older_checkins_part()`: the daily symptom scores before the last weeks, under the
  older check-ins' token, which a check-in of the last days leaves alone.
"""

import functools
import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from mstracker.accounts import records_version
from mstracker.wallclock import local_day_bounds

_APPS = ("journal", "therapies")
_SHARED_SOURCES = ("mstracker/forms.py", "templates/forms/field.html", "templates/forms/div.html")
# (patient id, {part: token}) read by `cached()` with the records token, for the
# parts built inside it: every token in one query.
_part_tokens: ContextVar[tuple[int, dict[str, Any]] | None] = ContextVar(
    "part_tokens", default=None
)
PART_TOKENS = {
    "therapies": records_version.therapies_token,
    "history": records_version.history_token,
    "older_checkins": records_version.older_checkins_token,
}

Build = Callable[[], tuple[Any, datetime | None]]


def cached(user, name: str, choices: tuple, build: Build):
    """`build()`'s value, from the cache when the patient's records, day and choices
    are unchanged. `build` returns (value, the moment the clock changes it or None).
    Costs one query (every token) on a hit."""
    tokens = records_version.tokens(user)
    if tokens is None:
        return build()[0]
    token, *parts = tokens

    def build_with_part_tokens():
        context = _part_tokens.set((user.pk, dict(zip(PART_TOKENS, parts, strict=True))))
        try:
            return build()
        finally:
            _part_tokens.reset(context)

    return _get_or_build(user, "dashboard", name, token, choices, build_with_part_tokens)


def therapies_part(user, choices: tuple, build: Build):
    """`build()`'s value, cached under the patient's therapies token, day and choices:
    what only therapy records and the clock change. Inside `cached()` the token is
    the one it read; otherwise one query."""
    return _part(user, "therapies", choices, build)


def history_part(user, choices: tuple, build: Build):
    """`build()`'s value, cached under the patient's history token, day and choices:
    what journal records other than check-ins change."""
    return _part(user, "history", choices, build)


def older_checkins_part(user, choices: tuple, build: Build):
    """`build()`'s value, cached under the patient's older check-ins' token, day and
    choices: what only check-ins before the last days (`records_version.RECENT_DAYS`)
    and everything else but recent check-ins change."""
    return _part(user, "older_checkins", choices, build)


def _part(user, part: str, choices: tuple, build: Build):
    held = _part_tokens.get()
    token = held[1][part] if held and held[0] == user.pk else PART_TOKENS[part](user)
    if token is None:
        return build()[0]
    return _get_or_build(user, f"dashboard-{part}", "", token, choices, build)


def _get_or_build(user, prefix: str, name: str, token, choices: tuple, build: Build):
    """The cached value under this key, or `build()`'s, stored until it expires."""
    today = user.local_today()
    key = _key(user, today, prefix, name, token, choices)
    value = cache.get(key)
    if value is None:
        value, changes_at = build()
        _store(user, today, key, value, changes_at)
    return value


def _key(user, today, prefix: str, name: str, token, choices: tuple) -> str:
    return ":".join(
        map(
            str,
            (
                prefix,
                name,
                code_version(),
                user.pk,
                token.hex,
                user.time_zone,
                user.diagnosis_year,
                user.ms_course,  # the possible-transition signal is on for RRMS only
                today.isoformat(),
                hashlib.blake2b(repr(choices).encode(), digest_size=16).hexdigest(),
            ),
        )
    )


def _store(user, today, key: str, value, changes_at: datetime | None) -> None:
    """Keep `value` until local midnight or `changes_at`, whichever comes first."""
    _, midnight = local_day_bounds(today, user.zone)
    until = min(midnight, changes_at) if changes_at else midnight
    seconds = (until - timezone.now()).total_seconds()
    if seconds >= 1:
        cache.set(key, value, int(seconds))


@functools.cache
def code_version() -> str:
    """A digest of the journal's and therapies' code, migrations and templates, of the
    shared form rendering and of the Altair version: what computes the figures and
    draws the charts and the page's choices."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(metadata.version("altair").encode(), digest_size=8)
    for app in _APPS:
        sources = sorted((root / app).rglob("*.py")) + sorted((root / app).rglob("*.html"))
        for path in sources:  # migrations too: a data migration may rewrite records
            digest.update(path.read_bytes())
    for path in _SHARED_SOURCES:  # how every form field is drawn
        digest.update((root / path).read_bytes())
    return digest.hexdigest()
