"""A meeting in progress on a board of known people, for the meetings, attendance and
motions tests."""

from __future__ import annotations

from dataclasses import dataclass

from alongside.accounts.actor import Actor
from alongside.accounts.models import Person
from alongside.accounts.roles import Role
from alongside.governance.models import Board, Meeting
from alongside.governance.models.boards import Constituency
from alongside.governance.services import attendance
from tests import factories
from tests.governance.factories import BoardFactory, MeetingFactory, seat_for


@dataclass
class Room:
    board: Board
    meeting: Meeting
    clerk: Actor
    young: list[Person]
    professionals: list[Person]

    def mark(self, *people: Person) -> None:
        for person in people:
            attendance.attendance_mark(
                actor=self.clerk, meeting=self.meeting, person=person, status="present"
            )


def meeting_in_progress(*, young: int = 2, professionals: int = 2, minimum: int = 3) -> Room:
    """A started meeting of a board with a young chair, everyone on the list, no one marked."""
    organisation = factories.OrganisationFactory()
    board = BoardFactory(organisation=organisation, quorum_minimum=minimum)
    young_seats = [
        seat_for(board, Constituency.YOUNG_PERSON, role="chair" if n == 0 else "member")
        for n in range(young)
    ]
    pro_seats = [seat_for(board, Constituency.PROFESSIONAL) for _ in range(professionals)]
    clerk = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    meeting = attendance.meeting_open(actor=clerk, meeting=MeetingFactory(board=board))
    return Room(
        board=board,
        meeting=meeting,
        clerk=clerk,
        young=[s.holder for s in young_seats],  # type: ignore[misc]
        professionals=[s.holder for s in pro_seats],  # type: ignore[misc]
    )
