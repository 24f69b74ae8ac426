"""The admin's report on time credits over the last 12 months: issued and redeemed per month,
issued per initiative or board, and issued and redeemed per age band.

What the words mean, once (docs/guides/time-credits.md says it to admins):
- *issued* is what left the organisation's source account, less what was taken back: credits
  from sessions and meetings, approved claims and adjustments, in the month they were posted;
- *redeemed* is the cost of rewards taken, less vouchers cancelled, in the month taken;
- per initiative or board counts credits from attendance only; claims and adjustments are
  one line of their own;
- age bands are by age today (from the month and year of birth).

Each figure is one grouped query, so the page costs the same however many credits there are.
A group or age band of fewer than ``SMALLEST_SHOWN`` people is not shown on its own (its
credits still count in the totals): a few young people's hours should not be readable from it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Count, Max, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from alongside.accounts.ages import age_on
from alongside.accounts.models import Organisation
from alongside.core.models import LedgerAccount, LedgerLine
from alongside.credits.models import Earning, Redemption

SMALLEST_SHOWN = 10
MONTHS = 12


class AgeBand(StrEnum):
    UNDER_13 = "under_13"
    FROM_13_TO_15 = "13_to_15"
    FROM_16_TO_17 = "16_to_17"
    FROM_18_TO_25 = "18_to_25"
    OVER_25 = "over_25"
    NOT_KNOWN = "not_known"


def age_band(age: int | None) -> AgeBand:
    if age is None:
        return AgeBand.NOT_KNOWN
    if age < 13:
        return AgeBand.UNDER_13
    if age < 16:
        return AgeBand.FROM_13_TO_15
    if age < 18:
        return AgeBand.FROM_16_TO_17
    if age <= 25:
        return AgeBand.FROM_18_TO_25
    return AgeBand.OVER_25


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    issued: int
    redeemed: int


@dataclass(frozen=True)
class GroupRow:
    label: str
    people: int | None  # None for the line of claims and adjustments
    issued: int | None  # None when too few people to show


@dataclass(frozen=True)
class BandRow:
    band: AgeBand
    people: int
    issued: int | None
    redeemed: int | None


@dataclass(frozen=True)
class CreditsReport:
    first_month: dt.date
    months: list[MonthRow]
    groups: list[GroupRow]
    bands: list[BandRow]

    @property
    def issued(self) -> int:
        return sum(row.issued for row in self.months)

    @property
    def redeemed(self) -> int:
        return sum(row.redeemed for row in self.months)

    @property
    def busiest_month(self) -> int:
        return max((max(row.issued, row.redeemed) for row in self.months), default=0)


def _months_back(today: dt.date) -> list[dt.date]:
    first = today.replace(day=1)
    months = []
    for _ in range(MONTHS):
        months.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return months[::-1]


def _month_of(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _by_month(rows: Iterable[Any], sign: int) -> dict[dt.date, int]:
    totals: dict[dt.date, int] = defaultdict(int)
    for row in rows:
        totals[_month_of(row["month"])] += sign * (row["total"] or 0)
    return totals


def credits_report(*, organisation: Organisation, today: dt.date | None = None) -> CreditsReport:
    today = today or timezone.localdate()
    months = _months_back(today)
    since = timezone.make_aware(dt.datetime.combine(months[0], dt.time()))
    issued = _by_month(
        LedgerLine.objects.filter(
            account__organisation_id=organisation.pk,
            account__owner_kind=LedgerAccount.Owner.ORGANISATION,
            account__purpose="issued",
            transaction__occurred_at__gte=since,
        )
        .annotate(month=TruncMonth("transaction__occurred_at"))
        .values("month")
        .annotate(total=Sum("amount"))
        .order_by(),
        -1,
    )
    taken = _by_month(
        _kept_redemptions(organisation, since)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(total=Sum("cost_minutes"))
        .order_by(),
        1,
    )
    return CreditsReport(
        first_month=months[0],
        months=[MonthRow(m, issued.get(m, 0), taken.get(m, 0)) for m in months],
        groups=_groups(organisation, months[0], sum(issued.values())),
        bands=_bands(organisation, months[0], since, today),
    )


def _kept_redemptions(organisation: Organisation, since: dt.datetime) -> QuerySet[Redemption]:
    return (
        Redemption.objects.for_organisation(organisation)
        .exclude(status=Redemption.Status.CANCELLED)
        .filter(created_at__gte=since)
    )


def _credited(organisation: Organisation, first_month: dt.date) -> QuerySet[Earning]:
    return Earning.objects.for_organisation(organisation).filter(
        status=Earning.Status.CREDITED,
        reversed_at__isnull=True,
        occurred_on__gte=first_month,
        minutes_credited__gt=0,
    )


def _groups(organisation: Organisation, first_month: dt.date, issued: int) -> list[GroupRow]:
    found = (
        _credited(organisation, first_month)
        .values("group_key")
        .annotate(
            label=Max("group_label"),
            people=Count("person", distinct=True),
            total=Sum("minutes_credited"),
        )
        .order_by("-total", "group_key")
    )
    rows = [
        GroupRow(
            row["label"],
            row["people"],
            row["total"] if row["people"] >= SMALLEST_SHOWN else None,
        )
        for row in found
    ]
    from_attendance = sum(row["total"] for row in found)
    if issued != from_attendance:
        rows.append(GroupRow("", None, issued - from_attendance))
    return rows


def _bands(
    organisation: Organisation, first_month: dt.date, since: dt.datetime, today: dt.date
) -> list[BandRow]:
    people: dict[AgeBand, int] = defaultdict(int)
    issued: dict[AgeBand, int] = defaultdict(int)
    redeemed: dict[AgeBand, int] = defaultdict(int)
    birth = ("person__birth_year", "person__birth_month")
    for row in (
        _credited(organisation, first_month)
        .values(*birth)
        .annotate(people=Count("person", distinct=True), total=Sum("minutes_credited"))
        .order_by()
    ):
        band = age_band(age_on(row["person__birth_month"], row["person__birth_year"], today))
        people[band] += row["people"]
        issued[band] += row["total"]
    for row in (
        _kept_redemptions(organisation, since)
        .values(*birth)
        .annotate(total=Sum("cost_minutes"))
        .order_by()
    ):
        band = age_band(age_on(row["person__birth_month"], row["person__birth_year"], today))
        redeemed[band] += row["total"]
    return [
        BandRow(
            band,
            people[band],
            issued[band] if people[band] >= SMALLEST_SHOWN else None,
            redeemed[band] if people[band] >= SMALLEST_SHOWN else None,
        )
        for band in AgeBand
        if people[band] or redeemed[band]
    ]
