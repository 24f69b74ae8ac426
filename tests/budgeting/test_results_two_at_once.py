"""Closing a round while ballots arrive, on real PostgreSQL connections: every ballot is
either in the sealed file or refused, never cast and left outside the seal."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Person
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.counting import ballot_file_id
from alongside.budgeting.models import Ballot, Round, SealedFile
from alongside.core.errors import Conflict
from tests import factories
from tests.budgeting import factories_results as built
from tests.concurrency import needs_postgres, run_concurrently

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _round_and_voters(voters: int) -> tuple[Round, list[Person]]:
    organisation = factories.OrganisationFactory()
    round_ = built.round_with_ballots(organisation, ballots=[[1]])
    people = [
        factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15) for _ in range(voters)
    ]
    return round_, people


def _vote(round_: Round, person: Person) -> services.Cast:
    return services.ballot_cast(
        actor=actor_for_person(person),  # type: ignore[arg-type]
        round_=round_,
        choices=[2],
        idempotency_key=uuid.uuid4(),
    )


def _close(round_: Round) -> Round:
    return services.round_close(actor=built.staff(round_.organisation), round_=round_)


def _sealed_text(round_: Round) -> str:
    return SealedFile.objects.get(round=round_).text


def test_a_ballot_in_flight_when_the_close_starts_is_sealed_in() -> None:
    round_, [person] = _round_and_voters(1)
    staff = built.staff(round_.organisation)

    voting, closing = run_concurrently(
        lambda: _vote(round_, person), lambda: services.round_close(actor=staff, round_=round_)
    )

    assert voting.ok, voting.error
    assert closing.ok, closing.error
    assert ballot_file_id(voting.result.ballot.receipt_code) in _sealed_text(round_)
    assert "num_votes;2\n" in _sealed_text(round_)


def test_a_ballot_arriving_while_the_close_is_in_flight_is_refused() -> None:
    round_, [person] = _round_and_voters(1)
    staff = built.staff(round_.organisation)

    closing, voting = run_concurrently(
        lambda: services.round_close(actor=staff, round_=round_), lambda: _vote(round_, person)
    )

    assert closing.ok, closing.error
    assert isinstance(voting.error, Conflict)
    assert Ballot.objects.filter(round=round_).count() == 1
    assert "num_votes;1\n" in _sealed_text(round_)


def test_many_ballots_racing_the_close_are_each_sealed_in_or_refused() -> None:
    round_, people = _round_and_voters(8)
    staff = built.staff(round_.organisation)
    start = threading.Barrier(len(people) + 1)
    outcomes: dict[int, services.Cast | BaseException] = {}

    def vote(person: Person) -> None:
        try:
            start.wait()
            outcomes[person.pk] = _vote(round_, person)
        except BaseException as error:  # kept for the test to look at
            outcomes[person.pk] = error
        finally:
            connection.close()

    def close() -> None:
        try:
            start.wait()
            services.round_close(actor=staff, round_=round_)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(p,)) for p in people]
    threads.append(threading.Thread(target=close))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    sealed = _sealed_text(round_)
    cast = [o for o in outcomes.values() if isinstance(o, services.Cast)]
    refused = [o for o in outcomes.values() if not isinstance(o, services.Cast)]
    assert len(cast) + len(refused) == len(people)
    assert all(isinstance(error, Conflict) for error in refused), refused
    assert all(ballot_file_id(c.ballot.receipt_code) in sealed for c in cast)
    assert Ballot.objects.filter(round=round_).count() == 1 + len(cast)
    assert f"num_votes;{1 + len(cast)}\n" in sealed
