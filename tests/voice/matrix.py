"""The voice domain's rows of the permission matrix and page sweep (see tests/matrix.py):
giving an idea or view, the author's own pages, the staff pages for contributions, and themes
and answers."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution, Theme
from tests.matrix import PageState, Row, World, long_name, org
from tests.matrix import Row as R
from tests.voice.factories import ContributionFactory, InitiativeFactory, image_upload

YOUNG = Role.YOUNG_PERSON.value
# The policy lets every participant in; the author's pages then refuse all but the author.
NOT_THE_AUTHOR = (Role.PARENT_CARER.value, Role.COMMUNITY_MEMBER.value)
# Long unbroken words, so a page that lets user-entered text push it sideways fails the sweep.
LONG_WORDS = "Wewantmorebenchesandalightbytheskaterampplease" * 2 + " and a water fountain."


def initiative(w: World) -> Initiative:
    """An open initiative that checks words before publishing them, with a long title."""
    if "voice_initiative" not in w.objects:
        w.objects["voice_initiative"] = InitiativeFactory(
            organisation=w.organisation,
            title=long_name("initiative") * 2,
            moderate_before_publishing=True,
        )
    return w.objects["voice_initiative"]


def contribution(w: World) -> Contribution:
    """The young person's idea, waiting to be checked, with their name shown to staff and a
    photo."""
    if "voice_contribution" not in w.objects:
        given = ContributionFactory(
            initiative=initiative(w),
            author=w.person(YOUNG),
            text=LONG_WORDS,
            status=Contribution.Status.AWAITING_MODERATION,
            published_at=None,
        )
        given.image.save(f"{given.public_id}.png", ContentFile(image_upload().read()))
        w.objects["voice_contribution"] = given
    return w.objects["voice_contribution"]


def _one(w: World) -> dict[str, Any]:
    return {**org(w), "contribution_id": contribution(w).public_id}


def _org_with_contribution(w: World) -> dict[str, Any]:
    contribution(w)
    return org(w)


def _with_initiative(w: World) -> dict[str, Any]:
    initiative(w)
    return org(w)


# Giving, one question per page: each page's ``prepare`` answers the pages before it.
FLOW: list[tuple[str, Callable[[World], dict[str, Any]]]] = [
    ("voice:contribution-give", lambda w: {"initiative": str(initiative(w).public_id)}),
    ("voice:contribution-give-kind", lambda w: {"kind": Contribution.Kind.IDEA}),
    ("voice:contribution-give-words", lambda w: {"text": LONG_WORDS}),
    ("voice:contribution-give-photo", lambda w: {}),
    ("voice:contribution-give-name", lambda w: {"anonymity": Contribution.Anonymity.NOBODY}),
    ("voice:contribution-give-check", lambda w: {"idempotency_key": str(uuid.uuid4())}),
]


def _answered_up_to(step: str) -> Callable[[World, Client], None]:
    def prepare(w: World, client: Client) -> None:
        for name, body in FLOW:
            if name == step:
                return
            response = client.post(reverse(name, args=[w.organisation.slug]), body(w))
            assert response.status_code == 302, (name, response.status_code)

    return prepare


def _step(name: str, body: Callable[[World], dict[str, Any]]) -> R:
    last = name == "voice:contribution-give-check"
    return R(
        name,
        # (with a contribution of the same words in the world, so the language test knows
        # the words shown back on "check your answers" as typed, not ours to translate)
        _org_with_contribution,
        body=body,
        sweep_as=(YOUNG,),
        body_changes_rows=last,  # the earlier pages only note the answer in the session
        prepare=None if name == "voice:contribution-give" else _answered_up_to(name),
    )


MATRIX_ROWS = [
    *(_step(name, body) for name, body in FLOW),
    R("voice:contribution-give-done", _one, sweep_as=(YOUNG,), also_refuses=NOT_THE_AUTHOR),
    # The author's own.
    R(
        "voice:contribution-edit",
        _one,
        body=lambda w: {"text": "Two benches and a light"},
        sweep_as=(YOUNG,),
        also_refuses=NOT_THE_AUTHOR,
    ),
    R(
        "voice:contribution-withdraw",
        _one,
        body=lambda w: {},
        sweep_as=(YOUNG,),
        also_refuses=NOT_THE_AUTHOR,
    ),
    # Staff.
    R("voice:contribution-list", _org_with_contribution),
    R("voice:contribution-moderation", _org_with_contribution),
    R(
        "voice:contribution-record",
        _with_initiative,
        body=lambda w: {
            "initiative": str(initiative(w).public_id),
            "channel": Contribution.Channel.PAPER,
            "kind": Contribution.Kind.VIEW,
            "text": "The group wants the club open on Sundays",
            "anonymity": Contribution.Anonymity.NOBODY,
            "idempotency_key": str(uuid.uuid4()),
        },
    ),
    R("voice:contribution-detail", _one),
    R("voice:contribution-photo", _one, page=False),
    R("voice:contribution-publish", _one, body=lambda w: {}),
    R("voice:contribution-hide", _one, body=lambda w: {"reason": "It names another young person"}),
]


# Themes and answers ------------------------------------------------------------------------
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

# The world has no initiative of its own: only the rows above make one.
PAGE_STATES = [PageState("voice-give-nothing-open", "voice:contribution-give", org, YOUNG)]
