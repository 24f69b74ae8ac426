"""Factories for boards, seats and meetings, made directly (the services are tested on their
own). ``board_with_members`` gives a board whose seats hold people with the right roles."""

from __future__ import annotations

import datetime as dt
import uuid

import factory
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.governance.models import Board, Meeting, Seat
from alongside.governance.models.boards import Constituency
from tests import factories


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    organisation = factory.SubFactory(factories.OrganisationFactory)
    kind = Board.Kind.YOUTH_BOARD
    name = factory.Sequence(lambda n: f"Youth board {n}")
    purpose = "Young people and staff decide together how the youth service spends its money."
    terms_of_reference = "The board meets every month.\n\nHalf its members are young people."
    idempotency_key = factory.LazyFunction(uuid.uuid4)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Board meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    location = "Riverside Youth Centre, upstairs room"
    idempotency_key = factory.LazyFunction(uuid.uuid4)


ROLE_FOR = {
    Constituency.YOUNG_PERSON: Role.YOUNG_PERSON,
    Constituency.RESIDENT: Role.PARENT_CARER,
    Constituency.PROFESSIONAL: Role.WORKER,
}


def seat_for(
    board: Board,
    constituency: str,
    *,
    role: str = Seat.Role.MEMBER,
    holder: Person | None = None,
    display_name: str | None = None,
) -> Seat:
    """A seat on ``board`` held by ``holder``, or by a new person with the constituency's role."""
    if holder is None:
        holder = factories.person_with_role(
            ROLE_FOR[Constituency(constituency)],
            board.organisation,
            **({"display_name": display_name} if display_name else {}),
        )
    return Seat.objects.create(
        board=board,
        constituency=constituency,
        role=role,
        holder=holder,
        term_starts=timezone.localdate() - dt.timedelta(days=30),
    )


def board_with_members(
    organisation: Organisation, *, young: int = 3, residents: int = 1, professionals: int = 3
) -> Board:
    """A board with a young chair, then members: young people, residents, professionals."""
    board = BoardFactory(organisation=organisation)
    for n in range(young):
        seat_for(board, Constituency.YOUNG_PERSON, role=Seat.Role.CHAIR if n == 0 else "member")
    for _ in range(residents):
        seat_for(board, Constituency.RESIDENT)
    for _ in range(professionals):
        seat_for(board, Constituency.PROFESSIONAL)
    return board
