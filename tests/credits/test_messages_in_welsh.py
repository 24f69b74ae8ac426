"""A service's refusal is in the language of the request that was refused: on a Welsh page a
young person or worker reads why in Welsh, not in English."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, ValidationFailed
from alongside.credits.services.adjust import credits_adjust
from alongside.credits.services.redeem import reward_redeem
from tests.credits.factories_rewards import give_credits, reward
from tests.factories import actor

pytestmark = pytest.mark.django_db


def test_an_empty_reason_is_refused_in_welsh(
    organisation: Organisation, worker: Person, young_person: Person
) -> None:
    with translation.override("cy"), pytest.raises(ValidationFailed) as refused:
        credits_adjust(
            actor=actor(worker),
            organisation=organisation,
            person=young_person,
            minutes=30,
            reason=" ",
            idempotency_key=uuid.uuid4(),
        )
    assert refused.value.message == "Rhowch y rheswm."
    assert refused.value.field == "reason"


def test_too_few_credits_for_a_reward_is_refused_in_welsh_and_in_english_after(
    organisation: Organisation, person_with_role: Callable[..., Person]
) -> None:
    young = person_with_role(Role.YOUNG_PERSON, age=15)
    give_credits(young, organisation, 60)
    prize = reward(organisation, stock=3)

    def redeem() -> None:
        reward_redeem(
            actor=actor(young),
            organisation=organisation,
            reward_id=prize.pk,
            idempotency_key=uuid.uuid4(),
        )

    with translation.override("cy"), pytest.raises(Conflict) as refused:
        redeem()
    assert refused.value.message == ("Does gennych chi ddim digon o gredydau ar gyfer y wobr hon.")
    # The message is put in words when refused, not when the module was first imported.
    with translation.override("en"), pytest.raises(Conflict) as refused:
        redeem()
    assert refused.value.message == "You do not have enough credits for this reward."


def test_the_person_page_refuses_in_welsh(
    organisation: Organisation,
    worker: Person,
    young_person: Person,
    client_for: Callable[..., Client],
) -> None:
    client = client_for(worker)
    url = reverse("credits:earn-person", args=[organisation.slug, young_person.public_id])
    client.get(reverse("home:language", args=["cy"]), {"next": url})
    body = {"direction": "give", "hours": "1", "minutes": "0", "reason": "Diwrnod agored"}
    assert client.post(url, {**body, "idempotency_key": str(uuid.uuid4())}).status_code == 302
    taken = client.post(
        url, {**body, "direction": "take", "hours": "2", "idempotency_key": str(uuid.uuid4())}
    )
    page = taken.content.decode()
    assert '<html lang="cy"' in page
    assert (
        "Does dim modd i chi dynnu mwy o gredydau nag sydd ganddyn nhw. Mae ganddyn nhw: 1 awr."
        in page
    )
    assert "You cannot take away" not in page
