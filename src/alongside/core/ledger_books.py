"""Storing the ledger: the one place a transaction is posted (``ledger_post``), and its check.

The engine (core/ledger.py) decides; this module locks the accounts a transaction touches, in id
order so that two posts never wait on each other in a circle, reads their balances under the
lock, and writes the lines, each account's new balance and the transaction's seal in one
database transaction. Two redemptions from one account at once are therefore taken one after
the other, and the second sees what the first left: never check-then-act. The check constraint
``core_ledgeraccount_not_overdrawn`` refuses an overdraft even if this module were bypassed.

Callers are domain services (time credits, later budgets), which write their own audit event
in the same transaction: they know what the transaction means.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.core import ledger
from alongside.core.errors import Conflict
from alongside.core.idempotency import KEY_REUSED, create_once
from alongside.core.models import LedgerAccount, LedgerLine, LedgerTransaction


def _key() -> bytes:
    return ("ledger:" + str(settings.AUDIT_KEY)).encode()


def ledger_account(
    *,
    organisation_id: int,
    owner_kind: str,
    owner_id: int = 0,
    purpose: str,
    unit: str,
    may_go_negative: bool = False,
) -> LedgerAccount:
    """The account, opened the first time it is asked for (two first asks make one account)."""
    lookup = {
        "organisation_id": organisation_id,
        "owner_kind": owner_kind,
        "owner_id": owner_id,
        "purpose": purpose,
        "unit": unit,
    }
    account = LedgerAccount.objects.filter(**lookup).first()
    if account is not None:
        return account
    try:
        with transaction.atomic():
            return LedgerAccount.objects.create(**lookup, may_go_negative=may_go_negative)
    except IntegrityError:
        return LedgerAccount.objects.get(**lookup)


def _engine_account(account: LedgerAccount) -> ledger.Account:
    return ledger.Account(account.pk, account.unit, account.may_go_negative)


@transaction.atomic
def ledger_post(
    *,
    organisation_id: int,
    kind: str,
    lines: Sequence[tuple[LedgerAccount, int]],
    idempotency_key: uuid.UUID,
    reason: str = "",
    actor_id: int | None = None,
    occurred_at: datetime | None = None,
    reverses: LedgerTransaction | None = None,
) -> tuple[LedgerTransaction, bool]:
    """Post a transaction once: ``(transaction, True)`` now, ``(transaction, False)`` if this key
    posted it before. ``ledger.Refused`` (nothing written) if the lines do not balance or would
    overdraw an account. A key used before for other lines is ``Conflict``."""
    wanted = sorted((account.pk, amount) for account, amount in lines)

    def create() -> LedgerTransaction:
        locked = {
            account.pk: account
            for account in LedgerAccount.objects.select_for_update()
            .filter(pk__in=[account_id for account_id, _ in wanted])
            .order_by("pk")
        }
        if any(account.organisation_id != organisation_id for account in locked.values()):
            raise ValueError("A transaction stays inside one organisation's books.")
        # A send of this key that held these locks first has committed by now: its repeat is
        # that transaction, not a fresh balance check ("not enough" for what was already done).
        meanwhile = LedgerTransaction.objects.filter(idempotency_key=idempotency_key).first()
        if meanwhile is not None:
            raise _PostedMeanwhile(meanwhile)
        engine_lines = [ledger.Line(account_id, amount) for account_id, amount in wanted]
        after = ledger.post(
            {pk: account.balance for pk, account in locked.items()},
            engine_lines,
            {pk: _engine_account(account) for pk, account in locked.items()},
        )
        posted = LedgerTransaction(
            organisation_id=organisation_id,
            kind=kind,
            reason=reason,
            actor_id=actor_id,
            occurred_at=occurred_at or timezone.now(),
            reverses=reverses,
            idempotency_key=idempotency_key,
        )
        posted.seal = ledger.seal(_key(), posted.seal_fields(), engine_lines)
        posted.save()
        LedgerLine.objects.bulk_create(
            LedgerLine(
                transaction=posted,
                account_id=account_id,
                amount=amount,
                balance_after=after[account_id],
            )
            for account_id, amount in wanted
        )
        for account_id, balance in after.items():
            LedgerAccount.objects.filter(pk=account_id).update(balance=balance)
        return posted

    def same(earlier: LedgerTransaction) -> bool:
        return (
            earlier.organisation_id == organisation_id
            and earlier.kind == kind
            and sorted(earlier.lines.values_list("account_id", "amount")) == wanted
        )

    try:
        return create_once(
            LedgerTransaction, idempotency_key=idempotency_key, create=create, same=same
        )
    except _PostedMeanwhile as posted:
        if not same(posted.earlier):
            raise Conflict(KEY_REUSED) from None
        return posted.earlier, False


class _PostedMeanwhile(Exception):
    def __init__(self, earlier: LedgerTransaction) -> None:
        super().__init__(earlier.pk)
        self.earlier = earlier


class AlreadyReversed(Exception):
    """A transaction is undone once; a reversal itself is not reversed (post a new one)."""


@transaction.atomic
def ledger_reverse(
    *,
    original: LedgerTransaction,
    reason: str,
    idempotency_key: uuid.UUID,
    actor_id: int | None = None,
) -> tuple[LedgerTransaction, bool]:
    """Undo a transaction with one that negates each of its lines, giving the reason.

    Refused as ``ledger.Refused`` if undoing it would overdraw an account (credits already
    spent), and ``AlreadyReversed`` if it was reversed before by another key."""
    original = LedgerTransaction.objects.select_for_update().get(pk=original.pk)
    earlier = LedgerTransaction.objects.filter(reverses=original).first()
    if earlier is not None and earlier.idempotency_key == idempotency_key:
        return earlier, False
    if earlier is not None or original.reverses_id is not None:
        raise AlreadyReversed()
    lines = [(line.account, -line.amount) for line in original.lines.select_related("account")]
    return ledger_post(
        organisation_id=original.organisation_id,
        kind="reverse",
        lines=lines,
        idempotency_key=idempotency_key,
        reason=reason,
        actor_id=actor_id,
        reverses=original,
    )


def _stored(batch: Sequence[LedgerTransaction]) -> Iterator[ledger.StoredTransaction]:
    lines: dict[int, list[ledger.StoredLine]] = {}
    for tx_id, account_id, amount, after in (
        LedgerLine.objects.filter(transaction__in=batch)
        .order_by("id")
        .values_list("transaction_id", "account_id", "amount", "balance_after")
    ):
        lines.setdefault(tx_id, []).append(ledger.StoredLine(account_id, amount, after))
    for posted in batch:
        yield ledger.StoredTransaction(
            id=posted.pk,
            fields=posted.seal_fields(),
            lines=lines.get(posted.pk, []),
            seal=posted.seal,
            reverses=posted.reverses_id,
        )


def _all_stored(batch_size: int) -> Iterator[ledger.StoredTransaction]:
    # Transactions in the order they were written, a batch at a time: constant memory.
    last = 0
    while True:
        batch = list(LedgerTransaction.objects.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            return
        yield from _stored(batch)
        last = batch[-1].pk


def ledger_verify(*, batch_size: int = 2000) -> ledger.Report:
    """Every invariant of the whole ledger (``ledger.verify``). Read-only, and safe beside the
    site: on PostgreSQL, run on its own, it reads one snapshot, so posts made meanwhile are not
    half seen."""
    connection = transaction.get_connection()
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        accounts = {
            pk: ledger.Account(pk, unit, may_go_negative)
            for pk, unit, may_go_negative in LedgerAccount.objects.values_list(
                "pk", "unit", "may_go_negative"
            )
        }
        cached = dict(LedgerAccount.objects.values_list("pk", "balance"))
        return ledger.verify(_key(), accounts, _all_stored(batch_size), cached)
