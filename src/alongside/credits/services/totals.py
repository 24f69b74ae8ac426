"""The report's running totals (``MonthlyCredits``), added to by each service in the same
transaction as the ledger posting they count, so the admin's report never sums a year of lines.

A month is the ledger's: the local month of the transaction's ``occurred_at``. Credits taken
back count against the month they were taken back in, as the ledger has them; so do cancelled
vouchers. ``alongside credits verify`` holds these totals to the ledger (``totals_verify``), and
each Earning and voucher to its own transaction (``records_verify``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from alongside.accounts.models import Person
from alongside.core.ledger import Problem
from alongside.core.models import LedgerAccount, LedgerLine, LedgerTransaction
from alongside.credits.models import Earning, MonthlyCredits, Redemption

ISSUED = "issued"
REDEEMED = "redeemed"


def month_of(moment: dt.datetime | dt.date) -> dt.date:
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        return moment.date().replace(day=1)
    return moment.replace(day=1)


def _birth(person_id: int) -> tuple[int, int]:
    found = Person.objects.filter(pk=person_id).values_list("birth_year", "birth_month").first()
    year, month = found or (None, None)
    return year or 0, month or 0


def _add(
    *,
    organisation_id: int,
    posted: LedgerTransaction,
    person_id: int,
    group_key: str,
    group_label: str,
    issued: int = 0,
    redeemed: int = 0,
) -> None:
    birth_year, birth_month = _birth(person_id)
    key = {
        "organisation_id": organisation_id,
        "month": month_of(posted.occurred_at),
        "group_key": group_key,
        "birth_year": birth_year,
        "birth_month": birth_month,
    }
    MonthlyCredits.objects.get_or_create(**key, defaults={"group_label": group_label})
    MonthlyCredits.objects.filter(**key).update(
        issued=F("issued") + issued, redeemed=F("redeemed") + redeemed
    )


def count_issued(
    *,
    organisation_id: int,
    posted: LedgerTransaction,
    person_id: int,
    minutes: int,
    group_key: str = "",
    group_label: str = "",
) -> None:
    """Credits issued to a person (taken back when ``minutes`` < 0), for an initiative or board's
    activity (``group_key``) or for none (an adjustment)."""
    _add(
        organisation_id=organisation_id,
        posted=posted,
        person_id=person_id,
        group_key=group_key,
        group_label=group_label,
        issued=minutes,
    )


def count_redeemed(
    *, organisation_id: int, posted: LedgerTransaction, person_id: int, minutes: int
) -> None:
    """A reward's cost taken from a person (given back when a voucher is cancelled: < 0)."""
    _add(
        organisation_id=organisation_id,
        posted=posted,
        person_id=person_id,
        group_key="",
        group_label="",
        redeemed=minutes,
    )


def _ledger_by_month(purpose: str, sign: int) -> dict[tuple[int, dt.date], int]:
    totals: dict[tuple[int, dt.date], int] = defaultdict(int)
    for row in (
        LedgerLine.objects.filter(
            account__unit=LedgerAccount.Unit.MINUTES,
            account__purpose=purpose,
            account__owner_kind__in=[LedgerAccount.Owner.ORGANISATION, LedgerAccount.Owner.PARTNER],
        )
        .annotate(month=TruncMonth("transaction__occurred_at"))
        .values("account__organisation_id", "month")
        .annotate(total=Sum("amount"))
        .order_by()
    ):
        totals[(row["account__organisation_id"], month_of(row["month"]))] += sign * row["total"]
    return totals


def _kept_by_month(column: str) -> dict[tuple[int, dt.date], int]:
    totals: dict[tuple[int, dt.date], int] = defaultdict(int)
    for row in (
        MonthlyCredits.objects.values("organisation_id", "month")
        .annotate(total=Sum(column))
        .order_by()
    ):
        totals[(row["organisation_id"], row["month"])] += row["total"]
    return totals


def _differences(
    what: str, kept: dict[Any, int], ledger: dict[Any, int], where: Any
) -> Iterable[Problem]:
    for key in sorted(set(kept) | set(ledger), key=str):
        if kept.get(key, 0) != ledger.get(key, 0):
            yield Problem(
                None,
                None,
                f"{where(key)}: the report's totals have {kept.get(key, 0)} minutes {what}, "
                f"the ledger {ledger.get(key, 0)}",
            )


def records_verify() -> list[Problem]:
    """Each Earning and voucher against its ledger transaction: what the person's line moved is
    what the row says, and the transaction is reversed exactly when the row says it was taken
    back or cancelled."""
    person_line = Sum(
        "transaction__lines__amount",
        filter=Q(transaction__lines__account__owner_kind=LedgerAccount.Owner.PERSON),
    )
    problems = []
    for pk, credited, moved, reversed_at, undone in (
        Earning.objects.filter(transaction__isnull=False)
        .annotate(moved=person_line, undone=Count("transaction__reversed_by"))
        .filter(
            ~Q(moved=F("minutes_credited"))
            | Q(reversed_at__isnull=True, undone__gt=0)
            | Q(reversed_at__isnull=False, undone=0)
        )
        .values_list("pk", "minutes_credited", "moved", "reversed_at", "undone")
    ):
        problems.append(
            Problem(
                None,
                None,
                f"earning {pk}: it says {credited} minutes credited"
                f"{', taken back' if reversed_at else ''}; its transaction moved {moved}"
                f"{', and was reversed' if undone else ', and was not reversed'}",
            )
        )
    for pk, cost, moved, status, undone in (
        Redemption.objects.annotate(moved=person_line, undone=Count("transaction__reversed_by"))
        .filter(
            ~Q(moved=-F("cost_minutes"))
            | Q(status=Redemption.Status.CANCELLED, undone=0)
            | (~Q(status=Redemption.Status.CANCELLED) & Q(undone__gt=0))
        )
        .values_list("pk", "cost_minutes", "moved", "status", "undone")
    ):
        problems.append(
            Problem(
                None,
                None,
                f"voucher {pk} ({status}): it cost {cost} minutes; its transaction moved {moved}"
                f"{', and was reversed' if undone else ', and was not reversed'}",
            )
        )
    return problems


def totals_verify() -> list[Problem]:
    """Each organisation's monthly totals against its ledger, and each initiative or board's
    against the credits its activities kept (credited and not taken back)."""

    def in_month(key: tuple[int, dt.date]) -> str:
        return f"organisation {key[0]}, {key[1]:%Y-%m}"

    problems = [
        *_differences(ISSUED, _kept_by_month(ISSUED), _ledger_by_month(ISSUED, -1), in_month),
        *_differences(REDEEMED, _kept_by_month(REDEEMED), _ledger_by_month(REDEEMED, 1), in_month),
    ]
    kept_groups = {
        (row["organisation_id"], row["group_key"]): row["total"]
        for row in MonthlyCredits.objects.exclude(group_key="")
        .values("organisation_id", "group_key")
        .annotate(total=Sum(ISSUED))
        .order_by()
    }
    earned_groups = {
        (row["organisation_id"], row["group_key"]): row["total"]
        for row in Earning.objects.filter(
            status=Earning.Status.CREDITED, reversed_at__isnull=True, minutes_credited__gt=0
        )
        .values("organisation_id", "group_key")
        .annotate(total=Sum("minutes_credited"))
        .order_by()
    }
    problems += _differences(
        f"{ISSUED} for activities",
        kept_groups,
        earned_groups,
        lambda key: f"organisation {key[0]}, {key[1]}",
    )
    return problems
