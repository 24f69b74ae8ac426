"""Giving or taking one person's credits by hand: a reason always, never below zero."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Organisation, Person
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import LedgerTransaction
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.services.adjust import credits_adjust
from tests import factories

pytestmark = pytest.mark.django_db


def _adjust(
    worker: Person, organisation: Organisation, person: Person, minutes: int, **kw: object
) -> None:
    credits_adjust(
        actor=factories.actor(worker),
        organisation=organisation,
        person=person,
        minutes=minutes,
        reason=str(kw.get("reason", "Open day, not recorded")),
        idempotency_key=kw.get("key", uuid.uuid4()),  # type: ignore[arg-type]
    )


def test_giving_then_taking_back_with_reasons(
    organisation: Organisation, worker: Person, young_person: Person
) -> None:
    key = uuid.uuid4()
    _adjust(worker, organisation, young_person, 120, key=key)
    _adjust(worker, organisation, young_person, 120, key=key)  # sent twice: once
    _adjust(worker, organisation, young_person, -30)
    assert balance_of_person(organisation_id=organisation.pk, person_id=young_person.pk) == 90
    assert LedgerTransaction.objects.filter(kind="adjust").count() == 2


def test_taking_below_zero_is_refused_in_words(
    organisation: Organisation, worker: Person, young_person: Person
) -> None:
    _adjust(worker, organisation, young_person, 30)
    with pytest.raises(Conflict, match="They have 30 minutes"):
        _adjust(worker, organisation, young_person, -31)
    assert balance_of_person(organisation_id=organisation.pk, person_id=young_person.pk) == 30


def test_a_reason_is_required_and_nobody_changes_their_own(
    organisation: Organisation, worker: Person, young_person: Person
) -> None:
    with pytest.raises(ValidationFailed):
        _adjust(worker, organisation, young_person, 30, reason=" ")
    with pytest.raises(NotPermitted):
        _adjust(worker, organisation, worker, 30)
    with pytest.raises(NotPermitted):
        _adjust(young_person, organisation, worker, 30)
    assert not LedgerTransaction.objects.exists()


def test_the_person_page_gives_and_refuses_in_words(
    organisation: Organisation,
    worker: Person,
    young_person: Person,
    client_for: Callable[..., Client],
) -> None:
    client = client_for(worker)
    url = reverse("credits:earn-person", args=[organisation.slug, young_person.public_id])
    body = {"direction": "give", "hours": "1", "minutes": "0", "reason": "Open day"}
    assert client.post(url, {**body, "idempotency_key": str(uuid.uuid4())}).status_code == 302
    assert "1 hour" in client.get(url).content.decode()
    taken = client.post(
        url, {**body, "direction": "take", "hours": "2", "idempotency_key": str(uuid.uuid4())}
    )
    assert (
        "You cannot take away more credits than they have. They have 1 hour."
        in taken.content.decode()
    )
    assert balance_of_person(organisation_id=organisation.pk, person_id=young_person.pk) == 60
