"""Casting ballots: one function for every way a vote arrives, so every ballot meets the same
checks and the same constraints.

- ``ballot_cast``: a young person votes online (the form, or the API for a device);
- ``voter_check_in`` then ``kiosk_ballot_cast``: at a polling station, a worker checks a
  voter in and the voter votes on the station's tablet;
- ``voter_check_in`` with paper, then ``paper_ballot_enter`` and ``paper_ballot_confirm``:
  one worker types a paper ballot, a second types it again, and it is counted only when the
  two agree.

Each goes through ``_cast``. What keeps a ballot from being lost, changed or counted twice:

- a ``Participation`` per person and round (a unique constraint): a second vote by the same
  person fails at the insert, whichever request gets there second;
- an idempotency key per ballot, made by the form or the device: the same submission sent
  again returns the first ballot (``create_once``), never a second;
- ballots are never updated except to mark one superseded when a round lets voters change
  their mind, and the unique "one current ballot" constraint holds that to one;
- a ballot's transaction starts by reading its round under a key-share lock, and closing a
  round locks that row for update: a close waits for the ballots in flight, and a ballot
  that arrives during a close waits and then finds the round closed. No ballot is left
  outside the seal.

Ballots are not written to the audit trail one by one: the ballots and the register are
their own append-only record, sealed at close (docs/adr/0015). Staff steps at a polling
station (checking in, typing papers) are audited.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Person
from alongside.budgeting import selectors
from alongside.budgeting import selectors_stations as stations
from alongside.budgeting.ballot_paper import BallotProblem, age_band, canonical, check_ballot
from alongside.budgeting.models import (
    Area,
    Ballot,
    PaperEntry,
    Participation,
    PollingStation,
    Round,
)
from alongside.budgeting.permissions import BALLOT_CAST, POLLING_STATION_RUN
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.idempotency import KEY_REUSED, create_once

# Letters and digits that cannot be mistaken for each other when read off a phone or a slip.
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
RECEIPT_LENGTH = 12

ALREADY_VOTED = "You have already voted in this round."
ALREADY_VOTED_AT_STATION = "This young person has already voted in this round."
NOT_OPEN = "Voting in this round is not open."
ONLY_YOUNG_PEOPLE = "Only young people can vote in this round."
STATION_CANCELLED = "This polling station was cancelled, so nobody can vote there."


def receipt_code_new() -> str:
    """A code the voter keeps: 12 characters (about 60 bits), shown as three groups of 4."""
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def voting_open(round_: Round, now: dt.datetime) -> bool:
    return (
        round_.stage == Round.Stage.VOTING
        and round_.voting_opens_at is not None
        and round_.voting_closes_at is not None
        and round_.voting_opens_at <= now < round_.voting_closes_at
    )


def _require_open(round_: Round, now: dt.datetime) -> None:
    if not voting_open(round_, now):
        raise Conflict(NOT_OPEN)


def _held_unsealed(round_: Round) -> Round:
    """As ``_held_open``, for paper ballots typed in after voting closed: a paper cast before
    the close counts until the round is sealed, so typing it in may go on after the polling
    station shuts (the close waits for every paper to be settled: ``round_close``)."""
    held = selectors.round_key_shared(round_=round_)
    if held.stage != Round.Stage.VOTING:
        raise Conflict("This round's ballots are sealed: no more paper ballots can be counted.")
    return held


def _held_open(round_: Round, now: dt.datetime) -> Round:
    """The round read afresh and held open until the ballot's transaction ends (see
    ``selectors.round_key_shared``), or ``Conflict`` if voting is not open."""
    held = selectors.round_key_shared(round_=round_)
    _require_open(held, now)
    return held


def eligibility_problem(round_: Round, person: Person, area: Area | None) -> str | None:
    """Why this person may not vote in this round, in words for them; None if they may."""
    return voter_problem(round_, person) or _area_problem(round_, area)


def voter_problem(round_: Round, person: Person) -> str | None:
    """Why this person may not vote in this round whichever area they choose (their kind and
    age), so the first page can say so before they choose anything; None if they may.

    Someone who has grown past the youth offer is told the round's ages first: that, not
    their new role, is what keeps them out of a round for young people."""
    grown_up = person.kind == Person.Kind.COMMUNITY_MEMBER
    if person.kind != Person.Kind.YOUNG_PERSON and not grown_up:
        return ONLY_YOUNG_PEOPLE
    if round_.voting_closes_at is None:
        return NOT_OPEN
    day = timezone.localtime(round_.voting_closes_at).date()
    age = person.age_on(day)
    if age is None:
        return (
            "We do not know how old you are, so we cannot check you can vote. "
            "Ask a youth worker to add your month and year of birth."
        )
    if age < round_.min_age or age > round_.max_age:
        return (
            f"This round is for young people aged {round_.min_age} to {round_.max_age} "
            f"on the day voting closes. You cannot vote in it."
        )
    return ONLY_YOUNG_PEOPLE if grown_up else None


def _area_problem(round_: Round, area: Area | None) -> str | None:
    has_areas = selectors.round_has_areas(round_=round_)
    if area is not None and area.round_id != round_.pk:
        return "Choose one of this round's areas."
    if has_areas and round_.area_voting == Round.AreaVoting.OWN and area is None:
        return "Choose your area."
    if not has_areas and area is not None:
        return "This round is not shared across areas."
    return None


def _check_choices(
    round_: Round, area: Area | None, choices: Sequence[int], points: Sequence[int] | None
) -> tuple[list[int], list[int] | None]:
    rules = selectors.ballot_rules(round_=round_, area=area)
    try:
        check_ballot(rules, choices, points)
    except BallotProblem as problem:
        raise ValidationFailed(str(problem), field="choices") from None
    ordered, ordered_points = canonical(rules, choices, points)
    return list(ordered), list(ordered_points) if ordered_points is not None else None


def _insert_ballot(
    *,
    round_: Round,
    participation: Participation | None,
    channel: str,
    choices: list[int],
    points: list[int] | None,
    area: Area | None,
    idempotency_key: uuid.UUID,
    paper_number: str = "",
) -> Ballot:
    """The one insert of a ballot, with its fresh receipt code (retried on the rare clash)."""
    for _ in range(3):
        try:
            with transaction.atomic():
                return Ballot.objects.create(
                    round=round_,
                    participation=participation,
                    area=area,
                    channel=channel,
                    choices=choices,
                    points=points,
                    receipt_code=receipt_code_new(),
                    cast_at=timezone.now(),
                    paper_number=paper_number,
                    idempotency_key=idempotency_key,
                )
        except IntegrityError:
            if Ballot.objects.filter(idempotency_key=idempotency_key).exists():
                raise
            if paper_number and selectors.paper_number_used(
                round_=round_, paper_number=paper_number
            ):
                raise
    raise RuntimeError("Three receipt codes in a row were already taken.")


def _participation_for(
    round_: Round,
    person: Person,
    *,
    channel: str,
    area: Area | None,
    station: PollingStation | None = None,
) -> tuple[Participation, bool]:
    """The person's participation in the round, made now (True) or found locked (False)."""
    day = timezone.localtime(round_.voting_closes_at).date() if round_.voting_closes_at else None
    age = person.age_on(day) if day else None
    try:
        with transaction.atomic():
            made = Participation.objects.create(
                round=round_,
                person=person,
                channel=channel,
                area=area,
                age_band=age_band(age) if age is not None else "",
                polling_station=station,
            )
        return made, True
    except IntegrityError:
        return selectors.participation_locked(round_=round_, person=person), False


