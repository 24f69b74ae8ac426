"""Reading meetings: who is in the room at a moment, and so whether it is quorate.

``quorum_at`` reads a meeting's attendance rows alone (their own copied constituency and
vote), so a seat changed after the meeting never rewrites whether a vote was quorate.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db.models import Q, QuerySet

from alongside.accounts.models import Organisation, Person
from alongside.core.errors import NotFound
from alongside.core.selectors import get_in_organisation
from alongside.governance.models import (
    AgendaItem,
    Board,
    Meeting,
    MeetingAttendance,
    Minutes,
    Motion,
)
from alongside.governance.quorum import Constituency, Member, Verdict, verdict


def in_the_room(meeting: Meeting, at: dt.datetime) -> QuerySet[MeetingAttendance]:
    """Attendance rows of the people present at ``at``: arrived by then, not yet left."""
    rows = meeting.attendance.filter(status=MeetingAttendance.Status.PRESENT, arrived_at__lte=at)
    return cast(
        "QuerySet[MeetingAttendance]", rows.filter(Q(left_at__isnull=True) | Q(left_at__gt=at))
    )


def people_in_the_room(meeting: Meeting, at: dt.datetime) -> list[Person]:
    """The people present at ``at``, for a form that names who proposed or seconded."""
    ids = in_the_room(meeting, at).values_list("person_id", flat=True)
    return cast("list[Person]", list(Person.objects.filter(pk__in=ids)))


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


def meeting_get(*, organisation: Organisation, public_id: str) -> Meeting:
    """A meeting of one of the organisation's boards (NotFound for any other)."""
    return get_in_organisation(  # type: ignore[return-value]
        Meeting.objects.select_related("board", "chaired_by"),
        organisation=organisation,
        not_found="There is no such meeting in this organisation.",
        public_id=public_id,
    )


def meetings_for_board(*, board: Board) -> QuerySet[Meeting]:
    return cast("QuerySet[Meeting]", Meeting.objects.filter(board=board).order_by("-starts_at"))


def attendance_for(*, meeting: Meeting) -> list[MeetingAttendance]:
    """Everyone on the meeting's list, young people first, then residents, then professionals."""
    order = {c.value: n for n, c in enumerate(Constituency)}
    rows = cast(
        "list[MeetingAttendance]",
        list(meeting.attendance.select_related("person", "seat").order_by("pk")),
    )
    return sorted(rows, key=lambda r: (order.get(r.constituency, 9), r.pk))


def motions_for(*, meeting: Meeting) -> list[Motion]:
    return cast(
        "list[Motion]",
        list(
            meeting.motions.select_related("proposer", "seconder", "agenda_item").order_by(
                "created_at", "pk"
            )
        ),
    )


def motion_get(*, meeting: Meeting, public_id: str) -> Motion:
    motion = meeting.motions.filter(public_id=public_id).first()
    if motion is None:
        raise NotFound("There is no such motion at this meeting.")
    return cast(Motion, motion)


def agenda_for(*, meeting: Meeting) -> list[AgendaItem]:
    return cast(
        "list[AgendaItem]",
        list(meeting.agenda_items.select_related("theme", "paper").order_by("position")),
    )


def minutes_to_approve(*, meeting: Meeting) -> list[Minutes]:
    """Draft minutes of the board's earlier meetings, newest first: what a motion at
    ``meeting`` may approve."""
    return cast(
        "list[Minutes]",
        list(
            Minutes.objects.filter(
                meeting__board_id=meeting.board_id,
                meeting__starts_at__lt=meeting.starts_at,
                status=Minutes.Status.DRAFT,
            )
            .select_related("meeting")
            .order_by("-meeting__starts_at")[:10]
        ),
    )
