"""Credits' rows of the permission matrix and page sweep for a young person's own credits:
"Your time credits" and its history. Only participants hold credits; each sees their own."""

from __future__ import annotations

from typing import Any

from alongside.accounts.roles import Role
from alongside.credits.models import Earning, Milestone, Reward
from tests.credits.factories_mine import credit
from tests.matrix import PageState, World, long_name
from tests.matrix import Row as R

YOUNG = Role.YOUNG_PERSON.value


def _with_credits(w: World) -> dict[str, Any]:
    """Credits from a session with long names, a reward and a milestone shown as goals."""
    if "credits" not in w.objects:
        person = w.person(YOUNG)
        for _ in range(3):
            credit(
                person,
                w.organisation,
                95,
                label=long_name("session_label"),
                group_label=long_name("initiative"),
            )
        Reward.objects.create(
            organisation=w.organisation,
            name=long_name("laptop"),
            cost_minutes=50 * 60,
            is_goal=True,
        )
        Milestone.objects.create(
            organisation=w.organisation, name=long_name("certificate"), minutes=10 * 60
        )
        w.objects["credits"] = True
    return {"org": w.organisation.slug}


def _empty(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug}


MATRIX_ROWS = [
    R("credits:mine", _with_credits, sweep_as=(YOUNG,)),
    R("credits:history", _with_credits, sweep_as=(YOUNG,)),
]

PAGE_STATES = [
    PageState("credits-mine-empty", "credits:mine", _empty, Role.PARENT_CARER.value),
    PageState("credits-history-empty", "credits:history", _empty, Role.PARENT_CARER.value),
]

TYPED_TEXT = [
    (Earning, "label"),
    (Earning, "group_label"),
    (Reward, "name"),
    (Milestone, "name"),
]