@dataclass(frozen=True)
class Cast:
    ballot: Ballot
    created: bool
    """False when this submission had been received before: the first ballot is returned."""


def _cast_once(
    idempotency_key: uuid.UUID, create: Callable[[], Ballot], same: Callable[[Ballot], bool]
) -> Cast:
    """``create_once``, answering a repeat with its first ballot even when the repeat is
    refused for having voted already: that refusal is the first ballot's own doing, whether it
    committed before this one started or while this one waited for its lock."""
    earlier = selectors.ballot_by_key(idempotency_key=idempotency_key)
    if earlier is not None:
        if not same(earlier):
            raise Conflict(KEY_REUSED)
        return Cast(ballot=earlier, created=False)
    try:
        ballot, created = create_once(
            Ballot, idempotency_key=idempotency_key, create=create, same=same
        )
    except Conflict:
        earlier = selectors.ballot_by_key(idempotency_key=idempotency_key)
        if earlier is None or not same(earlier):
            raise
        return Cast(ballot=earlier, created=False)
    return Cast(ballot=ballot, created=created)


@transaction.atomic
def ballot_cast(
    *,
    actor: Actor,
    round_: Round,
    choices: Sequence[int],
    points: Sequence[int] | None = None,
    area: Area | None = None,
    idempotency_key: uuid.UUID,
    channel: str = Ballot.Channel.ONLINE,
) -> Cast:
    """A young person's own vote, online. If the round lets voters change their ballot, a new
    one supersedes the last; otherwise a second vote is refused."""
    require(actor, BALLOT_CAST, round_.organisation)
    person = actor.person
    if person is None:
        raise NotPermitted("Sign in to vote.")

    def create() -> Ballot:
        now = timezone.now()
        held = _held_open(round_, now)
        problem = eligibility_problem(held, person, area)
        if problem:
            raise NotPermitted(problem)
        ordered, ordered_points = _check_choices(round_, area, choices, points)
        participation, new = _participation_for(
            round_, person, channel=Participation.Channel.ONLINE, area=area
        )
        if not new:
            if not held.ballots_can_change or participation.channel != (
                Participation.Channel.ONLINE
            ):
                raise Conflict(ALREADY_VOTED)
            if participation.area_id != (area.pk if area else None):
                raise ValidationFailed("You voted in another area. Vote in that area again.")
            selectors.current_ballot_locked(participation=participation).filter(
                superseded_at__isnull=True
            ).update(superseded_at=now)
        ballot = _insert_ballot(
            round_=round_,
            participation=participation,
            channel=channel,
            choices=ordered,
            points=ordered_points,
            area=area,
            idempotency_key=idempotency_key,
        )
        return ballot

    return _cast_once(
        idempotency_key,
        create,
        lambda earlier: (
            earlier.round_id == round_.pk
            and earlier.participation is not None
            and earlier.participation.person_id == person.pk
        ),
    )


