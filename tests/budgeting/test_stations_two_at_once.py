"""Polling-station steps taken at the same moment on two real PostgreSQL connections: a held
paper decided by two managers at once is counted once, one young person checked in at two
stations at once votes once, and a station cancelled as someone is checked in there is either
cancelled with nobody checked in or used and not cancelled."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from alongside.budgeting import services
from alongside.budgeting.models import Ballot, PaperEntry, Participation, PollingStation
from alongside.budgeting.services import stations as stations_service
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


class _JustBefore:
    """The clock the cancel reads: a moment before the station opens, while the check-in,
    reading the real clock, finds it open. So the race at the opening time always happens."""

    def __init__(self, station: PollingStation) -> None:
        self.moment = station.opens_at - dt.timedelta(seconds=1)

    def now(self) -> dt.datetime:
        return self.moment


@pytest.mark.parametrize("check_in_first", [True, False])
def test_a_check_in_and_a_cancel_at_the_opening_time_do_not_both_win(
    monkeypatch: pytest.MonkeyPatch, check_in_first: bool
) -> None:
    organisation = factories.OrganisationFactory()
    station = made.station(budget_factories.voting_round(organisation))
    person, worker = made.young(organisation), made.staff(organisation)
    monkeypatch.setattr(stations_service, "timezone", _JustBefore(station))

    def check_in() -> services.CheckIn:
        return services.station_check_in(actor=worker, station=station, person=person, paper=True)

    def cancel() -> PollingStation:
        return services.station_cancel(actor=worker, station=station)

    if check_in_first:
        checked_in, cancelled = run_concurrently(check_in, cancel)
    else:
        cancelled, checked_in = run_concurrently(cancel, check_in)

    station.refresh_from_db()
    if check_in_first:
        assert checked_in.ok, checked_in.error
        assert isinstance(cancelled.error, Conflict), cancelled.error
        assert "Someone has been checked in" in cancelled.error.message
        assert station.cancelled_at is None
        assert Participation.objects.get().polling_station == station
    else:
        assert cancelled.ok, cancelled.error
        assert isinstance(checked_in.error, Conflict), checked_in.error
        assert "was cancelled" in checked_in.error.message
        assert station.cancelled_at is not None
        assert not Participation.objects.exists()
