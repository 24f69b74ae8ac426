"""Every read of boards and their seats, scoped to an organisation. Other parts of governance
ask ``seat_held`` whether someone sits on a board, and ``composition`` what the board's
membership could ever make quorate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.db.models import Count, Q, QuerySet

from alongside.accounts.models import Organisation, Person
from alongside.core.selectors import get_in_organisation
from alongside.governance import quorum
from alongside.governance.models import Board, Seat


def boards_for(*, organisation: Organisation) -> QuerySet[Board]:
    """The organisation's boards with how many seats each has and how many are filled."""
    return Board.objects.for_organisation(organisation).annotate(
        seat_count=Count("seats"),
        filled_count=Count("seats", filter=Q(seats__holder__isnull=False)),
    )


def board_get(*, organisation: Organisation, public_id: str) -> Board:
    return get_in_organisation(
        Board,
        organisation=organisation,
        public_id=public_id,
        not_found="That board is not part of this organisation.",
    )


def seats_for(*, board: Board) -> list[Seat]:
    seats = Seat.objects.filter(board=board).select_related("holder").order_by("pk")
    return cast("list[Seat]", list(seats))


def seat_held(board: Board, person: Person) -> Seat | None:
    """The seat ``person`` holds on ``board``, if any (one seat per person per board)."""
    return cast("Seat | None", Seat.objects.filter(board=board, holder=person).first())


@dataclass(frozen=True)
class Composition:
    resident_side: int  # voting seats for young people and residents
    voting: int  # every voting seat, filled or not
    full_house: quorum.Verdict  # the verdict with every voting seat holder there


def composition(*, seats: list[Seat], rule: quorum.Rule) -> Composition:
    """Who holds the voting seats, and whether the board could ever be quorate with everyone
    who holds a seat in the room."""
    voting = [s for s in seats if s.votes]
    members = [
        quorum.Member(
            constituency=quorum.Constituency(s.constituency),
            chairing=s.role == Seat.Role.CHAIR,
        )
        for s in voting
        if s.holder_id is not None
    ]
    return Composition(
        resident_side=sum(
            1 for s in voting if quorum.Constituency(s.constituency) in quorum.RESIDENT_SIDE
        ),
        voting=len(voting),
        full_house=quorum.verdict(rule, members),
    )
