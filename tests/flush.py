"""A faster flush after each transactional test on PostgreSQL (the browser tests' live server).

Django empties the database after a ``transaction=True`` test with ``manage.py flush``: one
``TRUNCATE`` of every table, then the post_migrate signal, which makes the content types and
permissions again. On PostgreSQL a TRUNCATE makes new files for each table and each of its
indexes (about 250 here), which took 2 to 4 seconds a test on two shared cores, and remaking
the content types and permissions took up to 1.5 s more under load: longer than most browser
tests themselves. So, in tests only, the flush command here

- asks which tables have rows and empties just those, with ``DELETE``, which on a few rows
  takes milliseconds. Tables with a trigger of their own are truncated instead (the audit
  trail's trigger refuses DELETE; TRUNCATE fires no row trigger), with CASCADE, as emptying
  everything is the point. Foreign keys are checked at commit (Django makes them DEFERRABLE
  INITIALLY DEFERRED), when every table is empty, so the order does not matter;
- keeps the content types and permissions, and sends no post_migrate, while those two
  tables hold what they held at the first flush (as many rows, the same highest key): what
  post_migrate would make again. If a test added or removed one, they are emptied and made
  again, as Django does.

What is left is what Django's flush leaves: the tables empty but for the content types and
permissions, sequences not reset. Asked to reset sequences or to cascade, and on SQLite
(whose flush is already a DELETE per table), it does exactly what Django does.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush as flush_command

_django_sql_flush = flush_command.sql_flush
_django_emit_post_migrate = flush_command.emit_post_migrate_signal
# What post_migrate makes (django.contrib.contenttypes and auth), and the databases whose
# flush kept them as they were, so that the signal is not needed.
_MADE_BY_POST_MIGRATE = ("django_content_type", "auth_permission")
_first_seen: dict[str, tuple[Any, ...]] = {}
_kept: set[str] = set()
_triggered: dict[str, set[str]] = {}


def _tables_with_own_triggers(connection: Any) -> set[str]:
    if connection.alias not in _triggered:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal"
            )
            _triggered[connection.alias] = {name for (name,) in cursor.fetchall()}
    return _triggered[connection.alias]


def _tables_with_rows(connection: Any, tables: list[str]) -> list[str]:
    union = " UNION ALL ".join(
        f"(SELECT %s FROM {connection.ops.quote_name(table)} LIMIT 1)"  # noqa: S608 (Django's)
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(union, tables)
        return [name for (name,) in cursor.fetchall()]


def _made_by_post_migrate(connection: Any) -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(
                f"(SELECT COUNT(*), MAX(id) FROM {table})"  # noqa: S608 (the names above)
                for table in _MADE_BY_POST_MIGRATE
            )
        )
        return tuple(cursor.fetchall())


def sql_flush(
    style: Any, connection: Any, reset_sequences: bool = True, allow_cascade: bool = False
) -> list[str]:
    if connection.vendor != "postgresql" or reset_sequences or allow_cascade:
        return _django_sql_flush(
            style, connection, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    filled = _tables_with_rows(connection, tables) if tables else []
    made = _made_by_post_migrate(connection)
    _first_seen.setdefault(connection.alias, made)
    if made != _first_seen[connection.alias]:
        if not filled:  # no content types or permissions at all: let Django remake them
            return _django_sql_flush(style, connection, reset_sequences=False)
    else:
        filled = [table for table in filled if table not in _MADE_BY_POST_MIGRATE]
        if not filled:
            return []  # nothing to empty, and no post_migrate needed
        _kept.add(connection.alias)
    quote = connection.ops.quote_name
    triggered = _tables_with_own_triggers(connection)
    truncate = [quote(table) for table in filled if table in triggered]
    # The TRUNCATE first: PostgreSQL refuses it on a table with checks pending in the
    # transaction, which the DELETEs below would queue.
    sql = [f"TRUNCATE {', '.join(truncate)} CASCADE;"] if truncate else []
    sql += [
        f"DELETE FROM {quote(table)};"  # noqa: S608 (Django's table names)
        for table in filled
        if table not in triggered
    ]
    return sql


def emit_post_migrate_signal(verbosity: int, interactive: bool, db: str, **kwargs: Any) -> None:
    if db in _kept:
        _kept.discard(db)
        return
    _django_emit_post_migrate(verbosity, interactive, db, **kwargs)


def install() -> None:
    flush_command.sql_flush = sql_flush  # type: ignore[assignment]
    flush_command.emit_post_migrate_signal = emit_post_migrate_signal  # type: ignore[assignment]
