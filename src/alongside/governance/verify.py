"""The auditor's check: was every carried motion carried by a quorate meeting?

For each carried motion this recomputes the quorum at the moment of the vote (``decided_at``)
from the meeting's attendance rows alone (arrived by then, not yet left, each row's copied
constituency and vote) under the board's rule, with the pure engine, and checks that the
votes could have been cast by the voting members in the room: votes by name only from them,
counts no more than them. Who was in the chair is the one fact the attendance rows do not
hold, so it is read from the motion's own record of its vote, falling back to the meeting's
chair. Motions are read in batches, with the attendance of each batch's meetings in one
query, so memory and the number of queries per batch stay the same however many there are.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from alongside.governance import quorum_words
from alongside.governance.models import MeetingAttendance, Motion, MotionVote
from alongside.governance.quorum import Constituency, Member, verdict

BATCH = 500


@dataclass(frozen=True)
class Problem:
    motion: Motion
    what: str

    def line(self) -> str:
        meeting = self.motion.meeting
        decided = cast(dt.datetime, self.motion.decided_at)
        return (
            f"Motion {self.motion.public_id} ({meeting.board.name}, {meeting.title}, "
            f"{decided:%Y-%m-%d %H:%M} UTC): {self.what}"
        )


@dataclass
class Report:
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _chair(motion: Motion) -> int | None:
    recorded = motion.quorum_at_vote or {}
    for row in recorded.get("counted", []):
        if row.get("chairing"):
            return cast(int, row.get("person"))
    return motion.meeting.chaired_by_id


def _in_room(rows: list[MeetingAttendance], at: dt.datetime) -> list[MeetingAttendance]:
    return [
        r
        for r in rows
        if r.arrived_at is not None and r.arrived_at <= at and (r.left_at is None or r.left_at > at)
    ]


def _check(
    motion: Motion, rows: list[MeetingAttendance], by_name: list[tuple[int, str]]
) -> Iterator[Problem]:
    at = cast(dt.datetime, motion.decided_at)
    room = _in_room(rows, at)
    chair = _chair(motion)
    found = verdict(
        motion.meeting.board.quorum_rule,
        [Member(Constituency(r.constituency), r.votes, r.person_id == chair) for r in room],
    )
    if not found.quorate:
        yield Problem(motion, f"carried while not quorate: {quorum_words.verdict_tag(found)}.")
    voters = {r.person_id for r in room if r.votes}
    strangers = [person for person, _choice in by_name if person not in voters]
    if strangers:
        yield Problem(
            motion, f"{len(strangers)} vote(s) by name from people not voting in the room."
        )
    cast_votes = (motion.votes_for or 0) + (motion.votes_against or 0) + (motion.abstentions or 0)
    if cast_votes > len(voters):
        yield Problem(
            motion, f"{cast_votes} votes counted but only {len(voters)} voting members there."
        )


def _batches() -> Iterator[list[Motion]]:
    last = 0
    carried = Motion.objects.filter(status=Motion.Status.CARRIED).select_related("meeting__board")
    while True:
        batch = cast(list[Motion], list(carried.filter(pk__gt=last).order_by("pk")[:BATCH]))
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def motions_verify() -> Report:
    """Check every carried motion; the report names each one that fails and why."""
    report = Report()
    for batch in _batches():
        meetings = {m.meeting_id for m in batch}
        attendance: dict[int, list[MeetingAttendance]] = defaultdict(list)
        for row in cast(
            list[MeetingAttendance],
            MeetingAttendance.objects.filter(
                meeting_id__in=meetings, status=MeetingAttendance.Status.PRESENT
            ),
        ):
            attendance[row.meeting_id].append(row)
        votes: dict[int, list[tuple[int, str]]] = defaultdict(list)
        rows: Any = MotionVote.objects.filter(motion__in=batch).values_list(
            "motion_id", "person_id", "choice"
        )
        for motion_id, person_id, choice in rows:
            votes[motion_id].append((person_id, choice))
        for motion in batch:
            report.checked += 1
            report.problems.extend(_check(motion, attendance[motion.meeting_id], votes[motion.pk]))
    return report
