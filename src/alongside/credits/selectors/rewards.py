"""Rewards a young person may take, and their vouchers: only their own, and only rewards open
to their age. A page costs the same few queries however long the catalogue."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from alongside.accounts.ages import age_on
from alongside.accounts.models import Organisation, Person
from alongside.core.errors import NotFound, NotPermitted
from alongside.credits.models import Redemption, Reward


def age_allows(reward: Reward, person: Person) -> bool:
    """Age limits from the month and year of birth; an unknown age passes no limit but none."""
    if reward.min_age is None and reward.max_age is None:
        return True
    age = age_on(person.birth_month, person.birth_year, timezone.localdate())
    if age is None:
        return False
    return (reward.min_age is None or age >= reward.min_age) and (
        reward.max_age is None or age <= reward.max_age
    )


def rewards_open(*, organisation: Organisation) -> QuerySet[Reward]:
    return (
        Reward.objects.for_organisation(organisation)
        .filter(withdrawn_at__isnull=True)
        .select_related("partner")
        .order_by("cost_minutes", "name", "pk")
    )


def rewards_for(*, organisation: Organisation, person: Person) -> list[Reward]:
    """The organisation's rewards the person's age allows, cheapest first."""
    return [r for r in rewards_open(organisation=organisation) if age_allows(r, person)]


def reward_get(*, organisation: Organisation, person: Person, pk: int) -> Reward:
    reward = rewards_open(organisation=organisation).filter(pk=pk).first()
    if reward is None or not age_allows(reward, person):
        raise NotFound("That reward is not available.")
    return reward


def vouchers_of(*, organisation: Organisation, person: Person) -> QuerySet[Redemption]:
    return (
        Redemption.objects.for_organisation(organisation)
        .filter(person=person)
        .select_related("reward", "reward__partner")
        .order_by("-created_at", "-pk")
    )


def voucher_get(*, organisation: Organisation, person: Person, pk: int) -> Redemption:
    """The person's own voucher; someone else's is refused, as a page not for them."""
    found = (
        Redemption.objects.for_organisation(organisation)
        .filter(pk=pk)
        .select_related("reward", "reward__partner")
        .first()
    )
    if found is None:
        raise NotFound("That voucher was not found.")
    if found.person_id != person.pk:
        raise NotPermitted("You can only see your own vouchers.")
    return found
