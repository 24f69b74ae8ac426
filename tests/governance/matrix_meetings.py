"""Governance's rows of the permission matrix and page sweep for a meeting on the night: its
page, starting it, who is here (under the quorum tag), motions and their votes, finishing it."""

from __future__ import annotations

import uuid
from typing import Any

from alongside.accounts.actor import actor_for_person
from alongside.accounts.roles import Role
from alongside.governance.models import AgendaItem, Meeting, MeetingAttendance, Motion
from alongside.governance.models.boards import Constituency
from alongside.governance.services import attendance, motions
from tests.governance.factories import BoardFactory, MeetingFactory, seat_for
from tests.matrix import PageState, World, long_name
from tests.matrix import Row as R


def _meeting(w: World, *, started: bool = True, quorate: bool = True) -> Meeting:
    """A meeting of a board with long names: two young people (one chairing) and two
    professionals, everyone marked here (or, not quorate, one young person away), and a
    motion waiting for its vote."""
    if "meeting" in w.objects:
        return w.objects["meeting"]
    board = BoardFactory(organisation=w.organisation, name=long_name("board"))
    seats = [
        seat_for(board, Constituency.YOUNG_PERSON, role="chair", display_name=long_name("chair")),
        seat_for(board, Constituency.YOUNG_PERSON, display_name=long_name("member")),
        seat_for(board, Constituency.PROFESSIONAL, display_name=long_name("officer")),
        seat_for(board, Constituency.PROFESSIONAL, display_name=long_name("manager")),
    ]
    meeting = MeetingFactory(board=board, title=long_name("meeting"))
    AgendaItem.objects.create(
        meeting=meeting, position=1, title=long_name("item"), plain_summary=long_name("summary")
    )
    w.objects["people"] = [s.holder for s in seats]
    if started:
        clerk = actor_for_person(w.person(Role.WORKER.value))
        meeting = attendance.meeting_open(actor=clerk, meeting=meeting)
        here = w.objects["people"] if quorate else w.objects["people"][:1] + w.objects["people"][2:]
        for person in here:
            attendance.attendance_mark(
                actor=clerk, meeting=meeting, person=person, status="present"
            )
        w.objects["motion"] = motions.motion_propose(
            actor=clerk,
            meeting=meeting,
            text=long_name("motion"),
            proposer=w.objects["people"][0],
            seconder=w.objects["people"][2],
            idempotency_key=uuid.uuid4(),
        )
    w.objects["meeting"] = meeting
    return meeting


def _args(w: World, **kwargs: Any) -> dict[str, Any]:
    return {"org": w.organisation.slug, "meeting_id": _meeting(w, **kwargs).public_id}


def _motion(w: World) -> dict[str, Any]:
    return _args(w) | {"motion_id": w.objects["motion"].public_id}


def _scheduled(w: World) -> dict[str, Any]:
    return _args(w, started=False)


def _with_no_motion(w: World) -> dict[str, Any]:
    found = _args(w)
    Motion.objects.filter(pk=w.objects["motion"].pk).update(status=Motion.Status.WITHDRAWN)
    return found


def _calendar(w: World) -> dict[str, Any]:
    _meeting(w)
    Meeting.objects.filter(pk=w.objects["meeting"].pk).update(is_public=True)
    return {"org": w.organisation.slug}


def _mark_body(w: World) -> dict[str, Any]:
    row = MeetingAttendance.objects.get(meeting=w.objects["meeting"], person=w.objects["people"][1])
    return {"row": str(row.pk), "mark": "left"}


def _propose_body(w: World) -> dict[str, Any]:
    people = w.objects["people"]
    return {
        "idempotency_key": str(uuid.uuid4()),
        "agenda_item": "",
        "text": "That the youth club opens on Saturdays",
        "proposer": str(people[1].pk),
        "seconder": str(people[3].pk),
    }


def _decide_body(w: World) -> dict[str, Any]:
    return {
        "votes_for": "3",
        "votes_against": "1",
        "abstentions": "0",
        "what_changes": "The club opens on Saturdays.",
    }


MATRIX_ROWS = [
    R("governance:meeting-detail", _args),
    R("governance:meeting-calendar", _calendar, page=False),
    R("governance:meeting-open", _scheduled, body=lambda w: {}),
    R("governance:meeting-attendance", _args, body=_mark_body),
    R("governance:meeting-close", _with_no_motion, body=lambda w: {}),
    R("governance:motion-propose", _args, body=_propose_body),
    R("governance:motion-decide", _motion, body=_decide_body),
    R("governance:motion-withdraw", _motion, body=lambda w: {}, page=False),
]

PAGE_STATES = [
    # The vote taken by name: For, Against or Abstain for each voting member here.
    PageState(
        "governance-vote-by-name",
        "governance:motion-decide",
        _motion,
        Role.WORKER.value,
        query="?by=name",
    ),
    # A young person away, so the tag is red and says exactly who is missing.
    PageState(
        "governance-meeting-not-quorate",
        "governance:meeting-attendance",
        lambda w: _args(w, quorate=False),
        Role.WORKER.value,
    ),
    PageState(
        "governance-meeting-planned",
        "governance:meeting-detail",
        _scheduled,
        Role.YOUNG_PERSON.value,
    ),
]

TYPED_TEXT = [
    (Meeting, "title"),
    (Meeting, "location"),
    (Motion, "text"),
    (AgendaItem, "title"),
    (AgendaItem, "plain_summary"),
]
