"""A person's balance and history: the cached balance and each line's balance after it, so a
page reads one row and one page of lines however long the history (core/ledger.py)."""

from __future__ import annotations

from django.db.models import QuerySet

from alongside.accounts.models import Person
from alongside.core.models import LedgerAccount, LedgerLine

Owner = LedgerAccount.Owner


def _person_account(*, organisation_id: int, person_id: int) -> QuerySet[LedgerAccount]:
    return LedgerAccount.objects.filter(
        organisation_id=organisation_id,
        owner_kind=Owner.PERSON,
        owner_id=person_id,
        purpose="credits",
        unit=LedgerAccount.Unit.MINUTES,
    )


def balance_of_person(*, organisation_id: int, person_id: int) -> int:
    """Minutes of credit the person holds in this organisation (0 before their first credit)."""
    account = _person_account(organisation_id=organisation_id, person_id=person_id)
    return account.values_list("balance", flat=True).first() or 0


def lines_of_person(*, organisation_id: int, person_id: int) -> QuerySet[LedgerLine]:
    """The person's lines, newest first, with their transactions: slice or paginate it. Read
    through the account's own index (account, -id), never across everyone's lines."""
    account_id = (
        _person_account(organisation_id=organisation_id, person_id=person_id)
        .values_list("pk", flat=True)
        .first()
    )
    return (
        LedgerLine.objects.filter(account_id=account_id)
        .select_related("transaction")
        .order_by("-id")
        if account_id is not None
        else LedgerLine.objects.none()
    )


def accounts_with_credits(*, organisation_id: int) -> QuerySet[LedgerAccount]:
    """People's credit accounts here that hold credits, most first (read by its own index)."""
    return LedgerAccount.objects.filter(
        organisation_id=organisation_id,
        owner_kind=Owner.PERSON,
        purpose="credits",
        unit=LedgerAccount.Unit.MINUTES,
        balance__gt=0,
    ).order_by("-balance", "pk")


def display_names(accounts: list[LedgerAccount]) -> dict[int, str]:
    """The display name of each account's owner, for one page, in one query."""
    return dict(
        Person.objects.filter(pk__in=[a.owner_id for a in accounts]).values_list(
            "pk", "display_name"
        )
    )
