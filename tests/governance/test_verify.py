"""The auditor's check: `alongside governance verify` passes when every carried motion was
quorate when it was voted, and fails naming the motion when one was not."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.management import CommandError, call_command

from alongside.governance.models import MeetingAttendance, Motion, MotionVote
from alongside.governance.services import motions
from alongside.governance.verify import motions_verify
from tests.governance.factories_meetings import Room, meeting_in_progress

pytestmark = pytest.mark.django_db


def _carried(room: Room, text: str = "Open the youth centre on Saturdays") -> Motion:
    motion = motions.motion_propose(
        actor=room.clerk,
        meeting=room.meeting,
        text=text,
        proposer=room.young[0],
        seconder=room.professionals[0],
        idempotency_key=uuid.uuid4(),
    )
    voters = [*room.young, *room.professionals]
    return motions.motion_decide(
        actor=room.clerk,
        motion=motion,
        method=Motion.Method.BY_NAME,
        votes_by_name={p.pk: "for" for p in voters},
        what_changes="The centre opens on Saturdays.",
    )


def test_with_every_carried_motion_quorate_the_check_passes(capsys):
    # Given a quorate meeting that carried a motion
    room = meeting_in_progress()
    room.mark(*room.young, *room.professionals)
    _carried(room)
    # When the auditor runs the check
    call_command("governance", "verify")
    # Then it says how many it checked, and that all were quorate
    assert "Checked 1 carried motion: all were quorate." in capsys.readouterr().out


def test_a_motion_whose_recorded_attendance_was_not_quorate_fails_by_name():
    # Given a carried motion, and the attendance then changed to say a young person had
    # already left before the vote
    room = meeting_in_progress()
    room.mark(*room.young, *room.professionals)
    motion = _carried(room)
    assert motion.decided_at is not None
    MeetingAttendance.objects.filter(meeting=room.meeting, person=room.young[1]).update(
        arrived_at=motion.decided_at - dt.timedelta(minutes=10),
        left_at=motion.decided_at - dt.timedelta(minutes=1),
    )
    # When the auditor runs the check
    with pytest.raises(CommandError) as failed:
        call_command("governance", "verify")
    # Then it names the motion and exactly what was missing, that a vote came from someone
    # not in the room, and that more votes were counted than voters were there
    message = str(failed.value)
    assert str(motion.public_id) in message
    assert "carried while not quorate: Not quorate: needs 1 more young person or resident" in (
        message
    )
    assert "1 vote(s) by name from people not voting in the room" in message
    assert "4 votes counted but only 3 voting members there" in message
    assert message.endswith("Checked 1 carried motion: 3 problems found.")


def test_more_votes_counted_than_voters_there_is_a_problem():
    room = meeting_in_progress()
    room.mark(*room.young, *room.professionals)
    motion = _carried(room)
    Motion.objects.filter(pk=motion.pk).update(votes_for=9)
    problems = motions_verify().problems
    assert [p.what for p in problems] == ["9 votes counted but only 4 voting members there."]


def test_the_check_reads_in_batches_with_the_same_queries_however_many_motions(
    django_assert_max_num_queries,
):
    # Given two meetings' carried motions
    for _ in range(2):
        room = meeting_in_progress()
        room.mark(*room.young, *room.professionals)
        _carried(room, "First")
        _carried(room, "Second")
    assert MotionVote.objects.count() == 16
    # Then one batch takes the motions, their attendance, their votes, and the empty next batch
    with django_assert_max_num_queries(4):
        report = motions_verify()
    assert report.checked == 4
    assert report.ok


def test_with_no_motion_carried_yet_there_is_nothing_to_check(capsys):
    call_command("governance", "verify")
    assert "No motion has been carried yet: nothing to check." in capsys.readouterr().out
