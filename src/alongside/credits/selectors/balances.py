"""A person's balance and history: the cached balance and each line's balance after it, so a
page reads one row and one page of lines however long the history (core/ledger.py)."""

from __future__ import annotations

from django.db.models import QuerySet

from alongside.core.models import LedgerAccount, LedgerLine

Owner = LedgerAccount.Owner


def balance_of_person(*, organisation_id: int, person_id: int) -> int:
    """Minutes of credit the person holds in this organisation (0 before their first credit)."""
    balance = (
        LedgerAccount.objects.filter(
            organisation_id=organisation_id,
            owner_kind=Owner.PERSON,
            owner_id=person_id,
            purpose="credits",
            unit=LedgerAccount.Unit.MINUTES,
        )
        .values_list("balance", flat=True)
        .first()
    )
    return balance or 0


def lines_of_person(*, organisation_id: int, person_id: int) -> QuerySet[LedgerLine]:
    """The person's lines, newest first, with their transactions: slice it for a page."""
    return (
        LedgerLine.objects.filter(
            account__organisation_id=organisation_id,
            account__owner_kind=Owner.PERSON,
            account__owner_id=person_id,
            account__purpose="credits",
        )
        .select_related("transaction")
        .order_by("-id")
    )