# At a polling station ------------------------------------------------------------------------


def _require_station_open(station: PollingStation, now: dt.datetime) -> None:
    """The round and the station read afresh and held: a station cancelled or closed while the
    page was open refuses, and cancelling or closing it waits for this check-in or ballot."""
    _held_open(station.round, now)
    held = stations.station_key_shared(station=station)
    if held.cancelled_at is not None:
        raise Conflict(STATION_CANCELLED)
    if not held.opens_at <= now < held.closes_at:
        raise Conflict("This polling station is not open now.")


@transaction.atomic
def voter_check_in(
    *,
    actor: Actor,
    station: PollingStation,
    person: Person,
    paper: bool,
) -> Participation:
    """A worker checks a voter in: eligible, and not voted yet anywhere, then one ballot (on the
    tablet, or a paper handed over). The unique participation makes a second check-in fail."""
    round_ = station.round
    require(actor, POLLING_STATION_RUN, round_.organisation)
    _require_station_open(station, timezone.now())
    if not selectors.is_young_person_here(round_=round_, person=person):
        raise ValidationFailed("Choose a young person from this organisation.", field="person")
    problem = eligibility_problem(round_, person, station.area)
    if problem:
        raise ValidationFailed(problem.replace("You cannot", "They cannot"), field="person")
    channel = Participation.Channel.PAPER if paper else Participation.Channel.KIOSK
    participation, new = _participation_for(
        round_, person, channel=channel, area=station.area, station=station
    )
    if not new:
        raise Conflict(ALREADY_VOTED_AT_STATION)
    audit_record(
        action="budgeting.station.check_in",
        summary="Checked a voter in at a polling station",
        actor_id=actor.person_id,
        organisation_id=round_.organisation_id,
        target=station,
        data={"paper": paper},
    )
    return participation


@transaction.atomic
def kiosk_ballot_cast(
    *,
    actor: Actor,
    participation: Participation,
    choices: Sequence[int],
    points: Sequence[int] | None = None,
    idempotency_key: uuid.UUID,
) -> Cast:
    """The checked-in voter's ballot on the station's tablet (the worker's session)."""
    round_ = participation.round
    require(actor, POLLING_STATION_RUN, round_.organisation)
    if (
        participation.channel != Participation.Channel.KIOSK
        or participation.polling_station is None
    ):
        raise Conflict("This voter was not checked in to vote on the tablet.")

    def create() -> Ballot:
        station = participation.polling_station
        assert station is not None
        _require_station_open(station, timezone.now())
        if selectors.participation_has_ballot(participation=participation):
            raise Conflict(ALREADY_VOTED_AT_STATION)
        ordered, ordered_points = _check_choices(round_, participation.area, choices, points)
        try:
            ballot = _insert_ballot(
                round_=round_,
                participation=participation,
                channel=Ballot.Channel.KIOSK,
                choices=ordered,
                points=ordered_points,
                area=participation.area,
                idempotency_key=idempotency_key,
            )
        except IntegrityError:
            if Ballot.objects.filter(idempotency_key=idempotency_key).exists():
                raise
            raise Conflict(ALREADY_VOTED_AT_STATION) from None
        return ballot

    return _cast_once(
        idempotency_key, create, lambda earlier: earlier.participation_id == participation.pk
    )


def _paper_number(value: str) -> str:
    number = value.strip().upper()
    if not number:
        raise ValidationFailed(
            "Enter the number printed on the paper ballot.", field="paper_number"
        )
    if len(number) > 20 or not number.replace("-", "").isalnum():
        raise ValidationFailed(
            "Enter the paper's number as it is printed: letters, digits and dashes, up to 20.",
            field="paper_number",
        )
    return number


