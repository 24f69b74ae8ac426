"""Every read of boards and their seats, scoped to an organisation. Other parts of governance
ask ``seat_held`` whether someone sits on a board, and ``composition`` what the board's
membership could ever make quorate."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import cast

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from alongside.accounts.models import Organisation, Person
from alongside.core.selectors import get_in_organisation
from alongside.governance import quorum
from alongside.governance.models import Board, GlossaryTerm, Meeting, Seat


def boards_for(*, organisation: Organisation) -> QuerySet[Board]:
    """The organisation's boards with how many seats each has and how many are filled."""
    return (
        Board.objects.for_organisation(organisation)
        .annotate(
            seat_count=Count("seats"),
            filled_count=Count("seats", filter=Q(seats__holder__isnull=False)),
        )
        .order_by("name", "pk")
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


def glossary_for(*, organisation: Organisation) -> QuerySet[GlossaryTerm]:
    """The organisation's glossary, alphabetical whatever the capitals."""
    return GlossaryTerm.objects.for_organisation(organisation).order_by(Lower("term"), "pk")


def glossary_terms_in(
    organisation: Organisation, texts: list[str]
) -> list[tuple[GlossaryTerm, int]]:
    """The glossary's words that appear, as whole words and whatever their capitals, in any of
    ``texts`` (a paper, a meeting's agenda and papers), alphabetical, each with its place in the
    glossary (from 0), so a link can go to the glossary page it is on. One query."""
    return [
        (entry, position)
        for position, entry in enumerate(glossary_for(organisation=organisation))
        if any(mentions(entry.term, text) for text in texts)
    ]


def glossary_term_get(*, organisation: Organisation, pk: int) -> GlossaryTerm:
    return get_in_organisation(
        GlossaryTerm,
        organisation=organisation,
        pk=pk,
        not_found="That word is not in this organisation's glossary.",
    )


def mentions(term: str, text: str) -> bool:
    """Whether ``text`` uses ``term`` as a whole word (or phrase), whatever the capitals."""
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class HeldSeat:
    """A board someone sits on, for their home page, with its next meeting if one is planned."""

    seat: Seat
    next_meeting: Meeting | None


def seats_held_by(*, person: Person, now: dt.datetime) -> list[HeldSeat]:
    """The open boards ``person`` holds a seat on, each with its next planned meeting: two
    queries however many boards."""
    seats = cast(
        "list[Seat]",
        list(
            Seat.objects.filter(holder=person, board__closed_at__isnull=True)
            .select_related("board__organisation")
            .order_by("board__name", "pk")
        ),
    )
    upcoming: dict[int, Meeting] = {}
    meetings = Meeting.objects.filter(
        board_id__in=[s.board_id for s in seats],
        status=Meeting.Status.SCHEDULED,
        starts_at__gte=now,
    ).order_by("-starts_at")
    for meeting in cast("list[Meeting]", list(meetings)):
        upcoming[meeting.board_id] = meeting  # the earliest is read last, so it stays
    return [HeldSeat(seat, upcoming.get(seat.board_id)) for seat in seats]


def reads_questions(*, organisation: Organisation, person: Person) -> bool:
    """Whether ``person`` chairs or supports one of the organisation's boards, so young
    members' private questions may be sent to them."""
    return (
        Board.objects.for_organisation(organisation)
        .filter(Q(support_worker=person) | Q(seats__holder=person, seats__role=Seat.Role.CHAIR))
        .exists()
    )
