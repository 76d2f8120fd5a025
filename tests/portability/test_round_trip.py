"""Export, import into a new account, export again: the same apart from ids and timestamps."""

import json

import pytest

from mstracker.portability.export_json import json_chunks
from mstracker.portability.importer import import_account
from mstracker.portability.kinds import BY_NAME, KINDS, PROFILE
from mstracker.reminders.services import create_defaults
from tests.factories import PatientFactory
from tests.portability.account import every_kind_of_record

# The care team's kinds are exported, never imported (kinds.CARE_NOT_IMPORTED).
IMPORTED = tuple(kind for kind in KINDS if not kind.export_only)
# Who the account is, not what it holds: the importing account keeps its own.
IDENTITY = {"username", "email", "date_joined", "last_login"}


def export(subject):
    return json.loads(b"".join(json_chunks(subject)))


def comparable(document):
    """The export with ids replaced by positions and timestamps left out."""
    positions = {
        kind.name: {row["id"]: n for n, row in enumerate(document[kind.name])}
        for kind in KINDS
        if not kind.single
    }
    result = {}
    for kind in IMPORTED:
        rows = [document[kind.name]] if kind.single else document[kind.name]
        cleaned = []
        for row in rows:
            row = {k: v for k, v in row.items() if k not in ("id", *kind.timestamps)}
            if kind is PROFILE:
                row = {k: v for k, v in row.items() if k not in IDENTITY}
            for name, target in kind.refs.items():
                if row[name] is not None:
                    row[name] = positions[target][row[name]]
            cleaned.append(row)
        result[kind.name] = cleaned
    return result


@pytest.mark.django_db
def test_export_import_export_gives_the_same_account(patient):
    every_kind_of_record(patient)
    first = export(patient)
    assert all(first[kind.name] for kind in KINDS), "every kind has rows"

    newcomer = PatientFactory(username="alice-again", time_zone="UTC")
    create_defaults(newcomer)  # as sign-up does

    result = import_account(newcomer, first)
    second = export(newcomer)

    assert comparable(second) == comparable(first)
    assert result.imported["checkins"] == 2
    assert result.imported["dose_logs"] == 3
    assert second["relapses"][1]["episode_of_onset"] == "2024-03-01"
    assert BY_NAME["reminders"].queryset(newcomer).count() == len(first["reminders"])
    assert result.not_imported == {
        kind.name: {"rows": len(first[kind.name]), "reason": kind.export_only}
        for kind in KINDS
        if kind.export_only
    }
    assert all(second[kind.name] == [] for kind in KINDS if kind.export_only)
