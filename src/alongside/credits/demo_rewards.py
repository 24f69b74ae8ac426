"""Rewards at Riverside Youth Service: three partners and what they give for credits (a cinema
ticket, a leisure pass, a first-aid course, and a recycled laptop at 50 hours, shown as a goal),
milestones at 10, 25 and 50 hours given, and some of the year's rewards taken — Jamie's cinema
voucher ready to use, others used at the partner. Kit Rowe (partner@riverside.example) checks
vouchers for the Odeon and the repair café.

After `credits.demo` (the credits must be earned first). Idempotent: a second run finds the
partners and does nothing. The catalogue's rows are written here directly (the demo is made in
one transaction, with no admin to act as); taking a reward goes through the service, as a
young person's page does.
"""

from __future__ import annotations

import uuid

from django.db import transaction

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Organisation, Person
from alongside.credits.models import Milestone, Partner, Reward
from alongside.credits.rules import OWN_CREDITS
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.services.redeem import reward_redeem, voucher_use

ORGANISATION = "riverside-youth-service"
PARTNER_EMAIL = "partner@riverside.example"
NAMESPACE = uuid.UUID("4a7e2d10-93c1-4b8f-a2d6-1f0e9c8b7a65")
HOUR = 60

PARTNERS = {
    "Riverside Odeon": "The cinema on the high street.",
    "Riverside Leisure Centre": "Swimming, the gym and climbing.",
    "Riverside Repair Café": "Volunteers who mend and pass on old laptops.",
}
# (name, partner, cost in hours, description, age limits, stock, shown as a goal)
REWARDS = [
    ("Cinema ticket", "Riverside Odeon", 2, "One film, any day.", (None, None), None, False),
    (
        "A week's leisure pass",
        "Riverside Leisure Centre",
        4,
        "Swimming and the climbing wall for a week.",
        (11, None),
        None,
        False,
    ),
    ("First aid course", None, 10, "A day's course with a certificate.", (14, None), 12, False),
    (
        "A recycled laptop",
        "Riverside Repair Café",
        50,
        "A mended laptop to keep, set up for school work.",
        (None, None),
        3,
        True,
    ),
]
MILESTONES = [
    ("A certificate of thanks", 10),
    ("A letter from the council's leader", 25),
    ("Your name on the youth centre's wall", 50),
]


@transaction.atomic
def seed() -> int:
    """Set up the rewards and take some; return how many vouchers there are."""
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    if organisation is None or Partner.objects.for_organisation(organisation).exists():
        return 0
    partners = {
        name: Partner.objects.create(organisation=organisation, name=name, description=words)
        for name, words in PARTNERS.items()
    }
    checker = Person.objects.filter(user__email=PARTNER_EMAIL).first()
    if checker is not None:
        for name in ("Riverside Odeon", "Riverside Repair Café"):
            partners[name].members.add(checker)
    rewards = {}
    for name, partner, hours, words, (low, high), stock, goal in REWARDS:
        rewards[name] = Reward.objects.create(
            organisation=organisation,
            partner=partners[partner] if partner else None,
            name=name,
            description=words,
            cost_minutes=hours * HOUR,
            min_age=low,
            max_age=high,
            stock=stock,
            is_goal=goal,
        )
    for name, hours in MILESTONES:
        Milestone.objects.create(organisation=organisation, name=name, minutes=hours * HOUR)
    return _take_some(organisation, rewards, checker)


def _take_some(
    organisation: Organisation, rewards: dict[str, Reward], checker: Person | None
) -> int:
    """The ten who hold most credits take a cinema ticket, most of which were used; Jamie's is
    ready to use. The one who holds most takes the laptop too."""
    taken = 0
    young = Person.objects.for_organisation(organisation).filter(
        kind=Person.Kind.YOUNG_PERSON, user__isnull=False
    )
    people = sorted(
        young,
        key=lambda p: -balance_of_person(organisation_id=organisation.pk, person_id=p.pk),
    )[:10]
    jamie = Person.objects.filter(user__username="jamie").first()
    if jamie is not None and jamie not in people:
        people.append(jamie)
    for number, person in enumerate(people):
        actor = actor_for_person(person)
        held = balance_of_person(organisation_id=organisation.pk, person_id=person.pk)
        if held < 2 * HOUR or not actor.can(OWN_CREDITS, organisation):
            continue
        voucher = reward_redeem(
            actor=actor,
            organisation=organisation,
            reward_id=rewards["Cinema ticket"].pk,
            idempotency_key=uuid.uuid5(NAMESPACE, f"cinema:{person.pk}"),
        )
        taken += 1
        if person != jamie and checker is not None and number % 3 != 2:
            voucher_use(
                actor=actor_for_person(checker),
                organisation=organisation,
                code=voucher.voucher_code,
            )
    top = people[0] if people else None
    if (
        top is not None
        and top != jamie
        and balance_of_person(organisation_id=organisation.pk, person_id=top.pk)
        >= rewards["A recycled laptop"].cost_minutes
    ):
        reward_redeem(
            actor=actor_for_person(top),
            organisation=organisation,
            reward_id=rewards["A recycled laptop"].pk,
            idempotency_key=uuid.uuid5(NAMESPACE, f"laptop:{top.pk}"),
        )
        taken += 1
    return taken
