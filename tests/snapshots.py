"""Every row of every table, so a test can show that a refused request changed nothing.

Shared by the HTML permission matrix, the API matrix and the ``unchanged`` fixture: one
definition of "nothing changed" for the whole suite.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import connection, models

from alongside.accounts.models import ApiToken

# What a refused request may write without having done anything it was refused: using a
# token, even refused, notes when it was used; any request by a signed-in browser refreshes
# its session and allauth's record of where you are signed in.
_IGNORED_COLUMNS: dict[str, set[str]] = {ApiToken._meta.label: {"last_used_at"}}
_IGNORED_MODELS = {"sessions.Session", "usersessions.UserSession"}


def _watched() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.label not in _IGNORED_MODELS and model._meta.managed
    ]


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    ignored = _IGNORED_COLUMNS.get(model._meta.label, set())
    return [f for f in model._meta.concrete_fields if f.attname not in ignored]


@functools.cache
def _queries(vendor: str) -> tuple[tuple[str, str], ...]:
    """(model label, SELECT of its rows by key) for every watched model, written once."""
    quote = connection.ops.quote_name
    queries = []
    for model in _watched():
        columns = ", ".join(quote(f.column) for f in _columns(model))
        table = quote(model._meta.db_table)
        order = quote(model._meta.pk.column)
        select = f"SELECT {columns} FROM {table} ORDER BY {order}"  # noqa: S608 (model names)
        queries.append((model._meta.label, select))
    return tuple(queries)


def rows_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every installed model (audit events and queued tasks included), by key.

    The rows are the database's own values (no field conversion), read with one plain SELECT
    per table: the ORM took most of a snapshot's time, and a snapshot is only ever compared
    with another."""
    snapshot: dict[str, list[tuple[Any, ...]]] = {}
    with connection.cursor() as cursor:
        for label, sql in _queries(connection.vendor):
            cursor.execute(sql)
            snapshot[label] = [tuple(row) for row in cursor.fetchall()]
    return snapshot


def changed_tables(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> list[str]:
    """The tables whose rows differ between two snapshots."""
    labels = before.keys() | after.keys()
    return sorted(label for label in labels if before.get(label) != after.get(label))


# A statement that names the one table it writes, and statements that write nothing.
_WRITES_TO = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE
)
_READS = re.compile(r"^\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK\s+TO|SET|SHOW)\b", re.IGNORECASE)


@contextmanager
def watching_writes() -> Iterator[list[str]]:
    """``with watching_writes() as writes:``: the statements the block ran on this connection
    that may have changed a row ``rows_snapshot`` reads (any statement but a read, or a write
    to the sessions it leaves out). A row cannot change without one, so an empty list is
    proof that a snapshot would show nothing changed; a non-empty one calls for the snapshot
    (the statement may have changed nothing). Other connections (a live server's) are not
    seen: use this only where everything runs on the test's own connection."""
    writes: list[str] = []
    ignored = {apps.get_model(label)._meta.db_table for label in _IGNORED_MODELS}

    def note(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        target = _WRITES_TO.match(sql)
        if (target and target.group(1) not in ignored) or (not target and not _READS.match(sql)):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        yield writes
