"""Claims: sent once however often the form is sent, dated sensibly, decided once, credited
under the same rules as any activity."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.credits.models import Claim, Earning
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.services.claims import claim_decide, claim_send
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _send(person: Person, organisation: Organisation, **kwargs: object) -> Claim:
    values: dict[str, object] = {
        "description": "I helped at the summer fair.",
        "done_on": TODAY() - dt.timedelta(days=2),
        "minutes": 90,
        "idempotency_key": uuid.uuid4(),
        **kwargs,
    }
    return claim_send(actor=factories.actor(person), organisation=organisation, **values)  # type: ignore[arg-type]


def test_a_claim_sent_twice_with_its_key_is_one_claim(
    organisation: Organisation, young_person: Person
) -> None:
    key = uuid.uuid4()
    assert _send(young_person, organisation, idempotency_key=key) == _send(
        young_person, organisation, idempotency_key=key
    )
    assert Claim.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": " "}, "description"),
        ({"description": "x" * 501}, "description"),
        ({"done_on": TODAY() + dt.timedelta(days=1)}, "done_on"),
        ({"done_on": TODAY() - dt.timedelta(days=366)}, "done_on"),
        ({"minutes": 0}, "hours"),
        ({"minutes": 24 * 60 + 1}, "hours"),
    ],
)
def test_a_claim_that_cannot_be_sent_says_which_answer(
    organisation: Organisation, young_person: Person, change: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _send(young_person, organisation, **change)
    assert refused.value.field == field
    assert not Claim.objects.exists()


def test_approving_a_claim_credits_it_once(
    organisation: Organisation, young_person: Person, worker: Person
) -> None:
    claim = _send(young_person, organisation)
    claim_decide(
        actor=factories.actor(worker), organisation=organisation, claim_id=claim.pk, approve=True
    )
    assert balance_of_person(organisation_id=organisation.pk, person_id=young_person.pk) == 90
    assert Earning.objects.get().kind == "claim"
    with pytest.raises(Conflict):
        claim_decide(
            actor=factories.actor(worker),
            organisation=organisation,
            claim_id=claim.pk,
            approve=False,
            note="No",
        )
    assert Claim.objects.get().status == "approved"


def test_declining_needs_a_note_and_credits_nothing(
    organisation: Organisation, young_person: Person, worker: Person
) -> None:
    claim = _send(young_person, organisation)
    with pytest.raises(ValidationFailed):
        claim_decide(
            actor=factories.actor(worker),
            organisation=organisation,
            claim_id=claim.pk,
            approve=False,
        )
    claim_decide(
        actor=factories.actor(worker),
        organisation=organisation,
        claim_id=claim.pk,
        approve=False,
        note="We could not find this.",
    )
    assert Claim.objects.get().decision_note == "We could not find this."
    assert not Earning.objects.exists()


def test_a_young_person_cannot_decide_a_claim(
    organisation: Organisation, young_person: Person
) -> None:
    claim = _send(young_person, organisation)
    with pytest.raises(NotPermitted):
        claim_decide(
            actor=factories.actor(young_person),
            organisation=organisation,
            claim_id=claim.pk,
            approve=True,
        )
    assert Claim.objects.get().status == "waiting"


def test_the_claim_form_checks_answers_then_sends_once(
    organisation: Organisation, young_person: Person, client_for: Callable[..., Client]
) -> None:
    client = client_for(young_person)
    url = reverse("credits:earn-claim-new", args=[organisation.slug])
    day = TODAY() - dt.timedelta(days=1)
    body = {
        "idempotency_key": str(uuid.uuid4()),
        "description": "I painted the mural.",
        "done_on_day": day.day,
        "done_on_month": day.month,
        "done_on_year": day.year,
        "hours": "1",
        "minutes": "15",
    }
    check = client.post(url, body).content.decode()
    assert "Check your claim" in check
    assert "1 hour 15 minutes" in check
    assert not Claim.objects.exists()
    client.post(url, {**body, "confirm": "yes"})
    client.post(url, {**body, "confirm": "yes"})
    assert Claim.objects.get().minutes == 75
    mine = client.get(reverse("credits:earn-claims-mine", args=[organisation.slug]))
    assert "Waiting for a worker" in mine.content.decode()


def test_the_claim_form_refuses_no_time_in_words(
    organisation: Organisation, young_person: Person, client_for: Callable[..., Client]
) -> None:
    day = TODAY()
    response = client_for(young_person).post(
        reverse("credits:earn-claim-new", args=[organisation.slug]),
        {
            "idempotency_key": str(uuid.uuid4()),
            "description": "Something",
            "done_on_day": day.day,
            "done_on_month": day.month,
            "done_on_year": day.year,
            "hours": "",
            "minutes": "",
            "confirm": "yes",
        },
    )
    assert "Enter how long you spent" in response.content.decode()
    assert not Claim.objects.exists()
