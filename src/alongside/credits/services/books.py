"""The accounts of time credits in an organisation's books, and the one way credits posts.

Accounts (core ledger, in minutes):
- each person's ``credits``;
- the organisation's ``issued``, the source every credit is issued from (it may go below zero:
  minus everything issued);
- a reward partner's ``redeemed``, where spent credits go (the organisation's own, for rewards
  it gives itself);
- a group pot's ``credits``.

Every service in this domain posts through ``credits_post``, which turns the engine's refusals
into messages a young person can act on; the service writes its own audit event.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.core import ledger
from alongside.core.errors import Conflict, ValidationFailed
from alongside.core.ledger_books import ledger_account, ledger_post
from alongside.core.models import LedgerAccount, LedgerTransaction

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

MINUTES = LedgerAccount.Unit.MINUTES
Owner = LedgerAccount.Owner

# Lazy: put in words in the language of the request that is refused, not of the first import.
NOT_ENOUGH = gettext_lazy("You do not have enough credits for this.")


def person_account(*, organisation_id: int, person_id: int) -> LedgerAccount:
    return ledger_account(
        organisation_id=organisation_id,
        owner_kind=Owner.PERSON,
        owner_id=person_id,
        purpose="credits",
        unit=MINUTES,
    )


def issued_account(*, organisation_id: int) -> LedgerAccount:
    return ledger_account(
        organisation_id=organisation_id,
        owner_kind=Owner.ORGANISATION,
        owner_id=organisation_id,
        purpose="issued",
        unit=MINUTES,
        may_go_negative=True,
    )


def redeemed_account(*, organisation_id: int, partner_id: int | None) -> LedgerAccount:
    """Where a reward's credits go: its partner's, or the organisation's for its own rewards."""
    if partner_id is None:
        return ledger_account(
            organisation_id=organisation_id,
            owner_kind=Owner.ORGANISATION,
            owner_id=organisation_id,
            purpose="redeemed",
            unit=MINUTES,
        )
    return ledger_account(
        organisation_id=organisation_id,
        owner_kind=Owner.PARTNER,
        owner_id=partner_id,
        purpose="redeemed",
        unit=MINUTES,
    )


def pot_account(*, organisation_id: int, pot_id: int) -> LedgerAccount:
    return ledger_account(
        organisation_id=organisation_id,
        owner_kind=Owner.POT,
        owner_id=pot_id,
        purpose="credits",
        unit=MINUTES,
    )


def credits_post(
    *,
    organisation_id: int,
    kind: str,
    lines: Sequence[tuple[LedgerAccount, int]],
    idempotency_key: uuid.UUID,
    reason: str = "",
    actor_id: int | None = None,
    occurred_at: datetime | None = None,
    not_enough: str | _StrPromise = NOT_ENOUGH,
) -> tuple[LedgerTransaction, bool]:
    """``ledger_post``, refusing in words: ``not_enough`` when an account would go below zero."""
    try:
        return ledger_post(
            organisation_id=organisation_id,
            kind=kind,
            lines=lines,
            idempotency_key=idempotency_key,
            reason=reason,
            actor_id=actor_id,
            occurred_at=occurred_at,
        )
    except ledger.Refused as refused:
        if refused.refusal is ledger.Refusal.OVERDRAWN:
            raise Conflict(str(not_enough)) from refused
        raise ValidationFailed(
            _("This cannot be done: the amount must be more than 0.")
        ) from refused
