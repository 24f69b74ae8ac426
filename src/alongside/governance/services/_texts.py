"""Checks on the words a clerk types when planning a meeting, its agenda and its papers:
trimmed, not empty where they are needed, and not too long. Each refusal names its field."""

from __future__ import annotations

from alongside.core.errors import ValidationFailed


def required_text(value: str, *, field: str, empty: str, limit: int, too_long: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationFailed(empty, field=field)
    if len(value) > limit:
        raise ValidationFailed(too_long, field=field)
    return value


def optional_text(value: str, *, field: str, limit: int, too_long: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise ValidationFailed(too_long, field=field)
    return value
