"""The JSON export: one document, one list per kind (`kinds.KINDS`), streamed.

    {"schema_version": 1, "exported_at": "...", "profile": {...},
     "symptoms": [...], "checkins": [...], ...}

One row per line, so a diff of two exports reads row by row.
"""

from django.utils import timezone

from .encoding import buffered, dumps
from .kinds import KINDS, SCHEMA_VERSION


def json_pieces(subject, now=None, kinds=KINDS, shared_scopes=None):
    """``kinds``: the lists in the document (a clinician's export holds what the share
    covers, and says so in ``shared_scopes``)."""
    now = now or timezone.now()
    yield f'{{"schema_version": {SCHEMA_VERSION},\n "exported_at": {dumps(now)}'
    if shared_scopes is not None:
        yield f',\n "shared_scopes": {dumps(sorted(shared_scopes))}'
    for kind in kinds:
        if kind.single:
            row = next(iter(kind.rows(subject)))
            yield f',\n "{kind.name}": {dumps(row)}'
            continue
        yield f',\n "{kind.name}": ['
        separator = "\n  "
        for row in kind.rows(subject):
            yield separator
            yield dumps(row)
            separator = ",\n  "
        yield "\n ]"
    yield "\n}\n"


def json_chunks(subject, now=None, kinds=KINDS, shared_scopes=None):
    """The export as UTF-8 chunks of about 64 KB."""
    return buffered(json_pieces(subject, now, kinds, shared_scopes))
