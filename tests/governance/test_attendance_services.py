"""Taking attendance: the list made on opening, marks, leaving and coming back, the quorum
read from the rows, and finishing the meeting."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.governance.models import Meeting, MeetingAttendance
from alongside.governance.quorum import Missing, Shortfall
from alongside.governance.selectors_meetings import quorum_at
from alongside.governance.services import attendance, motions
from tests import factories
from tests.governance.factories_meetings import meeting_in_progress

pytestmark = pytest.mark.django_db


def test_opening_puts_every_seat_holder_on_the_list_with_the_chair_in_the_chair():
    # given/when a meeting of four seat holders starts
    room = meeting_in_progress()

    # then all four are on the list, not here yet, and the young chair chairs
    rows = room.meeting.attendance.all()
    assert rows.count() == 4
    assert {r.status for r in rows} == {MeetingAttendance.Status.ABSENT}
    assert room.meeting.status == Meeting.Status.IN_PROGRESS
    assert room.meeting.chaired_by == room.young[0]


def test_the_quorum_follows_who_is_in_the_room():
    # given a meeting where two professionals and one young person are here
    room = meeting_in_progress()
    room.mark(room.young[0], *room.professionals)

    # then it needs one more young person or resident
    verdict = quorum_at(room.meeting, timezone.now())
    assert verdict.missing == (Missing(Shortfall.RESIDENT_SIDE, 1),)

    # when the second young person arrives, then it is quorate
    room.mark(room.young[1])
    assert quorum_at(room.meeting, timezone.now()).quorate

    # when a young person leaves, then it is not, and a moment before they left it was
    before = timezone.now()
    attendance.attendance_left(actor=room.clerk, meeting=room.meeting, person=room.young[1])
    assert not quorum_at(room.meeting, timezone.now()).quorate
    assert quorum_at(room.meeting, before).quorate

    # when they come back, then it is quorate again
    attendance.attendance_back(actor=room.clerk, meeting=room.meeting, person=room.young[1])
    assert quorum_at(room.meeting, timezone.now()).quorate


def test_only_someone_here_can_leave_and_only_someone_who_left_can_come_back():
    # given a meeting where nobody is marked
    room = meeting_in_progress()

    # when/then leaving or coming back is refused in our words
    with pytest.raises(ValidationFailed, match="Only someone who is here now can leave"):
        attendance.attendance_left(actor=room.clerk, meeting=room.meeting, person=room.young[0])
    with pytest.raises(ValidationFailed, match="Only someone who left can come back"):
        attendance.attendance_back(actor=room.clerk, meeting=room.meeting, person=room.young[0])


def test_a_young_person_cannot_take_attendance():
    # given a young member of the board
    room = meeting_in_progress()

    # when they try to mark someone, then the policy refuses
    with pytest.raises(NotPermitted):
        attendance.attendance_mark(
            actor=factories.actor(room.young[0]),
            meeting=room.meeting,
            person=room.young[1],
            status="present",
        )


def test_the_chair_can_change_to_anyone_on_the_list():
    # given a meeting chaired by its young chair
    room = meeting_in_progress()

    # when a professional stands in
    attendance.chair_change(actor=room.clerk, meeting=room.meeting, person=room.professionals[0])

    # then they chair, and someone not on the board cannot
    room.meeting.refresh_from_db()
    assert room.meeting.chaired_by == room.professionals[0]
    stranger = factories.person_with_role("worker", room.board.organisation)
    with pytest.raises(ValidationFailed, match="seat on this board"):
        attendance.chair_change(actor=room.clerk, meeting=room.meeting, person=stranger)


def test_closing_is_refused_while_a_motion_is_undecided_and_then_counts_minutes():
    # given a quorate meeting with a motion not yet voted on
    room = meeting_in_progress()
    room.mark(*room.young, *room.professionals)
    motion = motions.motion_propose(
        actor=room.clerk,
        meeting=room.meeting,
        text="Spend the summer budget on the skate park",
        proposer=room.young[0],
        seconder=room.young[1],
        idempotency_key=uuid.uuid4(),
    )

    # when the clerk tries to finish, then it is refused, naming the motion
    with pytest.raises(ValidationFailed, match="skate park"):
        attendance.meeting_close(actor=room.clerk, meeting=room.meeting)

    # when the motion is withdrawn and the meeting has run an hour
    motions.motion_withdraw(actor=room.clerk, motion=motion)
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    Meeting.objects.filter(pk=room.meeting.pk).update(opened_at=hour_ago)
    room.meeting.attendance.filter(status="present").update(arrived_at=hour_ago)
    meeting = attendance.meeting_close(actor=room.clerk, meeting=room.meeting)

    # then it is finished and each person present took part for an hour
    assert meeting.status == Meeting.Status.CLOSED
    assert set(meeting.attendance.values_list("minutes", flat=True)) == {60}
