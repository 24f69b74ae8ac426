"""Helpers for the API tests."""

from __future__ import annotations

from typing import Any

from django.apps import apps

from alongside.accounts.models import ApiToken


def rows_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the accounts and core models (audit events included), in key order.

    A token's ``last_used_at`` is left out: using a token, even for a refused request, notes
    when it was used, and that is not a change the request made.
    """
    snapshot: dict[str, list[tuple[Any, ...]]] = {}
    for label in ("accounts", "core"):
        for model in apps.get_app_config(label).get_models():
            fields = [
                field.attname
                for field in model._meta.concrete_fields
                if not (model is ApiToken and field.name == "last_used_at")
            ]
            rows = model._default_manager.order_by("pk").values_list(*fields)
            snapshot[model._meta.label] = list(rows)
    return snapshot
