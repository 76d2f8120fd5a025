"""Many rows, each with its own new values, in one ``UPDATE … FROM (VALUES …)``.

Django's ``bulk_update`` writes one ``CASE WHEN pk = … THEN …`` branch per row and
per field, which the database walks for every row it updates: quadratic in the batch
(a 500-row batch of the reminders tick spent 70% of the tick there). Joining the
table to a ``VALUES`` list costs one hash lookup per row. PostgreSQL and SQLite
(3.33 and later) both name a ``VALUES`` list's columns ``column1``, ``column2``, …;
PostgreSQL needs each value cast to its column's type. Elsewhere ``bulk_update``
is used.
"""

from django.db import connection, models


def update_rows(rows: list[models.Model], fields: list[str]) -> None:
    """Write ``fields`` of every row (all of one model) by primary key, in one query.

    Like ``bulk_update``: no ``save()``, no signals, ``auto_now`` fields untouched.
    """
    if not rows:
        return
    model = type(rows[0])
    if not _supports_update_from():
        model.objects.bulk_update(rows, fields)
        return
    meta, quote = model._meta, connection.ops.quote_name
    columns = [meta.pk, *(meta.get_field(name) for name in fields)]
    if connection.vendor == "postgresql":
        row = "(" + ", ".join(f"%s::{field.db_type(connection)}" for field in columns) + ")"
    else:
        row = "(" + ", ".join("%s" for _ in columns) + ")"
    table = quote(meta.db_table)
    assignments = ", ".join(
        f"{quote(field.column)} = v.column{number}"
        for number, field in enumerate(columns[1:], start=2)
    )
    sql = (
        f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row] * len(rows))}) AS v "
        f"WHERE {table}.{quote(meta.pk.column)} = v.column1"
    )
    params = [
        field.get_db_prep_save(getattr(obj, field.attname), connection)
        for obj in rows
        for field in columns
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _supports_update_from() -> bool:
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and connection.Database.sqlite_version_info >= (3, 33)
