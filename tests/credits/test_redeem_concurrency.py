"""20 redemptions at once from one account never overdraw it, and stock never goes below 0."""

import threading
import uuid

import pytest
from django.db import connection

from alongside.accounts.roles import Role
from alongside.core.errors import Conflict
from alongside.credits.models import Redemption, Reward
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.services.redeem import reward_redeem
from tests.concurrency import needs_postgres
from tests.credits.factories_rewards import give_credits, reward
from tests.factories import OrganisationFactory, actor, person_with_role

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _race(org, people, prize):
    start = threading.Barrier(len(people))
    outcomes: list[object] = []

    def take(person):
        try:
            start.wait()
            outcomes.append(
                reward_redeem(
                    actor=actor(person),
                    organisation=org,
                    reward_id=prize.pk,
                    idempotency_key=uuid.uuid4(),
                )
            )
        except Conflict as refused:
            outcomes.append(refused)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcomes


def test_twenty_at_once_from_one_account_never_overdraw_it() -> None:
    org = OrganisationFactory()
    young = person_with_role(Role.YOUNG_PERSON, org, age=15)
    give_credits(young, org, 7 * 60)  # enough for 3 of a 2-hour reward
    prize = reward(org, cost_minutes=120)
    outcomes = _race(org, [young] * 20, prize)
    assert len(outcomes) == 20
    assert sum(isinstance(o, Redemption) for o in outcomes) == 3
    assert balance_of_person(organisation_id=org.pk, person_id=young.pk) == 60
    assert Redemption.objects.count() == 3


def test_twenty_at_once_never_take_stock_below_zero() -> None:
    org = OrganisationFactory()
    people = [person_with_role(Role.YOUNG_PERSON, org, age=15) for _ in range(20)]
    for person in people:
        give_credits(person, org, 600)
    prize = reward(org, stock=5)
    outcomes = _race(org, people, prize)
    assert sum(isinstance(o, Redemption) for o in outcomes) == 5
    assert Reward.objects.get(pk=prize.pk).stock == 0
    spent = sum(600 - balance_of_person(organisation_id=org.pk, person_id=p.pk) for p in people)
    assert spent == 5 * 120
