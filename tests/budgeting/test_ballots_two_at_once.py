"""Ballots sent at the same moment on two real PostgreSQL connections: a double tap is one
ballot, two different ballots from one voter are one ballot and a refusal, and a ballot that
races the close of voting is either sealed in or refused, never left outside the seal."""

from __future__ import annotations

import uuid

import pytest

from alongside.accounts.actor import actor_for_person
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import Ballot, Participation, Round
from alongside.core.errors import Conflict
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.concurrency import needs_postgres, run_concurrently

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _voter_and_round() -> tuple[object, Round]:
    organisation = factories.OrganisationFactory()
    round_ = budget_factories.voting_round(organisation)
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    return person, round_


def test_the_same_ballot_sent_twice_at_once_is_one_ballot() -> None:
    person, round_ = _voter_and_round()
    key = uuid.uuid4()

    def send() -> services.Cast:
        return services.ballot_cast(
            actor=actor_for_person(person),  # type: ignore[arg-type]
            round_=round_,
            choices=[1, 2],
            idempotency_key=key,
        )

    first, second = run_concurrently(send, send)

    assert first.ok, first.error
    assert second.ok, second.error
    assert first.result.ballot.pk == second.result.ballot.pk
    assert {first.result.created, second.result.created} == {True, False}
    assert Ballot.objects.count() == 1
    assert Participation.objects.count() == 1


def test_two_different_ballots_from_one_voter_at_once_make_one_ballot() -> None:
    person, round_ = _voter_and_round()

    def send(choice: int) -> services.Cast:
        return services.ballot_cast(
            actor=actor_for_person(person),  # type: ignore[arg-type]
            round_=round_,
            choices=[choice],
            idempotency_key=uuid.uuid4(),
        )

    first, second = run_concurrently(lambda: send(1), lambda: send(2))

    assert first.ok, first.error
    assert isinstance(second.error, Conflict)
    assert Ballot.objects.get().choices == [1]


def test_a_ballot_racing_the_close_is_refused_when_the_close_commits_first() -> None:
    person, round_ = _voter_and_round()

    def close() -> None:
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        locked.stage = Round.Stage.COUNTING
        locked.save(update_fields=["stage"])

    def vote() -> services.Cast:
        return services.ballot_cast(
            actor=actor_for_person(person),  # type: ignore[arg-type]
            round_=round_,
            choices=[1],
            idempotency_key=uuid.uuid4(),
        )

    closing, voting = run_concurrently(close, vote)

    assert closing.ok, closing.error
    assert isinstance(voting.error, Conflict)
    assert not Ballot.objects.exists()
    assert not Participation.objects.exists()
