"""Reads for the load and spread signals and the kind note: a few pre-summed rows (WeeklyHours
for the last weeks through its (organisation, week_start, minutes_given) index, GroupHours per
group), never every earning, so the number of queries does not grow with the data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation, Person
from alongside.credits import signals
from alongside.credits.models import (
    WHOLE_ORGANISATION,
    CreditSettings,
    Earning,
    GroupHours,
    WeeklyHours,
)

WINDOW_WEEKS = 8  # the weeks shown beside each person on the staff page
SMALLEST_GROUP = 10  # fewer contributors than this and a group's spread is not shown


def week_start_of(day: dt.date) -> dt.date:
    """Weeks start on Monday, as WeeklyHours keeps them."""
    return day - dt.timedelta(days=day.weekday())


def settings_for(organisation: Organisation) -> CreditSettings:
    """The organisation's limits; the defaults, unsaved, until someone sets them (a read never
    writes)."""
    found = CreditSettings.objects.filter(organisation=organisation).first()
    return found or CreditSettings(organisation=organisation)


def _weeks(today: dt.date, count: int) -> list[dt.date]:
    this_week = week_start_of(today)
    return [this_week - dt.timedelta(weeks=back) for back in range(count - 1, -1, -1)]


@dataclass(frozen=True)
class Heavy:
    person: Person
    weeks: list[tuple[dt.date, int]]  # the last WINDOW_WEEKS, oldest first
    flags: signals.Flags


def heavy_givers(*, organisation: Organisation, today: dt.date | None = None) -> list[Heavy]:
    """People over the week limit this week or in too long a run of heavy weeks: named, because
    a worker must look after them. Three queries whatever the data."""
    today = today or timezone.localdate()
    limits = settings_for(organisation)
    span = max(WINDOW_WEEKS, limits.steady_weeks + 2)
    weeks = _weeks(today, span)
    lowest = min(limits.week_limit_minutes, limits.steady_limit_minutes)
    candidates = set(
        WeeklyHours.objects.for_organisation(organisation)
        .filter(week_start__gte=weeks[0], minutes_given__gt=lowest)
        .values_list("person_id", flat=True)
    )
    rows: dict[int, dict[dt.date, int]] = defaultdict(dict)
    people: dict[int, Person] = {}
    for row in (
        WeeklyHours.objects.for_organisation(organisation)
        .filter(person_id__in=candidates, week_start__gte=weeks[0])
        .select_related("person")
    ):
        rows[row.person_id][row.week_start] = row.minutes_given
        people[row.person_id] = row.person
    found = []
    for person_id, by_week in rows.items():
        series = [by_week.get(week, 0) for week in weeks]
        flagged = signals.flags(series, limits)
        if flagged.any:
            shown = list(zip(weeks, series, strict=True))[-WINDOW_WEEKS:]
            found.append(Heavy(person=people[person_id], weeks=shown, flags=flagged))
    return sorted(found, key=lambda heavy: (heavy.person.display_name, heavy.person.pk))


@dataclass(frozen=True)
class Spread:
    key: str
    label: str
    contributors: int
    shown: bool  # False when fewer than SMALLEST_GROUP people: only "fewer than 10" is said
    top_share: Fraction | None
    gini: Fraction | None


def spread_of_contribution(*, organisation: Organisation) -> list[Spread]:
    """How evenly each initiative or board's hours, and the organisation's ("all"), are spread.
    Aggregates only: no one is named. One grouped query: how many people gave each amount in
    each group (a few rows a group, however many people), which is all Gini needs."""
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    labels: dict[str, str] = {}
    for row in (
        GroupHours.objects.for_organisation(organisation)
        .filter(minutes_given__gt=0)
        .values("group_key", "minutes_given")
        .annotate(people=Count("id"), label=Max("group_label"))
        .order_by()
    ):
        counts[row["group_key"]][row["minutes_given"]] = row["people"]
        labels[row["group_key"]] = max(labels.get(row["group_key"], ""), row["label"])
    found = []
    for key, given in counts.items():
        contributors = sum(given.values())
        shown = contributors >= SMALLEST_GROUP
        found.append(
            Spread(
                key=key,
                label=_("Whole organisation") if key == WHOLE_ORGANISATION else labels[key],
                contributors=contributors,
                shown=shown,
                top_share=signals.top_share_counted(given) if shown else None,
                gini=signals.gini_counted(given) if shown else None,
            )
        )
    # The whole organisation first, then the groups by name.
    return sorted(
        found, key=lambda spread: (spread.key != WHOLE_ORGANISATION, spread.label.lower())
    )


def rest_note_for(*, organisation: Organisation, person: Person) -> str | None:
    """A kind note for the young person when their recent weeks are over the limits, else None.
    Never a streak or a nudge to give more: only permission to rest."""
    limits = settings_for(organisation)
    weeks = _weeks(timezone.localdate(), limits.steady_weeks + 2)
    by_week = dict(
        WeeklyHours.objects.for_organisation(organisation)
        .filter(person=person, week_start__gte=weeks[0])
        .values_list("week_start", "minutes_given")
    )
    if not signals.flags([by_week.get(week, 0) for week in weeks], limits).any:
        return None
    return _("You have given a lot of time this month — it is fine to take a break.")


@dataclass(frozen=True)
class Hours:
    this_week: int
    this_month: int
    all_time: int


def hours_for(*, organisation: Organisation, person: Person) -> Hours:
    """Minutes the person gave this week, this calendar month and ever (time a worker approved,
    whether or not a rule let it earn credit)."""
    today = timezone.localdate()
    this_week = (
        WeeklyHours.objects.for_organisation(organisation)
        .filter(person=person, week_start=week_start_of(today))
        .values_list("minutes_given", flat=True)
        .first()
    )
    this_month = (
        Earning.objects.for_organisation(organisation)
        .filter(
            person=person,
            status=Earning.Status.CREDITED,
            occurred_on__gte=today.replace(day=1),
            occurred_on__lte=today,
        )
        .aggregate(total=Sum("minutes_given"))["total"]
    )
    all_time = (
        GroupHours.objects.for_organisation(organisation)
        .filter(person=person, group_key=WHOLE_ORGANISATION)
        .values_list("minutes_given", flat=True)
        .first()
    )
    return Hours(this_week=this_week or 0, this_month=this_month or 0, all_time=all_time or 0)
