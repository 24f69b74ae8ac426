"""20 redemptions at once from one account never overdraw it, stock never goes below 0, and
one redemption sent many times at once gives one voucher to every send."""

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


def _race(org, people, prize, keys=None):
    keys = keys or [uuid.uuid4() for _ in people]
    start = threading.Barrier(len(people))
    outcomes: list[object] = []

    def take(person, key):
        try:
            start.wait()
            outcomes.append(
                reward_redeem(
                    actor=actor(person),
                    organisation=org,
                    reward_id=prize.pk,
                    idempotency_key=key,
                )
            )
        except Conflict as refused:
            outcomes.append(refused)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=pair) for pair in zip(people, keys, strict=True)]
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


def test_one_key_sent_ten_times_at_once_gives_one_voucher_to_every_send() -> None:
    org = OrganisationFactory()
    young = person_with_role(Role.YOUNG_PERSON, org, age=15)
    give_credits(young, org, 150)  # enough for one: a repeat must not read as "not enough"
    prize = reward(org, cost_minutes=120, stock=3)
    key = uuid.uuid4()
    outcomes = _race(org, [young] * 10, prize, keys=[key] * 10)
    assert {o.pk for o in outcomes if isinstance(o, Redemption)} == {Redemption.objects.get().pk}
    assert all(isinstance(o, Redemption) for o in outcomes), outcomes
    assert balance_of_person(organisation_id=org.pk, person_id=young.pk) == 30
    assert Reward.objects.get(pk=prize.pk).stock == 2
