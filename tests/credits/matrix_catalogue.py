"""Credits' rows of the permission matrix and page sweep for the admin's catalogue: the list,
and adding and changing a reward, a partner and a milestone. Only the organisation admin."""

from __future__ import annotations

import uuid
from typing import Any

from alongside.accounts.roles import Role
from alongside.credits.models import Milestone, Partner, Reward
from tests.matrix import PageState, World, long_name
from tests.matrix import Row as R

ADMIN = Role.ORG_ADMIN.value
PARTNER = Role.REWARD_PARTNER.value


def _partner(w: World) -> Partner:
    if "catalogue_partner" not in w.objects:
        partner = Partner.objects.create(
            organisation=w.organisation,
            name=long_name("partner"),
            description=long_name("partner_words"),
        )
        partner.members.add(w.person(PARTNER))
        w.objects["catalogue_partner"] = partner
    return w.objects["catalogue_partner"]


def _reward(w: World) -> Reward:
    if "catalogue_reward" not in w.objects:
        w.objects["catalogue_reward"] = Reward.objects.create(
            organisation=w.organisation,
            partner=_partner(w),
            name=long_name("reward"),
            description=long_name("reward_words"),
            cost_minutes=90,
            min_age=11,
            max_age=18,
            stock=4,
            is_goal=True,
        )
    return w.objects["catalogue_reward"]


def _milestone(w: World) -> Milestone:
    if "catalogue_milestone" not in w.objects:
        w.objects["catalogue_milestone"] = Milestone.objects.create(
            organisation=w.organisation, name=long_name("milestone"), minutes=600
        )
    return w.objects["catalogue_milestone"]


def _list(w: World) -> dict[str, Any]:
    _reward(w)
    _milestone(w)
    return {"org": w.organisation.slug}


def _org(w: World) -> dict[str, Any]:
    _partner(w)
    return {"org": w.organisation.slug}


def _reward_body(w: World, **more: Any) -> dict[str, Any]:
    return {
        "name": "Swimming",
        "description": "A swim at the leisure centre.",
        "hours": "3",
        "minutes": "",
        "partner": str(_partner(w).pk),
        "min_age": "",
        "max_age": "",
        "stock": "",
        **more,
    }


MATRIX_ROWS = [
    R("credits:catalogue", _list, sweep_as=(ADMIN,)),
    R(
        "credits:catalogue-reward-add",
        _org,
        body=lambda w: _reward_body(w, idempotency_key=str(uuid.uuid4())),
        sweep_as=(ADMIN,),
    ),
    R(
        "credits:catalogue-reward-edit",
        lambda w: {"org": w.organisation.slug, "pk": _reward(w).pk},
        body=lambda w: _reward_body(w, withdrawn="on"),
        sweep_as=(ADMIN,),
    ),
    R(
        "credits:catalogue-partner-add",
        _org,
        body=lambda w: {
            "name": "Riverside Bowl",
            "description": "",
            "members": [str(w.person(PARTNER).pk)],
            "idempotency_key": str(uuid.uuid4()),
        },
        sweep_as=(ADMIN,),
    ),
    R(
        "credits:catalogue-partner-edit",
        lambda w: {"org": w.organisation.slug, "pk": _partner(w).pk},
        body=lambda w: {"name": "Renamed", "description": "", "members": []},
        sweep_as=(ADMIN,),
    ),
    R(
        "credits:catalogue-milestone-add",
        _org,
        body=lambda w: {
            "name": "A badge",
            "hours": "5",
            "minutes": "",
            "idempotency_key": str(uuid.uuid4()),
        },
        sweep_as=(ADMIN,),
    ),
    R(
        "credits:catalogue-milestone-edit",
        lambda w: {"org": w.organisation.slug, "pk": _milestone(w).pk},
        body=lambda w: {"name": "A bigger badge", "hours": "12", "minutes": "30"},
        sweep_as=(ADMIN,),
    ),
]

PAGE_STATES = [
    PageState(
        "credits-catalogue-empty",
        "credits:catalogue",
        lambda w: {"org": w.organisation.slug},
        ADMIN,
    ),
]

TYPED_TEXT = [
    (Partner, "description"),
    (Milestone, "name"),
]
