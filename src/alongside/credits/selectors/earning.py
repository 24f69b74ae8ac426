"""What the approve pages read: occasions with time credits have not seen yet, and for one
occasion each person's time, the credit the rules propose and what was decided."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.credits.earning import credit_for
from alongside.credits.models import Earning, WeeklyHours
from alongside.credits.rule_words import rule_words
from alongside.credits.selectors.earning_rules import kind_rules, settings_of
from alongside.credits.sources import Activity, Occasion, earning_sources

# How far back the queue looks, and how many occasions of each source it asks for.
LOOK_BACK_DAYS = 365
MOST_OCCASIONS = 500


@dataclass(frozen=True)
class Waiting:
    occasion: Occasion
    waiting: int


@dataclass(frozen=True)
class PersonTime:
    person: Person
    activity: Activity
    proposed: int
    rule: str
    earning: Earning | None


def occasions_to_approve(*, organisation: Organisation) -> list[Waiting]:
    """Occasions with someone's time not yet approved or declined, newest first."""
    since = timezone.localdate() - dt.timedelta(days=LOOK_BACK_DAYS)
    occasions = [
        occasion
        for source in earning_sources
        for occasion in source.occasions(organisation, since=since, limit=MOST_OCCASIONS)
    ]
    if not occasions:
        return []
    seen: dict[str, int] = defaultdict(
        int,
        Earning.objects.for_organisation(organisation)
        .filter(occasion_key__in=[o.key for o in occasions])
        .values("occasion_key")
        .annotate(decided=Count("id"))
        .values_list("occasion_key", "decided")
        .order_by(),
    )
    waiting = [Waiting(o, o.people - seen[o.key]) for o in occasions if o.people > seen[o.key]]
    return sorted(waiting, key=lambda w: (w.occasion.occurred_on, w.occasion.key), reverse=True)


def occasion_people(
    *, organisation: Organisation, source: str, occasion_key: str
) -> list[PersonTime]:
    """Everyone's time at the occasion, in the source's order, with the credit proposed (read
    without locks: the approval works it out again under them)."""
    found = earning_sources.get(source)
    if found is None:
        return []
    activities = found.activities(organisation, occasion_key)
    if not activities:
        return []
    people = Person.objects.in_bulk([a.person_id for a in activities])
    earnings = {
        e.activity_key: e
        for e in Earning.objects.for_organisation(organisation).filter(
            activity_key__in=[a.key for a in activities]
        )
    }
    weeks = {
        (w.person_id, w.week_start): w.minutes_credited
        for w in WeeklyHours.objects.for_organisation(organisation).filter(
            person_id__in=list(people)
        )
    }
    settings = settings_of(organisation=organisation)
    rules = kind_rules(organisation=organisation)
    rows = []
    for activity in activities:
        rule = rules.get(activity.kind)
        rate = rule.credit_minutes_per_hour if rule else 60
        # Monday of the week, as credits/services/earning.py counts weeks.
        monday = activity.occurred_on - dt.timedelta(days=activity.occurred_on.weekday())
        outcome = credit_for(
            minutes_given=activity.minutes,
            basis=activity.basis,
            earns=rule.earns if rule else True,
            credit_minutes_per_hour=rate,
            rounding=settings.rounding if settings else "exact",
            weekly_cap_minutes=settings.weekly_cap_minutes if settings else None,
            credited_this_week=weeks.get((activity.person_id, monday), 0),
        )
        rows.append(
            PersonTime(
                person=people[activity.person_id],
                activity=activity,
                proposed=outcome.minutes,
                rule=rule_words(outcome.rule.value, credit_minutes_per_hour=rate),
                earning=earnings.get(activity.key),
            )
        )
    return rows


def earnings_to_take_back(*, organisation: Organisation, person_id: int) -> list[Earning]:
    """The person's latest credited earnings a worker could take back (newest first, a page)."""
    return list(
        Earning.objects.for_organisation(organisation)
        .filter(
            person_id=person_id,
            status=Earning.Status.CREDITED,
            minutes_credited__gt=0,
            reversed_at__isnull=True,
        )
        .order_by("-occurred_on", "-pk")[:20]
    )


def earning_to_take_back(*, organisation: Organisation, pk: int) -> Earning | None:
    return (
        Earning.objects.for_organisation(organisation)
        .select_related("person")
        .filter(
            pk=pk, status=Earning.Status.CREDITED, minutes_credited__gt=0, reversed_at__isnull=True
        )
        .first()
    )
