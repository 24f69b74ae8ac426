"""Builders for polling stations in tests, made through the services."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import Area, PaperEntry, PollingStation, Round
from tests import factories


def staff(organisation: Organisation, role: str = Role.WORKER) -> Actor:
    return factories.actor(factories.person_with_role(role, organisation, with_totp=False))


def station(
    round_: Round,
    *,
    actor: Actor | None = None,
    area: Area | None = None,
    name: str = "Riverside youth club",
    hours: int = 24,
) -> PollingStation:
    """A station open from the start of voting until ``hours`` from now."""
    assert round_.voting_opens_at is not None
    return services.station_open(
        actor=actor or staff(round_.organisation),
        round_=round_,
        name=name,
        area=area,
        opens_at=round_.voting_opens_at,
        closes_at=timezone.now() + dt.timedelta(hours=hours),
        idempotency_key=uuid.uuid4(),
    )


def young(organisation: Organisation, age: int = 15, **kwargs: Any) -> Person:
    return factories.offline_person(organisation, age=age, **kwargs)


def entered(
    station: PollingStation, number: str, choices: list[int], *, by: Actor | None = None
) -> PaperEntry:
    return services.paper_ballot_enter(
        actor=by or staff(station.round.organisation),
        station=station,
        paper_number=number,
        choices=choices,
        idempotency_key=uuid.uuid4(),
    )


def held(station: PollingStation, number: str = "A-1") -> tuple[PaperEntry, Actor, Actor]:
    """A paper typed in as [1, 2] by one worker and as [1] by a second: held."""
    first, second = staff(station.round.organisation), staff(station.round.organisation)
    entry = entered(station, number, [1, 2], by=first)
    entry = services.paper_ballot_confirm(actor=second, entry=entry, choices=[1])
    assert entry.status == PaperEntry.Status.HELD
    return entry, first, second
