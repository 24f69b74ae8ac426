"""A faster flush after each transactional test on PostgreSQL (the browser tests' live server).

Django empties the database after a ``transaction=True`` test with one ``TRUNCATE`` of every
table. On PostgreSQL a TRUNCATE makes new files for each table and each of its indexes (about
250 here), which took 2 to 4 seconds a test on two shared cores, longer than most browser
tests themselves. So, in tests only, ``sql_flush`` (what ``manage.py flush`` runs) asks which
tables have rows and empties just those, with ``DELETE``, which on a few rows takes
milliseconds. Tables with a trigger of their own are truncated instead (the audit trail's
trigger refuses DELETE; TRUNCATE fires no row trigger), with CASCADE, as emptying everything is
the point. Foreign keys are checked at commit (Django makes them DEFERRABLE INITIALLY
DEFERRED), when every table is empty, so the order does not matter.

What is left is what Django's flush leaves: every table empty, sequences not reset, then the
post_migrate signal (content types and permissions made again). Asked to reset sequences or
to cascade, it does exactly what Django does.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.postgresql.operations import DatabaseOperations

_django_sql_flush = DatabaseOperations.sql_flush
_triggered: dict[str, set[str]] = {}


def _tables_with_own_triggers(ops: DatabaseOperations) -> set[str]:
    alias = ops.connection.alias
    if alias not in _triggered:
        with ops.connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal"
            )
            _triggered[alias] = {name for (name,) in cursor.fetchall()}
    return _triggered[alias]


def _tables_with_rows(ops: DatabaseOperations, tables: list[str]) -> list[str]:
    union = " UNION ALL ".join(
        f"(SELECT %s FROM {ops.quote_name(table)} LIMIT 1)"  # noqa: S608 (Django's table names)
        for table in tables
    )
    with ops.connection.cursor() as cursor:
        cursor.execute(union, tables)
        return [name for (name,) in cursor.fetchall()]


def sql_flush(
    self: DatabaseOperations,
    style: Any,
    tables: list[str],
    *,
    reset_sequences: bool = False,
    allow_cascade: bool = False,
) -> list[str]:
    if reset_sequences or allow_cascade or not tables:
        return _django_sql_flush(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    filled = _tables_with_rows(self, tables)
    if not filled:
        # Nothing to empty; Django would still send post_migrate, which a non-empty list does.
        return _django_sql_flush(self, style, tables)
    triggered = _tables_with_own_triggers(self)
    truncate = [self.quote_name(table) for table in filled if table in triggered]
    # The TRUNCATE first: PostgreSQL refuses it on a table with checks pending in the
    # transaction, which the DELETEs below would queue.
    sql = [f"TRUNCATE {', '.join(truncate)} CASCADE;"] if truncate else []
    sql += [
        f"DELETE FROM {self.quote_name(table)};"  # noqa: S608 (Django's table names)
        for table in filled
        if table not in triggered
    ]
    return sql


def install() -> None:
    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
