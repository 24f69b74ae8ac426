"""Rewards, partners and a young person with credits to spend."""

from __future__ import annotations

import uuid

from alongside.accounts.models import Organisation, Person
from alongside.credits.models import Partner, Reward
from alongside.credits.services.books import credits_post, issued_account, person_account
from alongside.credits.services.totals import count_issued


def give_credits(person: Person, organisation: Organisation, minutes: int) -> None:
    posted, _ = credits_post(
        organisation_id=organisation.pk,
        kind="adjust",
        lines=[
            (issued_account(organisation_id=organisation.pk), -minutes),
            (person_account(organisation_id=organisation.pk, person_id=person.pk), minutes),
        ],
        idempotency_key=uuid.uuid4(),
        reason="test",
    )
    count_issued(
        organisation_id=organisation.pk, posted=posted, person_id=person.pk, minutes=minutes
    )


def partner_with_member(
    organisation: Organisation, member: Person, name: str = "Cinema"
) -> Partner:
    partner = Partner.objects.create(organisation=organisation, name=name)
    partner.members.add(member)
    return partner


def reward(organisation: Organisation, **kwargs: object) -> Reward:
    if "name" not in kwargs:
        taken = Reward.objects.filter(organisation=organisation, name__startswith="Cinema ticket")
        kwargs["name"] = f"Cinema ticket {taken.count() + 1}" if taken.exists() else "Cinema ticket"
    kwargs.setdefault("cost_minutes", 120)
    return Reward.objects.create(organisation=organisation, **kwargs)
