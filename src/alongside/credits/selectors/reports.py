"""The admin's report on time credits over the last 12 months: issued and redeemed per month,
issued per initiative or board, and issued and redeemed per age band.

What the words mean, once (docs/guides/time-credits.md says it to admins):
- *issued* is what left the organisation's source account, less what was taken back: credits
  from sessions and meetings, approved claims and adjustments, in the month they were posted
  (credits taken back count against the month they were taken back in);
- *redeemed* is the cost of rewards taken, less vouchers cancelled, in the month of each;
- per initiative or board counts credits from activities (claimed time is one of them);
  adjustments by hand are one line of their own;
- people are those credited in the 12 months (even if the credits were taken back later);
- age bands are by age today (from the month and year of birth).

Every figure comes from running totals the services keep as they post (``MonthlyCredits``,
``GroupHours.last_credited_on``; services/totals.py), so the page reads a few hundred rows
however many credits there are. A group or age band of fewer than ``SMALLEST_SHOWN`` people is
not shown on its own (its credits still count in the totals): a few young people's hours
should not be readable from it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone

from alongside.accounts.ages import age_on
from alongside.accounts.models import Organisation
from alongside.credits.models import WHOLE_ORGANISATION, GroupHours, MonthlyCredits

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
    people: int | None  # None for the line of adjustments by hand
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


def credits_report(*, organisation: Organisation, today: dt.date | None = None) -> CreditsReport:
    today = today or timezone.localdate()
    months = _months_back(today)
    kept = MonthlyCredits.objects.for_organisation(organisation).filter(month__gte=months[0])
    by_month = {
        row["month"]: row
        for row in kept.values("month")
        .annotate(issued=Sum("issued"), redeemed=Sum("redeemed"))
        .order_by()
    }
    recent = GroupHours.objects.for_organisation(organisation).filter(
        last_credited_on__gte=months[0]
    )
    return CreditsReport(
        first_month=months[0],
        months=[
            MonthRow(m, by_month[m]["issued"], by_month[m]["redeemed"])
            if m in by_month
            else MonthRow(m, 0, 0)
            for m in months
        ],
        groups=_groups(kept, recent),
        bands=_bands(kept, recent, today),
    )


def _groups(kept: QuerySet[MonthlyCredits], recent: QuerySet[GroupHours]) -> list[GroupRow]:
    people = dict(
        recent.exclude(group_key=WHOLE_ORGANISATION)
        .values("group_key")
        .annotate(people=Count("id"))
        .values_list("group_key", "people")
        .order_by()
    )
    rows = []
    by_hand = 0
    for row in (
        kept.values("group_key")
        .annotate(label=Max("group_label"), total=Sum("issued"))
        .order_by("-total", "group_key")
    ):
        if not row["group_key"]:
            by_hand = row["total"]
            continue
        counted = people.get(row["group_key"], 0)
        rows.append(
            GroupRow(row["label"], counted, row["total"] if counted >= SMALLEST_SHOWN else None)
        )
    if by_hand:
        rows.append(GroupRow("", None, by_hand))
    return rows


def _bands(
    kept: QuerySet[MonthlyCredits], recent: QuerySet[GroupHours], today: dt.date
) -> list[BandRow]:
    people: dict[AgeBand, int] = defaultdict(int)
    issued: dict[AgeBand, int] = defaultdict(int)
    redeemed: dict[AgeBand, int] = defaultdict(int)
    for counted in (
        recent.filter(group_key=WHOLE_ORGANISATION)
        .values("person__birth_year", "person__birth_month")
        .annotate(people=Count("id"))
        .order_by()
    ):
        born = counted["person__birth_month"], counted["person__birth_year"]
        people[age_band(age_on(*born, today))] += counted["people"]
    for row in (
        kept.values("birth_year", "birth_month")
        .annotate(issued=Sum("issued"), redeemed=Sum("redeemed"))
        .order_by()
    ):
        band = age_band(age_on(row["birth_month"] or None, row["birth_year"] or None, today))
        issued[band] += row["issued"]
        redeemed[band] += row["redeemed"]
    return [
        BandRow(
            band,
            people[band],
            issued[band] if people[band] >= SMALLEST_SHOWN else None,
            redeemed[band] if people[band] >= SMALLEST_SHOWN else None,
        )
        for band in AgeBand
        if people[band] or issued[band] or redeemed[band]
    ]
