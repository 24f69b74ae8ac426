"""Governance's rows of the permission matrix and page sweep for minutes and actions: the
minutes page, writing and publishing them, adding an action, a board's actions, marking one
done (its owner or a clerk) and "My actions"."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from alongside.accounts.actor import actor_for_person
from alongside.accounts.roles import Role
from alongside.governance.models import ActionItem, Meeting, Minutes, Motion
from alongside.governance.models.boards import Constituency
from alongside.governance.services import attendance, motions
from tests.governance.factories import BoardFactory, MeetingFactory, seat_for
from tests.matrix import PageState, World, long_name
from tests.matrix import Row as R

# Policy lets them mark an action done, but only their own: the one in this world is the
# young person's, so the view refuses these (a clerk may mark any).
NOT_OWNER_NOR_CLERK = (
    Role.COUNCILLOR.value,
    Role.PROVIDER.value,
    Role.SAFEGUARDING_LEAD.value,
    Role.PARENT_CARER.value,
    Role.COMMUNITY_MEMBER.value,
    Role.REWARD_PARTNER.value,
)


def _finished(w: World) -> Meeting:
    """A finished meeting of a board with long names: four members here, one who sent
    apologies, and a motion carried by show of hands."""
    if "meeting" in w.objects:
        return w.objects["meeting"]
    board = BoardFactory(organisation=w.organisation, name=long_name("board"))
    seats = [
        seat_for(board, Constituency.YOUNG_PERSON, role="chair", display_name=long_name("chair")),
        seat_for(board, Constituency.YOUNG_PERSON, display_name=long_name("member")),
        seat_for(board, Constituency.PROFESSIONAL, display_name=long_name("officer")),
        seat_for(board, Constituency.PROFESSIONAL, display_name=long_name("manager")),
        seat_for(board, Constituency.YOUNG_PERSON, display_name=long_name("away")),
    ]
    people = [s.holder for s in seats]
    clerk = actor_for_person(w.person(Role.WORKER.value))
    meeting = attendance.meeting_open(
        actor=clerk, meeting=MeetingFactory(board=board, title=long_name("meeting"))
    )
    for person in people[:4]:
        attendance.attendance_mark(actor=clerk, meeting=meeting, person=person, status="present")
    attendance.attendance_mark(actor=clerk, meeting=meeting, person=people[4], status="apologies")
    motion = motions.motion_propose(
        actor=clerk,
        meeting=meeting,
        text=long_name("motion"),
        proposer=people[0],
        seconder=people[2],
        idempotency_key=uuid.uuid4(),
    )
    motions.motion_decide(
        actor=clerk,
        motion=motion,
        method=Motion.Method.SHOW_OF_HANDS,
        show_of_hands=(3, 1, 0),
        what_changes=long_name("changes"),
    )
    meeting = attendance.meeting_close(actor=clerk, meeting=meeting)
    w.objects["meeting"] = meeting
    w.objects["people"] = people
    return meeting


def _args(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "meeting_id": _finished(w).public_id}


def _with_minutes(w: World, status: str) -> dict[str, Any]:
    found = _args(w)
    now = timezone.now()
    Minutes.objects.create(
        meeting=w.objects["meeting"],
        # One paragraph: the Welsh test matches what is shown to what was typed, whole.
        body=long_name("minutes"),
        status=status,
        approved_at=now if status != Minutes.Status.DRAFT else None,
        published_at=now if status == Minutes.Status.PUBLISHED else None,
    )
    return found


def _board_args(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "board_id": _finished(w).board.public_id}


def _actions(w: World) -> list[ActionItem]:
    """Three of the young person's actions: one overdue, one to do, one done with a note."""
    if "actions" not in w.objects:
        meeting = _finished(w)
        today = timezone.localdate()
        owner = w.person(Role.YOUNG_PERSON.value)
        w.objects["actions"] = [
            ActionItem.objects.create(
                meeting=meeting,
                description=long_name(name),
                owner=owner,
                due_on=today + dt.timedelta(days=days),
                done_at=timezone.now() if done else None,
                done_note=long_name("note") if done else "",
                idempotency_key=uuid.uuid4(),
            )
            for name, days, done in [("late", -3, False), ("open", 10, False), ("done", 1, True)]
        ]
    return w.objects["actions"]


def _board_actions(w: World) -> dict[str, Any]:
    _actions(w)
    return _board_args(w)


def _action(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "action_id": _actions(w)[1].public_id}


def _mine(w: World) -> dict[str, Any]:
    _actions(w)
    return {"org": w.organisation.slug}


def _add_body(w: World) -> dict[str, Any]:
    due = timezone.localdate() + dt.timedelta(days=30)
    return {
        "idempotency_key": str(uuid.uuid4()),
        "description": "Ask the parks team when the new lights go in",
        "owner": str(w.objects["people"][1].pk),
        "due_on_day": str(due.day),
        "due_on_month": str(due.month),
        "due_on_year": str(due.year),
        "agenda_item": "",
    }


MATRIX_ROWS = [
    R("governance:minutes-detail", lambda w: _with_minutes(w, Minutes.Status.PUBLISHED)),
    R(
        "governance:minutes-draft",
        _args,
        body=lambda w: {"body": "Present: everyone.\n\nThe board agreed to open on Saturdays."},
    ),
    R(
        "governance:minutes-publish",
        lambda w: _with_minutes(w, Minutes.Status.APPROVED),
        body=lambda w: {},
    ),
    R("governance:action-add", _args, body=_add_body),
    R("governance:board-actions", _board_actions),
    R(
        "governance:action-done",
        _action,
        body=lambda w: {"note": "The lights go in next month."},
        sweep_as=(Role.YOUNG_PERSON.value,),
        also_refuses=NOT_OWNER_NOR_CLERK,
    ),
    R("governance:my-actions", _mine, sweep_as=(Role.YOUNG_PERSON.value,)),
]

PAGE_STATES = [
    # A member who is not a clerk, before the minutes are published: they are told when.
    PageState(
        "governance-minutes-not-published",
        "governance:minutes-detail",
        lambda w: _with_minutes(w, Minutes.Status.DRAFT),
        Role.YOUNG_PERSON.value,
    ),
    # A clerk reads the draft, labelled as one.
    PageState(
        "governance-minutes-draft-for-clerk",
        "governance:minutes-detail",
        lambda w: _with_minutes(w, Minutes.Status.DRAFT),
        Role.WORKER.value,
    ),
    # The first time: the text area holds the draft made from the record.
    PageState(
        "governance-minutes-first-draft",
        "governance:minutes-draft",
        _args,
        Role.WORKER.value,
    ),
    PageState(
        "governance-board-actions-empty",
        "governance:board-actions",
        _board_args,
        Role.YOUNG_PERSON.value,
    ),
    PageState(
        "governance-my-actions-empty",
        "governance:my-actions",
        lambda w: {"org": w.organisation.slug},
        Role.PARENT_CARER.value,
    ),
]

TYPED_TEXT = [
    (Minutes, "body"),
    (ActionItem, "description"),
    (ActionItem, "done_note"),
]
