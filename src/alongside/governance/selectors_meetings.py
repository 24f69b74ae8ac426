"""Reading meetings: who is in the room at a moment, and so whether it is quorate.

``quorum_at`` reads a meeting's attendance rows alone (their own copied constituency and
vote), so a seat changed after the meeting never rewrites whether a vote was quorate.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db.models import Q, QuerySet

from alongside.governance.models import Meeting, MeetingAttendance
from alongside.governance.quorum import Constituency, Member, Verdict, verdict


def in_the_room(meeting: Meeting, at: dt.datetime) -> QuerySet[MeetingAttendance]:
    """Attendance rows of the people present at ``at``: arrived by then, not yet left."""
    rows = meeting.attendance.filter(status=MeetingAttendance.Status.PRESENT, arrived_at__lte=at)
    return cast(
        "QuerySet[MeetingAttendance]", rows.filter(Q(left_at__isnull=True) | Q(left_at__gt=at))
    )


def quorum_at(meeting: Meeting, at: dt.datetime) -> Verdict:
    """Whether ``meeting`` was quorate at ``at``, by its board's rule, and what was missing."""
    rows = in_the_room(meeting, at).values_list("person_id", "constituency", "votes")
    room = [
        Member(Constituency(constituency), votes=votes, chairing=person_id == meeting.chaired_by_id)
        for person_id, constituency, votes in rows
    ]
    return verdict(meeting.board.quorum_rule, room)


def counted_at(meeting: Meeting, at: dt.datetime) -> list[dict[str, object]]:
    """Who was in the room at ``at``, as kept with a vote's record of its quorum."""
    rows = in_the_room(meeting, at).values_list("person_id", "constituency", "votes")
    return [
        {
            "person": person_id,
            "constituency": constituency,
            "votes": votes,
            "chairing": person_id == meeting.chaired_by_id,
        }
        for person_id, constituency, votes in rows
    ]
