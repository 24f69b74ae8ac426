"""POST /api/v1/rounds/{round_id}/ballots: a young person's device sends their vote, as often as
it takes; one ballot, the same receipt each time, and the website's refusals as problems."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from alongside.accounts import codes
from alongside.accounts.models import ApiToken, Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting.models import Area, Ballot, Participation, Round
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.snapshots import rows_snapshot

pytestmark = pytest.mark.django_db


def _path(round_: Round) -> str:
    return f"/api/v1/rounds/{round_.public_id}/ballots"


def _signed_in(person: Person, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    assert person.user is not None
    client.force_login(person.user)
    return client


def _post(client: Client, round_: Round, body: dict[str, Any], **headers: str) -> Any:
    return client.post(_path(round_), body, content_type="application/json", headers=headers)


@pytest.fixture
def voter(organisation: Organisation) -> Person:
    return factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)


def test_a_young_person_casts_their_ballot_and_a_repeat_returns_the_same_receipt(
    organisation: Organisation, voter: Person
) -> None:
    round_ = budget_factories.voting_round(organisation)
    client = _signed_in(voter)
    key = str(uuid.uuid4())
    first = _post(client, round_, {"choices": [3, 1]}, **{"Idempotency-Key": key})
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["created"] is True
    assert body["round"] == str(round_.public_id)
    ballot = Ballot.objects.get()
    assert (ballot.receipt_code, ballot.choices) == (body["receipt_code"], [1, 3])
    assert ballot.channel == Ballot.Channel.DEVICE
    # When the device sends it again (it never heard the answer), with the key in the body
    again = _post(client, round_, {"choices": [3, 1], "idempotency_key": key})
    assert again.status_code == 200
    assert again.json() == {**body, "created": False}
    assert Ballot.objects.count() == 1


def test_the_key_is_needed_once_and_the_same_in_both_places(
    organisation: Organisation, voter: Person
) -> None:
    round_ = budget_factories.voting_round(organisation)
    client = _signed_in(voter)
    for body, headers in (
        ({"choices": [1]}, {}),
        ({"choices": [1]}, {"Idempotency-Key": "not-a-uuid"}),
        (
            {"choices": [1], "idempotency_key": str(uuid.uuid4())},
            {"Idempotency-Key": str(uuid.uuid4())},
        ),
    ):
        refused = _post(client, round_, body, **headers)
        assert refused.status_code == 422, refused.content
        assert refused["Content-Type"] == "application/problem+json"
        assert refused.json()["errors"][0]["field"] == "idempotency_key"
    assert not Ballot.objects.exists()


REFUSALS: list[tuple[dict[str, Any], dict[str, Any], int, str]] = [
    ({}, {"choices": []}, 422, "Choose at least one project."),
    ({"max_choices": 1}, {"choices": [1, 2]}, 422, "up to 1 project"),
    ({}, {"choices": [9]}, 422, "not on this ballot"),
    (
        {"ballot_kind": "points", "points_to_share": 5},
        {"choices": [1], "points": [6]},
        422,
        "5 points",
    ),
    ({"max_age": 14}, {"choices": [1]}, 403, "aged 11 to 14"),
    ({"stage": Round.Stage.COUNTING}, {"choices": [1]}, 409, "not open"),
    ({}, {"choices": [1], "area": "Nowhere"}, 422, "areas"),
]


@pytest.mark.parametrize(("settings", "body", "status", "words"), REFUSALS)
def test_what_the_website_refuses_the_api_refuses_with_the_same_reason(
    organisation: Organisation,
    voter: Person,
    settings: dict[str, Any],
    body: dict[str, Any],
    status: int,
    words: str,
) -> None:
    round_ = budget_factories.voting_round(organisation, max_choices=3)
    Round.objects.filter(pk=round_.pk).update(**settings)
    client = _signed_in(voter)
    before = rows_snapshot()
    refused = _post(client, round_, {**body, "idempotency_key": str(uuid.uuid4())})
    assert refused.status_code == status, refused.content
    assert refused["Content-Type"] == "application/problem+json"
    assert words in refused.json()["detail"]
    assert rows_snapshot() == before


def test_a_second_ballot_with_a_new_key_is_a_conflict(
    organisation: Organisation, voter: Person
) -> None:
    round_ = budget_factories.voting_round(organisation)
    client = _signed_in(voter)
    assert (
        _post(client, round_, {"choices": [1], "idempotency_key": str(uuid.uuid4())}).status_code
        == 201
    )
    second = _post(client, round_, {"choices": [2], "idempotency_key": str(uuid.uuid4())})
    assert second.status_code == 409
    assert second.json()["detail"] == "You have already voted in this round."


def test_a_round_by_area_takes_the_area_by_name(organisation: Organisation, voter: Person) -> None:
    round_ = budget_factories.voting_round(organisation)
    north = Area.objects.create(round=round_, name="North")
    Round.objects.filter(pk=round_.pk).update(area_voting=Round.AreaVoting.OWN)
    round_.proposals.filter(number=1).update(area=north)
    client = _signed_in(voter)
    missing = _post(client, round_, {"choices": [1], "idempotency_key": str(uuid.uuid4())})
    assert missing.status_code == 403
    assert "Choose your area." in missing.json()["detail"]
    sent = _post(
        client, round_, {"choices": [1], "area": "North", "idempotency_key": str(uuid.uuid4())}
    )
    assert sent.status_code == 201, sent.content
    assert Participation.objects.get().area == north


def test_the_session_needs_its_csrf_token_and_without_a_session_a_token_is_asked_for(
    organisation: Organisation, voter: Person
) -> None:
    round_ = budget_factories.voting_round(organisation)
    body = {"choices": [1], "idempotency_key": str(uuid.uuid4())}
    no_token = _post(_signed_in(voter, csrf=True), round_, body)
    assert no_token.status_code == 403
    assert "CSRF token" in no_token.json()["detail"]
    nobody = _post(Client(enforce_csrf_checks=True), round_, body)
    assert nobody.status_code == 401
    # With the token, as the website's own script would send it
    client = _signed_in(voter, csrf=True)
    client.get(f"/rounds/{round_.public_id}/receipt/")
    sent = _post(client, round_, body, **{"X-CSRFToken": client.cookies["csrftoken"].value})
    assert sent.status_code == 201, sent.content


def test_a_token_acting_as_the_young_person_may_cast_their_ballot(
    organisation: Organisation, voter: Person
) -> None:
    # (tokens are made by admins; one acting as a young person is test set-up only)
    secret = "als_" + codes.new_token()
    ApiToken.objects.create(
        organisation=organisation,
        person=voter,
        name="Phone",
        prefix=secret[:10],
        key_hash=codes.digest(secret),
    )
    round_ = budget_factories.voting_round(organisation)
    sent = _post(
        Client(),
        round_,
        {"choices": [2], "idempotency_key": str(uuid.uuid4())},
        Authorization=f"Bearer {secret}",
    )
    assert sent.status_code == 201, sent.content
    assert Ballot.objects.get().participation.person == voter  # type: ignore[union-attr]


def test_a_round_not_open_to_the_public_is_not_found(
    organisation: Organisation, voter: Person
) -> None:
    round_ = budget_factories.voting_round(organisation)
    Round.objects.filter(pk=round_.pk).update(stage=Round.Stage.SETUP)
    refused = _post(
        _signed_in(voter), round_, {"choices": [1], "idempotency_key": str(uuid.uuid4())}
    )
    assert refused.status_code == 404
