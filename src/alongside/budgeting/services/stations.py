"""Polling stations: opening one for a time, cancelling one opened by mistake, closing it
early, checking voters in, and deciding what a held paper ballot says.

Casting stays in ``ballots`` (one insert for every ballot); this module adds the steps around
it that only staff at a station take.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Person
from alongside.budgeting import selectors
from alongside.budgeting import selectors_stations as stations
from alongside.budgeting.models import Area, PaperEntry, Participation, PollingStation, Round
from alongside.budgeting.permissions import POLLING_STATION_RUN, ROUND_MANAGE
from alongside.budgeting.services.ballots import (
    ALREADY_VOTED_AT_STATION,
    paper_ballot_count,
    voter_check_in,
)
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.idempotency import create_once

NAME_LENGTH = 120
REASON_LENGTH = 300
# A round's stages in which a polling station may still be opened.
BEFORE_COUNTING = frozenset(
    {
        Round.Stage.SETUP,
        Round.Stage.RULES,
        Round.Stage.IDEAS,
        Round.Stage.FEASIBILITY,
        Round.Stage.PROPOSALS,
        Round.Stage.VOTING,
    }
)


def _check_window(round_: Round, opens_at: dt.datetime, closes_at: dt.datetime) -> None:
    if round_.voting_opens_at is None or round_.voting_closes_at is None:
        raise Conflict("Set the dates voting opens and closes before opening a polling station.")
    if round_.stage not in BEFORE_COUNTING:
        raise Conflict("Voting in this round has finished, so no polling station can open.")
    if closes_at <= opens_at:
        raise ValidationFailed("The closing time must be after the opening time.", field="closes")
    if closes_at <= timezone.now():
        raise ValidationFailed("The closing time must be in the future.", field="closes")
    if opens_at < round_.voting_opens_at:
        raise ValidationFailed(
            "The polling station cannot open before voting opens, "
            f"{_when(round_.voting_opens_at)}.",
            field="opens",
        )
    if closes_at > round_.voting_closes_at:
        raise ValidationFailed(
            "The polling station must close by the time voting closes, "
            f"{_when(round_.voting_closes_at)}.",
            field="closes",
        )


def _when(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    hour = local.hour % 12 or 12
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def _check_area(round_: Round, area: Area | None) -> None:
    has_areas = selectors.round_has_areas(round_=round_)
    if area is not None and area.round_id != round_.pk:
        raise ValidationFailed("Choose one of this round's areas.", field="area")
    if area is None and has_areas and round_.area_voting == Round.AreaVoting.OWN:
        # Voters vote in their own area only, and a station's voters take its area.
        raise ValidationFailed("Choose the area this polling station is for.", field="area")
    if area is not None and not has_areas:
        raise ValidationFailed("This round is not shared across areas.", field="area")


@transaction.atomic
def station_open(
    *,
    actor: Actor,
    round_: Round,
    name: str,
    area: Area | None,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    idempotency_key: uuid.UUID,
) -> PollingStation:
    """A worker opens a polling station at a youth club or school, for a time within voting."""
    require(actor, POLLING_STATION_RUN, round_.organisation)
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed("Enter the name of the place.", field="name")
    if len(name) > NAME_LENGTH:
        raise ValidationFailed(
            f"Use {NAME_LENGTH} characters or fewer for the name of the place.", field="name"
        )
    held = selectors.round_key_shared(round_=round_)
    _check_window(held, opens_at, closes_at)
    _check_area(held, area)

    def create() -> PollingStation:
        station = PollingStation.objects.create(
            round=round_,
            name=name,
            area=area,
            opens_at=opens_at,
            closes_at=closes_at,
            opened_by=actor.person,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="budgeting.station.open",
            summary="Opened a polling station",
            actor_id=actor.person_id,
            organisation_id=round_.organisation_id,
            target=station,
            data={"opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat()},
        )
        return station

    station, _ = create_once(
        PollingStation,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.round_id == round_.pk and earlier.name == name,
    )
    return station


@transaction.atomic
def station_close(*, actor: Actor, station: PollingStation) -> PollingStation:
    """Close an open station now, before its time. Closing one already closed does nothing."""
    require(actor, POLLING_STATION_RUN, station.round.organisation)
    locked = stations.station_locked(station=station)
    now = timezone.now()
    if locked.closes_at <= now or locked.cancelled_at is not None:
        return locked
    if locked.opens_at > now:
        raise Conflict(
            "This polling station has not opened yet, so it cannot close early. "
            "Nobody can vote there outside its times."
        )
    locked.closes_at = now
    locked.save(update_fields=["closes_at", "updated_at"])
    audit_record(
        action="budgeting.station.close",
        summary="Closed a polling station early",
        actor_id=actor.person_id,
        organisation_id=station.round.organisation_id,
        target=locked,
    )
    return locked


STATION_USED = (
    "Someone has been checked in or a paper ballot typed in at this polling station, so it "
    "cannot be cancelled. If it is still open, close it early instead."
)
STATION_STARTED = (
    "This polling station's opening time has passed, so it cannot be cancelled. If it is "
    "still open, close it early instead."
)


@transaction.atomic
def station_cancel(*, actor: Actor, station: PollingStation) -> PollingStation:
    """Cancel a station opened by mistake (for the wrong day, say) before its time, while
    nobody has used it. It is kept, marked cancelled, and nobody can vote there.

    The station is locked for update and only then are its check-ins counted: a check-in at
    the moment it opens holds the station (``stations.station_key_shared``), so either the
    cancel waits for it and sees it, or it waits for the cancel and finds the station
    cancelled. Never both. Cancelling one already cancelled does nothing."""
    require(actor, POLLING_STATION_RUN, station.round.organisation)
    locked = stations.station_locked(station=station)
    if locked.cancelled_at is not None:
        return locked
    if stations.station_used(station=locked):
        raise Conflict(STATION_USED)
    now = timezone.now()
    if locked.opens_at <= now:
        raise Conflict(STATION_STARTED)
    locked.cancelled_at = now
    locked.save(update_fields=["cancelled_at", "updated_at"])
    audit_record(
        action="budgeting.station.cancel",
        summary="Cancelled a polling station before it opened",
        actor_id=actor.person_id,
        organisation_id=station.round.organisation_id,
        target=locked,
        data={"opens_at": locked.opens_at.isoformat(), "closes_at": locked.closes_at.isoformat()},
    )
    return locked


@dataclass(frozen=True)
class CheckIn:
    participation: Participation
    created: bool
    """False when this voter had been checked in here the same way already (a form sent
    twice, or a voter handed the tablet again after walking away before voting)."""


@transaction.atomic
def station_check_in(
    *, actor: Actor, station: PollingStation, person: Person, paper: bool
) -> CheckIn:
    """``voter_check_in``, where checking someone in again the same way at the same station
    gives back their first check-in instead of refusing: on the tablet only until they vote."""
    try:
        with transaction.atomic():
            made = voter_check_in(actor=actor, station=station, person=person, paper=paper)
        return CheckIn(made, True)
    except Conflict as refused:
        if refused.message != ALREADY_VOTED_AT_STATION:
            raise
        earlier = stations.participation_at(station=station, person=person)
        channel = Participation.Channel.PAPER if paper else Participation.Channel.KIOSK
        if (
            earlier is None
            or earlier.polling_station_id != station.pk
            or earlier.channel != channel
            or (not paper and earlier.has_ballot)  # type: ignore[attr-defined]
        ):
            raise
        return CheckIn(earlier, False)


# The reasons ``ballots.eligibility_problem`` gives a voter, as the worker checking them in
# reads them.
_FOR_STAFF = {
    "We do not know how old you are, so we cannot check you can vote. "
    "Ask a youth worker to add your month and year of birth.": (
        "We do not know how old they are. Add their month and year of birth on their page "
        "in People, then check them in."
    ),
    "Only young people can vote in this round.": "Only young people can vote in this round.",
}


def for_staff(problem: str) -> str:
    return _FOR_STAFF.get(problem, problem.replace("You cannot", "They cannot"))


# Held paper ballots -------------------------------------------------------------------------


class Outcome(StrEnum):
    FIRST = "first"
    SECOND = "second"
    SPOIL = "spoil"


@transaction.atomic
def paper_entry_resolve(
    *,
    actor: Actor,
    entry: PaperEntry,
    outcome: Outcome,
    reason: str = "",
    idempotency_key: uuid.UUID,
) -> PaperEntry:
    """A round manager looks at a held paper and decides: it says what the first entry says,
    or what the second says (and is counted, once), or it cannot be counted (spoilt, with a
    reason). Someone other than the two who typed it decides."""
    round_ = entry.round
    require(actor, ROUND_MANAGE, round_.organisation)
    person = actor.person
    assert person is not None
    reason = " ".join(reason.split())
    if outcome is Outcome.SPOIL and not reason:
        raise ValidationFailed("Say why the paper cannot be counted.", field="reason")
    if len(reason) > REASON_LENGTH:
        raise ValidationFailed(
            f"Use {REASON_LENGTH} characters or fewer for why it cannot be counted.",
            field="reason",
        )
    locked = stations.paper_entry_locked(entry=entry)
    if person.pk in (locked.entered_by_id, locked.confirmed_by_id):
        raise NotPermitted(
            "You typed this paper in, so someone else must look at it and decide what it says."
        )
    if locked.status != PaperEntry.Status.HELD:
        if _same_decision(locked, person, outcome, idempotency_key):
            return locked
        raise Conflict("Someone has decided what this paper says already.")
    now = timezone.now()
    if outcome is Outcome.SPOIL:
        locked.status = PaperEntry.Status.SPOILT
        locked.spoilt_reason = reason
    else:
        first = outcome is Outcome.FIRST
        choices = locked.choices if first else locked.second_choices
        points = locked.points if first else locked.second_points
        locked.ballot = paper_ballot_count(
            round_=round_,
            entry=locked,
            choices=list(choices or []),
            points=list(points) if points is not None else None,
            idempotency_key=idempotency_key,
        )
        locked.status = PaperEntry.Status.COUNTED
    locked.resolved_by = person
    locked.resolved_at = now
    locked.save(
        update_fields=[
            "status",
            "spoilt_reason",
            "ballot",
            "resolved_by",
            "resolved_at",
            "updated_at",
        ]
    )
    audit_record(
        action="budgeting.paper.resolve",
        summary="Spoilt a held paper ballot"
        if outcome is Outcome.SPOIL
        else "Counted a held paper ballot",
        actor_id=actor.person_id,
        organisation_id=round_.organisation_id,
        target=locked,
        data={"outcome": outcome.value, **({"reason": reason} if reason else {})},
    )
    return locked


def _same_decision(
    entry: PaperEntry, person: Person, outcome: Outcome, idempotency_key: uuid.UUID
) -> bool:
    """The decision already taken is this one, sent again (a double press of the button)."""
    if entry.resolved_by_id != person.pk:
        return False
    if outcome is Outcome.SPOIL:
        return entry.status == PaperEntry.Status.SPOILT
    return entry.ballot is not None and entry.ballot.idempotency_key == idempotency_key
