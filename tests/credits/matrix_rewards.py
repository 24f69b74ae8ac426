"""Credits' rows of the permission matrix and page sweep for rewards: a young person's rewards,
taking one, their vouchers and cancelling one, and the reward partner's voucher check.

A voucher is its young person's alone: the policy lets every participant in, so the rows name
the others the views refuse (``also_refuses``)."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from alongside.accounts.actor import actor_for_person
from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.credits.models import Partner, Redemption, Reward
from alongside.credits.services.redeem import reward_redeem
from tests.credits.factories_rewards import give_credits
from tests.matrix import WITHDRAWN, PageState, World, long_name
from tests.matrix import Row as R

YOUNG = Role.YOUNG_PERSON.value
PARTNER = Role.REWARD_PARTNER.value
OTHER_PARTICIPANTS = tuple(
    label
    for role in sorted(PARTICIPANT_ROLES)
    for label in (role, role + WITHDRAWN)
    if label != YOUNG
)


def _catalogue(w: World) -> Reward:
    """A partner (the partner visitor works there) with a reward; the young person holds
    enough credits for it twice."""
    if "reward" not in w.objects:
        partner = Partner.objects.create(organisation=w.organisation, name=long_name("cinema"))
        partner.members.add(w.person(PARTNER))
        w.objects["reward"] = Reward.objects.create(
            organisation=w.organisation,
            partner=partner,
            name=long_name("cinema_ticket"),
            description=long_name("description"),
            cost_minutes=120,
            stock=10,
        )
        for person in (w.person(YOUNG),):
            give_credits(person, w.organisation, 240)
    return w.objects["reward"]


def _voucher(w: World) -> Redemption:
    if "voucher" not in w.objects:
        reward = _catalogue(w)
        w.objects["voucher"] = reward_redeem(
            actor=actor_for_person(w.person(YOUNG)),
            organisation=w.organisation,
            reward_id=reward.pk,
            idempotency_key=uuid.uuid4(),
        )
    return w.objects["voucher"]


def _list(w: World) -> dict[str, Any]:
    _catalogue(w)
    return {"org": w.organisation.slug}


def _reward(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "pk": _catalogue(w).pk}


def _voucher_args(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "pk": _voucher(w).pk}


def _vouchers(w: World) -> dict[str, Any]:
    _voucher(w)
    return {"org": w.organisation.slug}


def _code(w: World) -> dict[str, Any]:
    return {"code": _voucher(w).voucher_code, "use": "yes"}


MATRIX_ROWS = [
    R("credits:rewards", _list, sweep_as=(YOUNG,)),
    R(
        "credits:reward-take",
        _reward,
        body=lambda w: {"idempotency_key": str(uuid.uuid4())},
        sweep_as=(YOUNG,),
    ),
    R("credits:vouchers", _vouchers, sweep_as=(YOUNG,)),
    R("credits:voucher", _voucher_args, sweep_as=(YOUNG,), also_refuses=OTHER_PARTICIPANTS),
    R(
        "credits:voucher-cancel",
        _voucher_args,
        body=lambda w: {"idempotency_key": str(uuid.uuid4())},
        page=False,
        also_refuses=OTHER_PARTICIPANTS,
    ),
    R("credits:voucher-check", _list, body=_code, sweep_as=(PARTNER,)),
]


def _used(w: World) -> dict[str, Any]:
    voucher = _voucher(w)
    Redemption.objects.filter(pk=voucher.pk).update(
        status=Redemption.Status.USED, used_at=timezone.now()
    )
    return {"org": w.organisation.slug, "pk": voucher.pk}


PAGE_STATES = [
    PageState(
        "credits-rewards-none", "credits:rewards", lambda w: {"org": w.organisation.slug}, YOUNG
    ),
    PageState(
        "credits-vouchers-none", "credits:vouchers", lambda w: {"org": w.organisation.slug}, YOUNG
    ),
    PageState("credits-voucher-used", "credits:voucher", _used, YOUNG),
]

TYPED_TEXT = [
    (Partner, "name"),
    (Reward, "name"),
    (Reward, "description"),
    (Redemption, "voucher_code"),
]
