"""The time-credits part of the API: a person's own credits and where they came from, the
rewards they may take, taking one and their vouchers, from their own device (their signed-in
session, ADR 0021, or a token acting as them); and the balances of an organisation's people
for staff who approve credits (a token).

Amounts are whole minutes of credit (60 is one credit, one hour given); credits have no cash
value. No ``from __future__ import annotations`` here: ninja reads the annotations at import
time.
"""

import datetime as dt
import uuid
from typing import Literal, cast

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, HeaderEx, P, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from alongside.accounts.api_auth import (
    ApiTokenAuth,
    OwnSession,
    caller_of,
    organisation_for,
    policy_extra,
    require,
)
from alongside.accounts.models import Organisation, Person
from alongside.accounts.selectors import organisation_get
from alongside.api.errors import Problem
from alongside.api.keys import idempotency_key as idempotency_key_from
from alongside.api.pagination import PageNumberPagination, PageRows
from alongside.api.schemas import Input
from alongside.core.models import LedgerAccount, LedgerLine
from alongside.credits import rules
from alongside.credits.models import Redemption, Reward
from alongside.credits.selectors.balances import (
    accounts_with_credits,
    balance_of_person,
    display_names,
    lines_of_person,
)
from alongside.credits.selectors.goals import goals_for
from alongside.credits.selectors.history import history_rows
from alongside.credits.selectors.rewards import rewards_for, vouchers_of
from alongside.credits.services.redeem import reward_redeem_once

router = Router(tags=["time credits"])

GoalKind = Literal["reward", "milestone"]


class GoalOut(Schema):
    name: str
    kind: GoalKind = Field(
        description="reward: credits held against its cost; milestone: time given in all."
    )
    target_minutes: int
    reached_minutes: int


class MyCreditsOut(Schema):
    balance_minutes: int = Field(description="Minutes of credit held (60 is one credit).")
    goals: list[GoalOut]


class HistoryOut(Schema):
    at: dt.datetime
    minutes: int = Field(description="Credits in (positive) or out (negative), in minutes.")
    balance_after_minutes: int
    what: str = Field(description="Where it came from or went, as the history page says it.")
    detail: str


class BalanceOut(Schema):
    display_name: str
    balance_minutes: int


def _caller_in(request: HttpRequest, slug: str) -> tuple[Organisation, Person]:
    organisation = organisation_get(slug=slug)
    actor = caller_of(request)
    require(actor, rules.OWN_CREDITS, organisation)
    assert actor.person is not None  # OWN_CREDITS is for participants, who are people
    return organisation, actor.person


@router.get(
    "/organisations/{slug}/credits/mine",
    auth=[ApiTokenAuth(), OwnSession()],
    response={200: MyCreditsOut, 401: Problem, 403: Problem, 404: Problem},
    operation_id="CreditsMine",
    url_name="credits-mine",
    summary="Your own time credits and goals",
    openapi_extra=policy_extra(rules.OWN_CREDITS),
)
def credits_mine(request: HttpRequest, slug: str) -> MyCreditsOut:
    """What you hold, from the cached balance, and your goals with how close you are."""
    organisation, person = _caller_in(request, slug)
    balance = balance_of_person(organisation_id=organisation.pk, person_id=person.pk)
    goals = goals_for(organisation_id=organisation.pk, person_id=person.pk, balance=balance)
    return MyCreditsOut(
        balance_minutes=balance,
        goals=[
            GoalOut(
                name=g.name,
                kind=cast(GoalKind, g.kind),
                target_minutes=g.target,
                reached_minutes=g.reached,
            )
            for g in goals
        ],
    )


