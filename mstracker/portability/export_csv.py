"""The CSV export: a zip with one UTF-8 file per kind, a header row, ISO dates.

`checkins.csv` has one score column per symptom (the catalogue's, then your own,
named by code). Lists and objects (relapse functions, questionnaire answers, drug
schedules) are JSON text in their cell; yes/no values are `true`/`false`. Each file
starts with a UTF-8 byte order mark so spreadsheet programs read accents right.
"""

import csv
import io
import json

from django.db.models import F

from journal.models import Symptom

from .encoding import buffered, plain
from .kinds import KINDS
from .zipping import zip_stream

BOM = "\ufeff"


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=plain)
    if isinstance(value, int | float | str):
        return value
    return plain(value)


def _lines(header, rows):
    """CSV text in pieces: the header, then one piece per row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    yield BOM + out.getvalue()
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow([cell(value) for value in row])
        yield out.getvalue()


def kind_csv(kind, subject):
    """One kind's CSV file as UTF-8 chunks."""
    if kind.name == "checkins":
        codes = list(
            Symptom.objects.for_user(subject)
            .order_by(F("owner").asc(nulls_first=True), "position", "code")
            .values_list("code", flat=True)
        )
        columns = [c for c in kind.columns if c != "scores"]
        rows = (
            [*(row[c] for c in columns), *(row["scores"].get(code) for code in codes)]
            for row in kind.rows(subject)
        )
        return buffered(_lines([*columns, *codes], rows))
    rows = ([row[c] for c in kind.columns] for row in kind.rows(subject))
    return buffered(_lines(kind.columns, rows))


def csv_zip(subject, kinds=KINDS):
    """The zip (not yet read: each file is read from the database as it streams)."""
    return zip_stream((f"{kind.name}.csv", kind_csv(kind, subject)) for kind in kinds)
