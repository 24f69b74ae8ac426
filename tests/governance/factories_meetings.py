"""A meeting in progress on a board of known people, for the meetings, attendance and
motions tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.governance.models import Board, Meeting, Motion
from alongside.governance.models.boards import Constituency
from alongside.governance.services import attendance, motions
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


def meeting_in_progress(
    *,
    young: int = 2,
    professionals: int = 2,
    minimum: int = 3,
    organisation: Organisation | None = None,
) -> Room:
    """A started meeting of a board with a young chair, everyone on the list, no one marked."""
    organisation = organisation or factories.OrganisationFactory()
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


def motion_waiting(room: Room) -> Motion:
    """Everyone in ``room`` marked here (quorate by the default rule), and a motion proposed by
    a young person and seconded by a professional, waiting for its vote."""
    room.mark(*room.young, *room.professionals)
    return motions.motion_propose(
        actor=room.clerk,
        meeting=room.meeting,
        text="That the youth club opens on Saturdays",
        proposer=room.young[0],
        seconder=room.professionals[0],
        idempotency_key=uuid.uuid4(),
    )