@router.get(
    "/organisations/{slug}/credits/mine/history",
    auth=[ApiTokenAuth(), OwnSession()],
    response={200: list[HistoryOut], 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    operation_id="CreditHistory",
    url_name="credits-history",
    summary="Where your own credits came from and went, newest first",
    openapi_extra=policy_extra(rules.OWN_CREDITS),
)
@paginate(PageNumberPagination)
def credit_history(request: HttpRequest, slug: str) -> PageRows[LedgerLine, HistoryOut]:
    organisation, person = _caller_in(request, slug)
    lines: QuerySet[LedgerLine] = lines_of_person(
        organisation_id=organisation.pk, person_id=person.pk
    )
    return PageRows(
        lines,
        lambda page: [
            HistoryOut(
                at=row.when,
                minutes=row.amount,
                balance_after_minutes=row.balance_after,
                what=row.what,
                detail=row.detail,
            )
            for row in history_rows(page)
        ],
    )


@router.get(
    "/organisations/{slug}/credits/balances",
    response={200: list[BalanceOut], 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    operation_id="BalanceList",
    url_name="credits-balance-list",
    summary="The time credits each young person holds, by display name",
    openapi_extra=policy_extra(rules.CREDITS_APPROVE),
)
@paginate(PageNumberPagination)
def credit_balance_list(request: HttpRequest, slug: str) -> PageRows[LedgerAccount, BalanceOut]:
    """Everyone who holds credits, most first: display names only, for staff who approve."""
    organisation = organisation_for(request, slug, rules.CREDITS_APPROVE)

    def build(accounts: list[LedgerAccount]) -> list[BalanceOut]:
        names = display_names(accounts)
        return [
            BalanceOut(display_name=names.get(a.owner_id, ""), balance_minutes=a.balance)
            for a in accounts
        ]

    return PageRows(accounts_with_credits(organisation_id=organisation.pk), build)


class RewardOut(Schema):
    id: int
    name: str
    description: str
    cost_minutes: int
    partner: str | None = Field(description="Who gives it; null for the organisation itself.")
    left: int | None = Field(description="How many are left; null for no limit.")
    more_needed_minutes: int = Field(
        description="Credits still needed to take it (0: the caller holds enough)."
    )


class VoucherOut(Schema):
    id: int
    reward: str
    voucher_code: str = Field(description="What the partner types to mark it used.")
    cost_minutes: int
    status: Literal["issued", "used", "cancelled"]
    taken_at: dt.datetime
    used_at: dt.datetime | None


class TakeIn(Input):
    idempotency_key: uuid.UUID | None = Field(
        None,
        description="A UUID made once for this reward taken, sent again with every retry (or "
        "in the Idempotency-Key header).",
    )


def _voucher_out(redemption: Redemption) -> VoucherOut:
    return VoucherOut(
        id=redemption.pk,
        reward=redemption.reward.name,
        voucher_code=redemption.voucher_code,
        cost_minutes=redemption.cost_minutes,
        status=cast(Literal["issued", "used", "cancelled"], redemption.status),
        taken_at=redemption.created_at,
        used_at=redemption.used_at,
    )


@router.get(
    "/organisations/{slug}/credits/rewards",
    auth=[ApiTokenAuth(), OwnSession()],
    response={200: list[RewardOut], 401: Problem, 403: Problem, 404: Problem},
    operation_id="RewardList",
    url_name="credits-reward-list",
    summary="The rewards your age allows, cheapest first, with what more you need for each",
    openapi_extra=policy_extra(rules.OWN_CREDITS),
)
def reward_list(request: HttpRequest, slug: str) -> list[RewardOut]:
    organisation, person = _caller_in(request, slug)
    balance = balance_of_person(organisation_id=organisation.pk, person_id=person.pk)
    rewards: list[Reward] = rewards_for(organisation=organisation, person=person)
    return [
        RewardOut(
            id=r.pk,
            name=r.name,
            description=r.description,
            cost_minutes=r.cost_minutes,
            partner=r.partner.name if r.partner else None,
            left=r.stock,
            more_needed_minutes=max(0, r.cost_minutes - balance),
        )
        for r in rewards
    ]


@router.post(
    "/organisations/{slug}/credits/rewards/{reward_id}/take",
    auth=[ApiTokenAuth(), OwnSession()],
    response={
        200: VoucherOut,
        201: VoucherOut,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
        422: Problem,
    },
    operation_id="RewardTake",
    url_name="credits-reward-take",
    summary="Take a reward with your own credits: its voucher, once however often it is sent",
    openapi_extra=policy_extra(rules.OWN_CREDITS),
)
def reward_take(
    request: HttpRequest,
    slug: str,
    reward_id: int,
    payload: TakeIn,
    idempotency_key: HeaderEx[str | None, P(alias="Idempotency-Key")] = None,
) -> Status[VoucherOut]:
    """201 with the voucher the first time; 200 with the same voucher for every repeat of the
    key. 409 when the caller does not hold enough credits or none are left (nothing changes);
    404 for a reward that is withdrawn, another organisation's, or not for the caller's age."""
    organisation, _person = _caller_in(request, slug)
    key = idempotency_key_from(idempotency_key, payload.idempotency_key, what="reward")
    redemption, taken = reward_redeem_once(
        actor=caller_of(request),
        organisation=organisation,
        reward_id=reward_id,
        idempotency_key=key,
    )
    return Status(201 if taken else 200, _voucher_out(redemption))


@router.get(
    "/organisations/{slug}/credits/mine/vouchers",
    auth=[ApiTokenAuth(), OwnSession()],
    response={200: list[VoucherOut], 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    operation_id="VoucherList",
    url_name="credits-voucher-list",
    summary="Your own vouchers, newest first",
    openapi_extra=policy_extra(rules.OWN_CREDITS),
)
@paginate(PageNumberPagination)
def voucher_list(request: HttpRequest, slug: str) -> PageRows[Redemption, VoucherOut]:
    organisation, person = _caller_in(request, slug)
    return PageRows(
        vouchers_of(organisation=organisation, person=person),
        lambda page: [_voucher_out(r) for r in page],
    )
