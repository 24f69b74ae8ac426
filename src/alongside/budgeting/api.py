"""The youth budgets part of the API: an organisation's rounds and their settings, public
fields only. A round still being set up is its staff's business and is not listed.
No ``from __future__ import annotations`` (see accounts/api.py).
"""

import datetime as dt
import uuid
from typing import Literal, Self, cast

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from alongside.accounts import selectors as account_selectors
from alongside.accounts.api_auth import actor_of, policy_extra, require
from alongside.api.errors import Problem
from alongside.api.pagination import PageNumberPagination, PageRows
from alongside.budgeting import selectors
from alongside.budgeting.models import Round
from alongside.budgeting.permissions import ROUND_PUBLIC_VIEW

router = Router(tags=["youth budgets"])

# Spelled out so the schema lists them.
StageName = Literal[
    "rules", "ideas", "feasibility", "proposals", "voting", "counting", "results", "delivery",
    "closed",
]  # fmt: skip
BallotKindName = Literal["choose_up_to", "choose_one", "approval_budget", "points", "rank"]
RuleName = Literal["mes", "greedy"]
CompletionName = Literal["none", "add1", "add1-greedy"]
AreaVotingName = Literal["own", "every"]


class AreaOut(Schema):
    name: str
    budget_pence: int | None = Field(
        description="The area's own part of the budget, in pence; null if the round has one "
        "budget for every area."
    )


class RoundOut(Schema):
    id: uuid.UUID = Field(description="The round's public id (its public page's address).")
    initiative: uuid.UUID = Field(description="The public id of the initiative it is part of.")
    title: str
    summary: str
    budget_pence: int = Field(description="The money it shares out, in pence.")
    stage: StageName
    ballot_kind: BallotKindName
    max_choices: int | None = Field(description="For choose_up_to and rank: how many.")
    points_to_share: int | None = Field(description="For points: how many each voter has.")
    rule: RuleName = Field(description="Equal Shares (mes) or most votes first (greedy).")
    completion: CompletionName
    ballots_can_change: bool = Field(description="Whether a voter may change their vote.")
    min_age: int = Field(description="Youngest age, on the day voting closes, that may vote.")
    max_age: int = Field(description="Oldest age, on the day voting closes, that may vote.")
    members_only: bool
    area_voting: AreaVotingName
    areas: list[AreaOut]
    ideas_from: dt.date | None
    feasibility_from: dt.date | None
    proposals_from: dt.date | None
    voting_opens_at: dt.datetime | None
    voting_closes_at: dt.datetime | None
    results_on: dt.date | None
    delivery_from: dt.date | None

    @classmethod
    def of(cls, round_: Round) -> Self:
        return cls(
            id=round_.public_id,
            initiative=round_.initiative.public_id,
            title=round_.title,
            summary=round_.summary,
            budget_pence=round_.budget_pence,
            stage=cast(StageName, round_.stage),
            ballot_kind=cast(BallotKindName, round_.ballot_kind),
            max_choices=round_.max_choices,
            points_to_share=round_.points_to_share,
            rule=cast(RuleName, round_.rule),
            completion=cast(CompletionName, round_.completion),
            ballots_can_change=round_.ballots_can_change,
            min_age=round_.min_age,
            max_age=round_.max_age,
            members_only=round_.members_only,
            area_voting=cast(AreaVotingName, round_.area_voting),
            areas=[AreaOut(name=a.name, budget_pence=a.budget_pence) for a in round_.areas.all()],
            ideas_from=round_.ideas_from,
            feasibility_from=round_.feasibility_from,
            proposals_from=round_.proposals_from,
            voting_opens_at=round_.voting_opens_at,
            voting_closes_at=round_.voting_closes_at,
            results_on=round_.results_on,
            delivery_from=round_.delivery_from,
        )


@router.get(
    "/organisations/{slug}/rounds",
    auth=None,
    response={200: list[RoundOut], 404: Problem, 422: Problem},
    operation_id="RoundList",
    url_name="round-list",
    summary="List an organisation's youth budget rounds",
    openapi_extra=policy_extra(ROUND_PUBLIC_VIEW),
)
@paginate(PageNumberPagination)
def round_list(request: HttpRequest, slug: str) -> PageRows[Round, RoundOut]:
    """Rounds whose rules are agreed, newest first, with their settings. Open to anyone."""
    require(actor_of(request), ROUND_PUBLIC_VIEW)
    organisation = account_selectors.organisation_get(slug=slug)
    return PageRows(
        selectors.rounds_public(organisation=organisation),
        lambda rounds: [RoundOut.of(r) for r in rounds],
    )
