"""The voice domain's rows of the permission matrix and page sweep (see tests/matrix.py)."""

from __future__ import annotations

import uuid
from typing import Any

from alongside.accounts.roles import Role
from alongside.voice.models import Contribution, Theme
from tests.matrix import Row, World, long_name, org

MATRIX_ROWS: list[Row] = []

# Themes and answers
from tests.voice import factories_answers as made  # noqa: E402


def _author(w: World) -> Any:
    return w.person(Role.YOUNG_PERSON.value)


def _contribution(w: World) -> Contribution:
    """A young person's published idea, sent long ago, in a theme, with an answer."""
    if "answers_contribution" not in w.objects:
        item = made.contribution(
            w.organisation,
            author=_author(w),
            age_days=60,
            text="Longwordwithnospaces" * 12,
        )
        made.in_theme(_theme(w), item)
        made.answer(w.organisation, contribution=item, answered_by=w.person(Role.WORKER.value))
        made.contribution(w.organisation, age_days=60, text="Nobody has answered this one yet.")
        w.objects["answers_contribution"] = item
    return w.objects["answers_contribution"]


def _theme(w: World) -> Theme:
    if "answers_theme" not in w.objects:
        w.objects["answers_theme"] = made.theme(
            w.organisation, name=long_name("theme"), description="Places to go after school"
        )
        made.theme(w.organisation, name="Feeling safe")
    return w.objects["answers_theme"]


def _org_with_themes(w: World) -> dict[str, Any]:
    _contribution(w)
    return org(w)


def _on_theme(w: World) -> dict[str, Any]:
    _contribution(w)
    return {**org(w), "theme_id": _theme(w).public_id}


def _on_contribution(w: World) -> dict[str, Any]:
    return {**org(w), "contribution_id": _contribution(w).public_id}


def _in_theme(w: World) -> dict[str, Any]:
    return {**_on_contribution(w), "theme_id": _theme(w).public_id}


def _answer_body(w: World) -> dict[str, Any]:
    return {
        "status": "changed",
        "text": "The park will have lights from March.",
        "passed_to": "",
        "idempotency_key": str(uuid.uuid4()),
    }


def _other_theme(w: World) -> dict[str, Any]:
    other = Theme.objects.get(organisation=w.organisation, name="Feeling safe")
    return {"theme": str(other.public_id)}


MATRIX_ROWS += [
    Row(
        "voice:theme-list",
        _org_with_themes,
        sweep_as=(Role.WORKER.value, Role.COMMISSIONER.value),
    ),
    Row(
        "voice:theme-create",
        org,
        body=lambda w: {"name": "Getting about", "description": "Buses and bikes"},
    ),
    Row("voice:theme-detail", _on_theme, sweep_as=(Role.WORKER.value, Role.COMMISSIONER.value)),
    Row("voice:theme-name", _on_theme, body=lambda w: {"name": "Places to go and things to do"}),
    Row(
        "voice:theme-description",
        _on_theme,
        body=lambda w: {"description": "Where to go in the evenings"},
    ),
    Row("voice:theme-answer", _on_theme, body=_answer_body),
    Row("voice:theme-add", _on_contribution, body=_other_theme),
    Row("voice:theme-remove", _in_theme, body=lambda w: {}),
    Row("voice:answer-give", _on_contribution, body=_answer_body),
    Row("voice:answer-history", _on_contribution),
    Row("voice:answer-overdue", _org_with_themes),
    Row("voice:answer-export", _org_with_themes, page=False),
]
