"""A vote and a departure at the same moment, and two votes on one motion (PostgreSQL): the
meeting's row lock means a motion is never carried while the meeting is inquorate, whichever
commits first, and one motion gets one result."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from alongside.core.errors import ValidationFailed
from alongside.decisions.models import Decision
from alongside.governance.models import Motion
from alongside.governance.selectors_meetings import quorum_at
from alongside.governance.services import attendance, motions
from tests.concurrency import needs_postgres, run_concurrently
from tests.governance.factories_meetings import Room, meeting_in_progress


def _balanced_room_and_motion() -> tuple[Room, Motion]:
    # Two young people and two professionals: one young person leaving makes it inquorate.
    room = meeting_in_progress()
    room.mark(*room.young, *room.professionals)
    motion = motions.motion_propose(
        actor=room.clerk,
        meeting=room.meeting,
        text="Open the youth centre on Saturdays",
        proposer=room.young[0],
        seconder=room.professionals[0],
        idempotency_key=uuid.uuid4(),
    )
    return room, motion


def _decide(room: Room, motion: Motion) -> Callable[[], Any]:
    return lambda: motions.motion_decide(
        actor=room.clerk, motion=motion, method="show_of_hands", show_of_hands=(3, 0, 0),
        what_changes="The centre opens on Saturdays.",
    )  # fmt: skip


def _leave(room: Room) -> Callable[[], Any]:
    return lambda: attendance.attendance_left(
        actor=room.clerk, meeting=room.meeting, person=room.young[1]
    )


@needs_postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("vote_first", [True, False])
def test_a_vote_and_a_departure_at_once_never_carry_a_motion_while_inquorate(vote_first):
    # given a meeting one departure from inquorate, and a motion before it
    room, motion = _balanced_room_and_motion()

    # when the vote and the departure are recorded at the same moment, in either order
    first, second = (_decide(room, motion), _leave(room))
    outcomes = run_concurrently(*((first, second) if vote_first else (second, first)))

    # then the departure is recorded, and the motion is carried only if it was quorate then
    motion.refresh_from_db()
    departure = outcomes[1] if vote_first else outcomes[0]
    assert departure.ok
    if motion.status == Motion.Status.CARRIED:
        assert motion.decided_at is not None
        assert quorum_at(room.meeting, motion.decided_at).quorate
    else:
        vote = outcomes[1] if not vote_first else outcomes[0]
        assert isinstance(vote.error, ValidationFailed)
        assert not Decision.objects.exists()
    assert motion.status == (Motion.Status.CARRIED if vote_first else Motion.Status.PROPOSED)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_votes_on_one_motion_at_once_record_one_result():
    # given a quorate meeting and a motion
    room, motion = _balanced_room_and_motion()

    # when the same vote is sent twice at once
    outcomes = run_concurrently(_decide(room, motion), _decide(room, motion))

    # then both are answered with the one result, and one Decision is recorded
    assert all(outcome.ok for outcome in outcomes)
    assert Decision.objects.count() == 1
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CARRIED
