"""Every row of every table, so a test can show that a refused request changed nothing.

Shared by the HTML permission matrix, the API matrix and the ``unchanged`` fixture: one
definition of "nothing changed" for the whole suite.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from alongside.accounts.models import ApiToken

# What a refused request may write without having done anything it was refused: using a
# token, even refused, notes when it was used; any request by a signed-in browser refreshes
# its session and allauth's record of where you are signed in.
_IGNORED_COLUMNS: dict[str, set[str]] = {ApiToken._meta.label: {"last_used_at"}}
_IGNORED_MODELS = {"sessions.Session", "usersessions.UserSession"}


def _columns(model: type[models.Model]) -> list[str]:
    ignored = _IGNORED_COLUMNS.get(model._meta.label, set())
    return [f.attname for f in model._meta.concrete_fields if f.attname not in ignored]


def rows_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every installed model (audit events and queued tasks included), by key."""
    snapshot: dict[str, list[tuple[Any, ...]]] = {}
    for model in apps.get_models():
        if model._meta.label in _IGNORED_MODELS or not model._meta.managed:
            continue
        rows = model._default_manager.order_by("pk").values_list(*_columns(model))
        snapshot[model._meta.label] = list(rows)
    return snapshot


def changed_tables(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> list[str]:
    """The tables whose rows differ between two snapshots."""
    labels = before.keys() | after.keys()
    return sorted(label for label in labels if before.get(label) != after.get(label))
