"""Gifting's rows of the permission matrix: your gift code, giving credits (participants), and
the pots page (organisation admins)."""

from __future__ import annotations

import uuid
from typing import Any

from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.credits.models import GiftCode, Pot
from alongside.credits.services.books import credits_post, issued_account, person_account
from alongside.credits.services.gifts import gift_code_for
from tests.matrix import PageState, World, org
from tests.matrix import Row as R

GIFT_TO = Role.ORG_ADMIN.value  # anyone with a code; an admin is never a giver here


def _with_credits(w: World) -> dict[str, Any]:
    """Every participant holds two hours, and someone has a gift code, so a gift can be made."""
    if "earn_gifts" in w.objects:
        return org(w)
    for visitor in w.visitors.values():
        if visitor.role in PARTICIPANT_ROLES and visitor.person is not None:
            credits_post(
                organisation_id=w.organisation.pk,
                kind="adjust",
                lines=[
                    (issued_account(organisation_id=w.organisation.pk), -120),
                    (
                        person_account(
                            organisation_id=w.organisation.pk, person_id=visitor.person.pk
                        ),
                        120,
                    ),
                ],
                idempotency_key=uuid.uuid4(),
            )
    receiver = w.person(GIFT_TO)
    w.objects["earn_gifts"] = GiftCode.objects.create(
        organisation=w.organisation,
        person=receiver,
        code=gift_code_for(w.organisation, receiver),
    )
    w.objects["earn_pot"] = Pot.objects.create(organisation=w.organisation, name="Youth council")
    return org(w)


def _gift_body(w: World) -> dict[str, Any]:
    return {
        "idempotency_key": str(uuid.uuid4()),
        "to": "someone",
        "code": w.objects["earn_gifts"].code.lower().replace("-", " "),
        "hours": "0",
        "minutes": "30",
        "confirm": "yes",
    }


def _pot_args(w: World) -> dict[str, Any]:
    _with_credits(w)
    return {**org(w), "pk": w.objects["earn_pot"].pk}


def _pot_body(w: World) -> dict[str, Any]:
    return {"name": "Youth council trip"}


def _check_page(w: World) -> dict[str, Any]:
    return _with_credits(w)


MATRIX_ROWS = [
    R("credits:earn-gift-receive", org),
    R("credits:earn-gift", _with_credits, body=_gift_body),
    R("credits:earn-pots", org, body=_pot_body),
    R("credits:earn-pot-edit", _pot_args, body=_pot_body),
]

PAGE_STATES = [
    # The pots page with a pot in it, and the gift form with a pot to choose.
    PageState("credits-pots-listed", "credits:earn-pots", _check_page, "org_admin"),
    PageState("credits-gift-with-pot", "credits:earn-gift", _check_page, "young_person"),
]

TYPED_TEXT = [(Pot, "name")]
