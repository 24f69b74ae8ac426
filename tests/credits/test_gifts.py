"""Gifting by gift code or to a pot: never more than you hold, never to yourself, once per key."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Organisation, Person
from alongside.core.errors import Conflict, NotFound, ValidationFailed
from alongside.core.ledger_books import ledger_verify
from alongside.core.models import LedgerTransaction
from alongside.credits.models import GiftCode
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.services.adjust import credits_adjust
from alongside.credits.services.gifts import (
    credits_gift,
    gift_code_for,
    gift_code_get,
    normal_code,
    pot_add,
    pot_change,
)
from tests import factories
from tests.credits.factories_earn import members

pytestmark = pytest.mark.django_db


def _funded(
    organisation: Organisation, worker: Person, minutes: int = 120
) -> tuple[Person, Person]:
    giver, receiver = members(organisation, 2)
    credits_adjust(
        actor=factories.actor(worker),
        organisation=organisation,
        person=giver,
        minutes=minutes,
        reason="Open day",
        idempotency_key=uuid.uuid4(),
    )
    return giver, receiver


def _balance(organisation: Organisation, person: Person) -> int:
    return balance_of_person(organisation_id=organisation.pk, person_id=person.pk)


def test_a_gift_code_is_stable_and_forgiving_to_type(
    organisation: Organisation, other_organisation: Organisation, young_person: Person
) -> None:
    code = gift_code_get(actor=factories.actor(young_person), organisation=organisation)
    assert code == gift_code_for(organisation, young_person)
    assert len(code) == 9
    assert code[4] == "-"
    assert normal_code(code.lower().replace("-", " ")) == code
    assert gift_code_for(other_organisation, young_person) != code
    assert gift_code_get(actor=factories.actor(young_person), organisation=organisation) == code
    assert GiftCode.objects.count() == 1


def test_giving_by_code_moves_credits_once(organisation: Organisation, worker: Person) -> None:
    giver, receiver = _funded(organisation, worker)
    code = gift_code_get(actor=factories.actor(receiver), organisation=organisation)
    key = uuid.uuid4()
    for _ in range(2):
        credits_gift(
            actor=factories.actor(giver),
            organisation=organisation,
            minutes=45,
            idempotency_key=key,
            code=code,
        )
    assert (_balance(organisation, giver), _balance(organisation, receiver)) == (75, 45)
    assert LedgerTransaction.objects.filter(kind="gift").count() == 1
    assert ledger_verify().ok


def test_giving_more_than_you_hold_or_to_yourself_is_refused(
    organisation: Organisation, worker: Person
) -> None:
    giver, receiver = _funded(organisation, worker, 30)
    code = gift_code_get(actor=factories.actor(receiver), organisation=organisation)
    own = gift_code_get(actor=factories.actor(giver), organisation=organisation)
    actor = factories.actor(giver)
    with pytest.raises(Conflict, match="not have enough credits"):
        credits_gift(
            actor=actor,
            organisation=organisation,
            minutes=31,
            idempotency_key=uuid.uuid4(),
            code=code,
        )
    with pytest.raises(ValidationFailed, match="your own gift code"):
        credits_gift(
            actor=actor,
            organisation=organisation,
            minutes=5,
            idempotency_key=uuid.uuid4(),
            code=own,
        )
    with pytest.raises(ValidationFailed, match="no one with that gift code"):
        credits_gift(
            actor=actor,
            organisation=organisation,
            minutes=5,
            idempotency_key=uuid.uuid4(),
            code="AAAA-AAAA",
        )
    assert _balance(organisation, giver) == 30
    assert not LedgerTransaction.objects.filter(kind="gift").exists()


def test_giving_to_an_open_pot_and_not_a_closed_one(
    organisation: Organisation, worker: Person, admin: Person
) -> None:
    giver, _ = _funded(organisation, worker)
    pot = pot_add(actor=factories.actor(admin), organisation=organisation, name="Youth council")
    credits_gift(
        actor=factories.actor(giver),
        organisation=organisation,
        minutes=60,
        idempotency_key=uuid.uuid4(),
        pot_id=pot.pk,
    )
    pot_change(
        actor=factories.actor(admin),
        organisation=organisation,
        pot_id=pot.pk,
        name="Council",
        close=True,
    )
    with pytest.raises(NotFound):
        credits_gift(
            actor=factories.actor(giver),
            organisation=organisation,
            minutes=10,
            idempotency_key=uuid.uuid4(),
            pot_id=pot.pk,
        )
    assert _balance(organisation, giver) == 60
    with pytest.raises(Conflict):
        pot_add(actor=factories.actor(admin), organisation=organisation, name="Council")


def test_the_gift_form_shows_who_before_giving(
    organisation: Organisation, worker: Person, client_for: Callable[..., Client]
) -> None:
    giver, receiver = _funded(organisation, worker)
    code = gift_code_get(actor=factories.actor(receiver), organisation=organisation)
    client = client_for(giver)
    url = reverse("credits:earn-gift", args=[organisation.slug])
    body = {
        "idempotency_key": str(uuid.uuid4()),
        "to": "someone",
        "code": code,
        "hours": "1",
        "minutes": "0",
    }
    check = client.post(url, body).content.decode()
    assert "Check your gift" in check
    assert receiver.display_name in check
    assert _balance(organisation, receiver) == 0
    assert client.post(url, {**body, "confirm": "yes"}).status_code == 302
    assert _balance(organisation, receiver) == 60
    too_much = client.post(
        url, {**body, "idempotency_key": str(uuid.uuid4()), "hours": "2", "confirm": "yes"}
    )
    assert "You do not have enough credits to give this many." in too_much.content.decode()
