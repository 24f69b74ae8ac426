"""Motions: proposing, the vote refused while inquorate (and the refusal kept), carried
motions as Decisions with their citations, minutes approved by motion, and one result for a
vote sent twice."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from alongside.core.errors import ValidationFailed
from alongside.core.models import AuditEvent
from alongside.decisions.models import Decision
from alongside.governance.models import AgendaItem, Minutes, Motion, MotionVote
from alongside.governance.services import attendance, motions
from tests.governance.factories import MeetingFactory
from tests.governance.factories_meetings import Room, meeting_in_progress
from tests.voice.factories_answers import contribution, in_theme, theme

pytestmark = pytest.mark.django_db

REFUSAL = (
    "The meeting is not quorate, so this motion cannot be decided. It needs 1 more young "
    "person or resident. Update who is here, then record the vote."
)


def _propose(room: Room, **kwargs: object) -> Motion:
    kwargs.setdefault("text", "Open the youth centre on Saturdays")
    kwargs.setdefault("proposer", room.young[0])
    kwargs.setdefault("seconder", room.professionals[0])
    return motions.motion_propose(
        actor=room.clerk,
        meeting=room.meeting,
        idempotency_key=uuid.uuid4(),
        **kwargs,  # type: ignore[arg-type]
    )


def _quorate_room() -> Room:
    room = meeting_in_progress()
    room.mark(*room.young, *room.professionals)
    return room


def test_proposer_and_seconder_are_two_voting_members_here_now():
    # given a meeting where one young person is not here
    room = meeting_in_progress()
    room.mark(room.young[0], *room.professionals)

    # when/then the absent cannot second, nor can the proposer second their own motion
    with pytest.raises(ValidationFailed, match="seconded it from the voting members"):
        _propose(room, seconder=room.young[1])
    with pytest.raises(ValidationFailed, match="someone other than who proposed"):
        _propose(room, seconder=room.young[0])


def test_a_vote_while_inquorate_is_refused_in_the_quorums_words_and_the_refusal_is_kept():
    # given a motion, then a young person leaves so the professionals outnumber them
    room = _quorate_room()
    motion = _propose(room)
    attendance.attendance_left(actor=room.clerk, meeting=room.meeting, person=room.young[1])

    # when the clerk records a show of hands, then it is refused with the exact words
    with pytest.raises(ValidationFailed) as refused:
        motions.motion_decide(
            actor=room.clerk, motion=motion, method="show_of_hands", show_of_hands=(3, 0, 0),
            what_changes="The centre opens on Saturdays.",
        )  # fmt: skip
    assert str(refused.value) == REFUSAL

    # then nothing changed but the refusal, which is on the audit trail
    motion.refresh_from_db()
    assert motion.status == Motion.Status.PROPOSED
    assert motion.decided_at is None
    assert not Decision.objects.exists()
    event = AuditEvent.objects.get(action="governance.motion.refused_inquorate")
    assert event.data["verdict"]["missing"] == [{"shortfall": "resident_side", "count": 1}]


def test_a_carried_motion_is_a_decision_citing_the_agenda_theme_and_chosen_contributions():
    # given a quorate meeting, an agenda item about a theme, and a contribution in it
    room = _quorate_room()
    organisation = room.board.organisation
    places = theme(organisation)
    said = contribution(organisation)
    in_theme(places, said)
    item = AgendaItem.objects.create(
        meeting=room.meeting, position=1, title="Saturday opening", theme=places
    )
    motion = _propose(room, agenda_item=item)

    # when it is carried by name, 3 for and 1 abstaining
    votes = {p.pk: "for" for p in [*room.young, room.professionals[0]]}
    votes[room.professionals[1].pk] = "abstain"
    decided = motions.motion_decide(
        actor=room.clerk, motion=motion, method="by_name", votes_by_name=votes,
        what_changes="The centre opens 10am to 4pm on Saturdays.", cites_contributions=[said],
    )  # fmt: skip

    # then it is carried with its counts, votes by name and the quorum it was taken under
    assert decided.status == Motion.Status.CARRIED
    assert (decided.votes_for, decided.votes_against, decided.abstentions) == (3, 0, 1)
    assert MotionVote.objects.filter(motion=decided).count() == 4
    assert decided.quorum_at_vote["verdict"]["quorate"] is True
    assert len(decided.quorum_at_vote["counted"]) == 4

    # and it shows on "you said, we did" as a Decision citing the theme and the contribution
    decision = Decision.objects.get(subject_type="governance.motion")
    assert decision.subject_id == str(motion.public_id)
    assert decision.decided_by == room.board.name
    assert decision.forum == room.meeting.title
    cited = set(decision.citations.values_list("theme_id", "contribution_id"))
    assert cited == {(places.pk, None), (None, said.pk)}


def test_the_same_vote_sent_twice_records_one_result():
    # given a motion carried by a show of hands
    room = _quorate_room()
    motion = _propose(room)

    def decide(hands: tuple[int, int, int]) -> Motion:
        return motions.motion_decide(
            actor=room.clerk, motion=motion, method="show_of_hands", show_of_hands=hands,
            what_changes="The centre opens on Saturdays.",
        )  # fmt: skip

    decide((3, 1, 0))

    # when the same form is sent again, then one result and one Decision stand
    assert decide((3, 1, 0)).status == Motion.Status.CARRIED
    assert Decision.objects.count() == 1
    assert AuditEvent.objects.filter(action="governance.motion.decide").count() == 1

    # and a different result for the same motion is refused
    with pytest.raises(ValidationFailed, match="already been recorded"):
        decide((1, 3, 0))


def test_votes_must_be_of_the_voting_members_here():
    # given a quorate meeting of four voting members
    room = _quorate_room()
    motion = _propose(room)

    # when/then more hands than people, or a vote by name missing someone, are refused
    with pytest.raises(ValidationFailed, match="only 4 voting members"):
        motions.motion_decide(
            actor=room.clerk, motion=motion, method="show_of_hands", show_of_hands=(3, 2, 0)
        )
    with pytest.raises(ValidationFailed, match="each voting member here now"):
        motions.motion_decide(
            actor=room.clerk, motion=motion, method="by_name",
            votes_by_name={room.young[0].pk: "for"},
        )  # fmt: skip


def test_a_lost_motion_records_no_decision():
    # given a quorate meeting; when a motion is lost on a tie
    room = _quorate_room()
    motion = motions.motion_decide(
        actor=room.clerk, motion=_propose(room), method="show_of_hands", show_of_hands=(2, 2, 0)
    )

    # then it is not carried and nothing shows on "you said, we did"
    assert motion.status == Motion.Status.LOST
    assert not Decision.objects.exists()


def test_a_carried_motion_approves_the_draft_minutes_of_an_earlier_meeting():
    # given draft minutes of last month's meeting of the same board
    room = _quorate_room()
    earlier = MeetingFactory(
        board=room.board, starts_at=room.meeting.starts_at - dt.timedelta(days=30)
    )
    minutes = Minutes.objects.create(meeting=earlier, body="We met and talked about the park.")

    # when a motion to approve them is carried, with nothing said of what changes
    motion = _propose(room, text="Approve last month's minutes", approves_minutes=minutes)
    motions.motion_decide(
        actor=room.clerk, motion=motion, method="show_of_hands", show_of_hands=(4, 0, 0),
    )  # fmt: skip

    # then they are approved, and no decision goes on "You said, we did" for it
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_at is not None
    assert minutes.approved_at <= timezone.now()
    assert not Decision.objects.exists()


def test_only_draft_minutes_of_an_earlier_meeting_of_this_board_can_be_approved():
    # given minutes of a meeting of another board
    room = _quorate_room()
    other = MeetingFactory(starts_at=room.meeting.starts_at - dt.timedelta(days=30))
    minutes = Minutes.objects.create(meeting=other, body="Another board's meeting.")

    # when/then proposing to approve them is refused
    with pytest.raises(ValidationFailed, match="earlier meeting of this board"):
        _propose(room, approves_minutes=minutes)
