"""Polling-station steps taken at the same moment on two real PostgreSQL connections: a held
paper decided by two managers at once is counted once, and one young person checked in at two
stations at once votes once."""

from __future__ import annotations

import uuid

import pytest

from alongside.budgeting import services
from alongside.budgeting.models import Ballot, PaperEntry, Participation
from alongside.core.errors import Conflict
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.budgeting import factories_stations as made
from tests.concurrency import needs_postgres, run_concurrently

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_a_held_paper_decided_by_two_managers_at_once_is_counted_once() -> None:
    organisation = factories.OrganisationFactory()
    station = made.station(budget_factories.voting_round(organisation))
    entry, _first, _second = made.held(station)
    one, other = made.staff(organisation), made.staff(organisation)

    def decide(actor: object, outcome: services.Outcome) -> PaperEntry:
        return services.paper_entry_resolve(
            actor=actor,  # type: ignore[arg-type]
            entry=entry,
            outcome=outcome,
            idempotency_key=uuid.uuid4(),
        )

    first, second = run_concurrently(
        lambda: decide(one, services.Outcome.FIRST), lambda: decide(other, services.Outcome.SECOND)
    )

    assert first.ok, first.error
    assert isinstance(second.error, Conflict), second.error
    assert Ballot.objects.get().choices == [1, 2]
    assert PaperEntry.objects.get().status == PaperEntry.Status.COUNTED


def test_one_young_person_checked_in_at_two_stations_at_once_votes_once() -> None:
    organisation = factories.OrganisationFactory()
    round_ = budget_factories.voting_round(organisation)
    here, there = made.station(round_), made.station(round_, name="School")
    person = made.young(organisation)
    worker = made.staff(organisation)

    def check_in(station: object) -> services.CheckIn:
        return services.station_check_in(
            actor=worker,
            station=station,  # type: ignore[arg-type]
            person=person,
            paper=True,
        )

    first, second = run_concurrently(lambda: check_in(here), lambda: check_in(there))

    assert first.ok, first.error
    assert isinstance(second.error, Conflict), second.error
    assert Participation.objects.get().polling_station == here
