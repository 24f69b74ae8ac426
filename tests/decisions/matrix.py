"""The decisions domain's rows of the permission matrix and page sweep (see tests/matrix.py):
recording a decision (list, what was decided, what it used, check, recorded), adding to what a
recorded decision used, the public decision page and boards, and a young person's "What
happened to what I said"."""

from __future__ import annotations

import uuid
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.decisions.models import Citation, Decision
from alongside.initiatives.models import Initiative
from alongside.voice.models import Answer, Contribution, Theme
from tests.decisions.factories import (
    AnswerFactory,
    ContributionFactory,
    DecisionFactory,
    InitiativeFactory,
    ThemeFactory,
    in_theme,
)
from tests.matrix import Row as R
from tests.matrix import World, long_name, org

YOUNG = Role.YOUNG_PERSON.value
DRAFT = uuid.UUID("00000000-0000-4000-8000-0000000000d1")
LONG_WORDS = "Supercalifragilisticexpialidociousandthensomemorewordswithoutanyspaces" * 2


def data(w: World) -> dict[str, Any]:
    """An initiative with things said by the world's young person (one published in a theme,
    one waiting, one hidden), an answer to each of the theme and the idea, and a decision citing
    them: enough for every page here to show the whole chain."""
    if "decisions" not in w.objects:
        author = w.person(YOUNG)
        initiative = InitiativeFactory(organisation=w.organisation, title=long_name("initiative"))
        idea = ContributionFactory(
            initiative=initiative,
            author=author,
            text=f"Open the youth club on Saturdays. {LONG_WORDS}",
        )
        ContributionFactory(initiative=initiative, author=author, waiting=True)
        ContributionFactory(initiative=initiative, author=author, hidden=True)
        theme = ThemeFactory(
            organisation=w.organisation, initiative=initiative, name=long_name("theme")
        )
        in_theme(theme, idea)
        AnswerFactory(theme=theme, status=Answer.Status.CHANGED, text="We talked to the board.")
        AnswerFactory(contribution=idea, text=f"Thank you, we are looking at it. {LONG_WORDS}")
        decision = DecisionFactory(
            organisation=w.organisation,
            initiative=initiative,
            title=f"The club opens on Saturdays {LONG_WORDS}",
            decided_by=long_name("decided_by"),
            decided_on=timezone.localdate(),
        )
        Citation.objects.create(decision=decision, contribution=idea)
        Citation.objects.create(decision=decision, theme=theme)
        w.objects["decisions"] = {
            "initiative": initiative,
            "idea": idea,
            "theme": theme,
            "decision": decision,
        }
    result: dict[str, Any] = w.objects["decisions"]
    return result


def _draft(w: World) -> dict[str, Any]:
    data(w)
    return {**org(w), "draft": DRAFT}


def _decision_form(w: World) -> dict[str, Any]:
    """What was decided: the world's decision again, so its words are ones people typed."""
    today = timezone.localdate()
    decision = data(w)["decision"]
    return {
        "title": decision.title,
        "what_changed": decision.what_changed,
        "decided_by": decision.decided_by,
        "forum": decision.forum,
        "decided_day": today.day,
        "decided_month": today.month,
        "decided_year": today.year,
        "initiative": str(data(w)["initiative"].public_id),
        "idempotency_key": str(DRAFT),
    }


def _drafted(w: World, client: Client) -> None:
    client.post(reverse("decisions:decision-create", args=[w.organisation.slug]), _decision_form(w))


def _drafted_and_cited(w: World, client: Client) -> None:
    _drafted(w, client)
    client.post(
        reverse("decisions:decision-cite", args=[w.organisation.slug, DRAFT]),
        {"add": f"c:{data(w)['idea'].public_id}"},
    )


def _more_to_cite(w: World) -> dict[str, Any]:
    """The world's decision, and something said in its initiative that it does not use yet."""
    decisions = data(w)
    if "not_cited" not in w.objects:
        w.objects["not_cited"] = ContributionFactory(
            initiative=decisions["initiative"], text=f"Lights in the park at night. {LONG_WORDS}"
        )
    return {**org(w), "decision_id": decisions["decision"].public_id}


def _cite_more(w: World) -> dict[str, Any]:
    _more_to_cite(w)
    return {"contribution": str(w.objects["not_cited"].public_id)}


def _with_data(w: World) -> dict[str, Any]:
    data(w)
    return org(w)


# What people typed that these pages show (tests/test_languages.py: not ours to translate).
TYPED_TEXT = [
    (Decision, "title"),
    (Decision, "what_changed"),
    (Decision, "decided_by"),
    (Decision, "forum"),
    (Initiative, "title"),
    (Theme, "name"),
    (Contribution, "text"),
    (Contribution, "moderation_reason"),
    (Answer, "text"),
    (Answer, "passed_to"),
]

MATRIX_ROWS = [
    R("decisions:decision-list", _with_data),
    R(
        "decisions:decision-create",
        _with_data,
        body=_decision_form,
        body_changes_rows=False,  # the draft waits in the session until it is checked
    ),
    R(
        "decisions:decision-cite",
        _draft,
        body=lambda w: {"add": f"t:{data(w)['theme'].public_id}"},
        body_changes_rows=False,
        prepare=_drafted_and_cited,
    ),
    R("decisions:decision-check", _draft, body=lambda w: {}, prepare=_drafted_and_cited),
    R(
        "decisions:decision-recorded",
        lambda w: {**org(w), "decision_id": data(w)["decision"].public_id},
    ),
    R("decisions:decision-cite-add", _more_to_cite, body=_cite_more),
    R("decisions:decision-detail", lambda w: {"decision_id": data(w)["decision"].public_id}),
    R("decisions:board", _with_data),
    R(
        "decisions:initiative-board",
        lambda w: {"initiative_id": data(w)["initiative"].public_id},
    ),
    R("decisions:what-happened", lambda w: (data(w), {})[1], sweep_as=(YOUNG,)),
]
