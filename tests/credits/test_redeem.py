import uuid

import pytest

from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotFound
from alongside.core.models import LedgerTransaction
from alongside.credits.models import Redemption, Reward
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.services.redeem import (
    reward_redeem,
    voucher_cancel,
    voucher_find,
    voucher_use,
)
from tests.credits.factories_rewards import give_credits, partner_with_member, reward
from tests.factories import OrganisationFactory, actor, person_with_role

pytestmark = pytest.mark.django_db


def _young(org, minutes=300, **kwargs):
    person = person_with_role(Role.YOUNG_PERSON, org, age=kwargs.pop("age", 15))
    give_credits(person, org, minutes)
    return person


def test_taking_a_reward_spends_its_cost_takes_one_from_stock_and_gives_a_code() -> None:
    org = OrganisationFactory()
    young = _young(org)
    prize = reward(org, stock=3)
    redemption = reward_redeem(
        actor=actor(young), organisation=org, reward_id=prize.pk, idempotency_key=uuid.uuid4()
    )
    assert balance_of_person(organisation_id=org.pk, person_id=young.pk) == 180
    assert Reward.objects.get(pk=prize.pk).stock == 2
    assert redemption.status == Redemption.Status.ISSUED
    assert len(redemption.voucher_code) == 9


def test_the_same_key_twice_takes_the_reward_once() -> None:
    org = OrganisationFactory()
    young = _young(org)
    prize = reward(org, stock=3)
    key = uuid.uuid4()
    first = reward_redeem(
        actor=actor(young), organisation=org, reward_id=prize.pk, idempotency_key=key
    )
    again = reward_redeem(
        actor=actor(young), organisation=org, reward_id=prize.pk, idempotency_key=key
    )
    assert first.pk == again.pk
    assert balance_of_person(organisation_id=org.pk, person_id=young.pk) == 180
    assert Reward.objects.get(pk=prize.pk).stock == 2


def test_not_enough_credits_is_refused_and_nothing_is_written() -> None:
    org = OrganisationFactory()
    young = _young(org, minutes=60)
    prize = reward(org, stock=3)
    before = LedgerTransaction.objects.count()
    with pytest.raises(Conflict, match=r"You do not have enough credits for this reward\."):
        reward_redeem(
            actor=actor(young), organisation=org, reward_id=prize.pk, idempotency_key=uuid.uuid4()
        )
    assert Reward.objects.get(pk=prize.pk).stock == 3
    assert not Redemption.objects.exists()
    assert LedgerTransaction.objects.count() == before


def test_none_left_is_refused_and_nothing_is_spent() -> None:
    org = OrganisationFactory()
    young = _young(org)
    prize = reward(org, stock=0)
    with pytest.raises(Conflict, match="none of this reward left"):
        reward_redeem(
            actor=actor(young), organisation=org, reward_id=prize.pk, idempotency_key=uuid.uuid4()
        )
    assert balance_of_person(organisation_id=org.pk, person_id=young.pk) == 300


def test_an_age_limit_keeps_a_younger_person_out() -> None:
    org = OrganisationFactory()
    young = _young(org, age=12)
    prize = reward(org, min_age=16)
    with pytest.raises(NotFound):
        reward_redeem(
            actor=actor(young), organisation=org, reward_id=prize.pk, idempotency_key=uuid.uuid4()
        )


def test_cancelling_gives_the_credits_and_the_stock_back() -> None:
    org = OrganisationFactory()
    young = _young(org)
    prize = reward(org, stock=1)
    redemption = reward_redeem(
        actor=actor(young), organisation=org, reward_id=prize.pk, idempotency_key=uuid.uuid4()
    )
    voucher_cancel(
        actor=actor(young),
        organisation=org,
        redemption_id=redemption.pk,
        idempotency_key=uuid.uuid4(),
    )
    assert balance_of_person(organisation_id=org.pk, person_id=young.pk) == 300
    assert Reward.objects.get(pk=prize.pk).stock == 1
    with pytest.raises(Conflict):
        voucher_cancel(
            actor=actor(young),
            organisation=org,
            redemption_id=redemption.pk,
            idempotency_key=uuid.uuid4(),
        )


def test_someone_elses_voucher_cannot_be_cancelled() -> None:
    org = OrganisationFactory()
    young, other = _young(org), _young(org)
    redemption = reward_redeem(
        actor=actor(young), organisation=org, reward_id=reward(org).pk, idempotency_key=uuid.uuid4()
    )
    with pytest.raises(NotFound):
        voucher_cancel(
            actor=actor(other),
            organisation=org,
            redemption_id=redemption.pk,
            idempotency_key=uuid.uuid4(),
        )
    assert Redemption.objects.get(pk=redemption.pk).status == Redemption.Status.ISSUED


def test_a_partner_marks_its_own_voucher_used_once() -> None:
    org = OrganisationFactory()
    young = _young(org)
    member = person_with_role(Role.REWARD_PARTNER, org)
    prize = reward(org, partner=partner_with_member(org, member))
    redemption = reward_redeem(
        actor=actor(young), organisation=org, reward_id=prize.pk, idempotency_key=uuid.uuid4()
    )
    typed = redemption.voucher_code.lower().replace("-", " ")
    assert voucher_find(actor=actor(member), organisation=org, code=typed).pk == redemption.pk
    used = voucher_use(actor=actor(member), organisation=org, code=typed)
    assert used.status == Redemption.Status.USED
    with pytest.raises(Conflict, match="already used on"):
        voucher_use(actor=actor(member), organisation=org, code=typed)


def test_another_partners_code_is_not_found_like_an_unknown_one() -> None:
    org = OrganisationFactory()
    young = _young(org)
    member = person_with_role(Role.REWARD_PARTNER, org)
    partner_with_member(org, member, name="Ours")
    stranger = person_with_role(Role.REWARD_PARTNER, org)
    prize = reward(org, partner=partner_with_member(org, stranger, name="Theirs"))
    redemption = reward_redeem(
        actor=actor(young), organisation=org, reward_id=prize.pk, idempotency_key=uuid.uuid4()
    )
    with pytest.raises(NotFound) as theirs:
        voucher_use(actor=actor(member), organisation=org, code=redemption.voucher_code)
    with pytest.raises(NotFound) as unknown:
        voucher_use(actor=actor(member), organisation=org, code="AAAA-BBBB")
    assert theirs.value.message == unknown.value.message
    assert Redemption.objects.get(pk=redemption.pk).status == Redemption.Status.ISSUED