@transaction.atomic
def paper_ballot_enter(
    *,
    actor: Actor,
    station: PollingStation,
    paper_number: str,
    choices: Sequence[int],
    points: Sequence[int] | None = None,
    idempotency_key: uuid.UUID,
) -> PaperEntry:
    """The first worker's typing of a paper ballot. Not counted until a second worker agrees."""
    round_ = station.round
    require(actor, POLLING_STATION_RUN, round_.organisation)
    number = _paper_number(paper_number)
    person = actor.person
    assert person is not None

    def create() -> PaperEntry:
        if round_.stage not in (Round.Stage.VOTING,):
            raise Conflict("Paper ballots can be entered only while the round is voting.")
        if stations.station_key_shared(station=station).cancelled_at is not None:
            raise Conflict(STATION_CANCELLED)
        ordered, ordered_points = _check_choices(round_, station.area, choices, points)
        try:
            with transaction.atomic():
                entry = PaperEntry.objects.create(
                    round=round_,
                    polling_station=station,
                    paper_number=number,
                    area=station.area,
                    choices=ordered,
                    points=ordered_points,
                    entered_by=person,
                    idempotency_key=idempotency_key,
                )
        except IntegrityError:
            if PaperEntry.objects.filter(idempotency_key=idempotency_key).exists():
                raise
            raise Conflict(
                f"Paper ballot {number} has been entered already. Ask a second worker to "
                "confirm it, or check the number."
            ) from None
        audit_record(
            action="budgeting.paper.enter",
            summary="Entered a paper ballot",
            actor_id=actor.person_id,
            organisation_id=round_.organisation_id,
            target=entry,
        )
        return entry

    entry, _ = create_once(
        PaperEntry,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.entered_by_id == person.pk and earlier.round_id == round_.pk,
    )
    return entry


@transaction.atomic
def paper_ballot_confirm(
    *,
    actor: Actor,
    entry: PaperEntry,
    choices: Sequence[int],
    points: Sequence[int] | None = None,
) -> PaperEntry:
    """The second worker types the same paper again. The same choices: counted. Different:
    held for a manager to look at the paper, and not counted."""
    round_ = entry.round
    require(actor, POLLING_STATION_RUN, round_.organisation)
    person = actor.person
    assert person is not None
    locked = selectors.paper_entry_locked(entry=entry)
    if locked.entered_by_id == person.pk:
        raise NotPermitted(
            "A second worker must confirm this paper ballot, not the one who entered it."
        )
    if locked.status != PaperEntry.Status.WAITING:
        raise Conflict("This paper ballot has been confirmed already.")
    _held_unsealed(round_)
    ordered, ordered_points = _check_choices(round_, locked.area, choices, points)
    locked.confirmed_by = person
    locked.second_choices = ordered
    locked.second_points = ordered_points
    if ordered == locked.choices and ordered_points == locked.points:
        locked.ballot = _insert_ballot(
            round_=round_,
            participation=None,
            channel=Ballot.Channel.PAPER,
            choices=ordered,
            points=ordered_points,
            area=locked.area,
            idempotency_key=uuid.uuid4(),
            paper_number=locked.paper_number,
        )
        locked.status = PaperEntry.Status.COUNTED
    else:
        locked.status = PaperEntry.Status.HELD
    locked.save(
        update_fields=[
            "confirmed_by",
            "second_choices",
            "second_points",
            "status",
            "ballot",
            "updated_at",
        ]
    )
    audit_record(
        action="budgeting.paper.confirm",
        summary="Confirmed a paper ballot" if locked.ballot else "Held a paper ballot",
        actor_id=actor.person_id,
        organisation_id=round_.organisation_id,
        target=locked,
        data={"status": locked.status},
    )
    return locked


def paper_ballot_count(
    *,
    round_: Round,
    entry: PaperEntry,
    choices: list[int],
    points: list[int] | None,
    idempotency_key: uuid.UUID,
) -> Ballot:
    """Cast a paper ballot as a round manager decided it after looking at a held paper (see
    ``services.stations.paper_entry_resolve``, which checks who may and locks the entry):
    until the round is sealed, through the same insert as every other ballot."""
    _held_unsealed(round_)
    ordered, ordered_points = _check_choices(round_, entry.area, choices, points)
    return _insert_ballot(
        round_=round_,
        participation=None,
        channel=Ballot.Channel.PAPER,
        choices=ordered,
        points=ordered_points,
        area=entry.area,
        idempotency_key=idempotency_key,
        paper_number=entry.paper_number,
    )
