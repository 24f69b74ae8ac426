"""Governance's rows of the permission matrix and page sweep for support for young members:
the briefing, the private question and its confirmation, the inbox where a chair or support
worker answers, and "My record".

The briefing and the question are for members of the board only, and a question is read by
its sender and whom it was sent to only: the policy lets every role in, so the rows name the
visitors the views refuse for their own rule (``also_refuses``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from alongside.accounts.actor import actor_for_person
from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.governance.models import (
    AgendaItem,
    BriefingQuestion,
    GlossaryTerm,
    Meeting,
    MeetingAttendance,
    Motion,
    Paper,
)
from alongside.governance.models.boards import Constituency
from alongside.governance.services import attendance, motions
from tests.governance.factories import BoardFactory, MeetingFactory, seat_for
from tests.matrix import WITHDRAWN, PageState, World, long_name
from tests.matrix import Row as R

MEMBER = Role.YOUNG_PERSON.value  # holds a seat, and sent the question
CHAIR = Role.COUNCILLOR.value  # chairs the board, so reads questions sent to the chair
SUPPORT = Role.WORKER.value  # the board's support worker (no seat)


def _everyone_but(*allowed: str) -> tuple[str, ...]:
    labels = [role.value for role in Role] + [r + WITHDRAWN for r in sorted(PARTICIPANT_ROLES)]
    return tuple(label for label in labels if label not in allowed)


def _meeting(w: World, *, published: bool = True) -> Meeting:
    """A planned meeting of a board with long names everywhere: the young person is a member,
    the councillor chairs it, the worker supports it; an agenda item, a published paper, a
    glossary word they use, and the young person's question to the chair."""
    if "briefing" in w.objects:
        return w.objects["briefing"]
    board = BoardFactory(
        organisation=w.organisation, name=long_name("board"), purpose=long_name("purpose")
    )
    board.support_worker = w.person(SUPPORT)
    board.save(update_fields=["support_worker"])
    seat_for(board, Constituency.YOUNG_PERSON, holder=w.person(MEMBER))
    seat_for(board, Constituency.PROFESSIONAL, role="chair", holder=w.person(CHAIR))
    seat_for(board, Constituency.YOUNG_PERSON, display_name=long_name("other_member"))
    seat_for(board, Constituency.PROFESSIONAL, display_name=long_name("officer"))
    meeting = MeetingFactory(
        board=board,
        title=long_name("meeting"),
        location=long_name("location"),
        papers_published_at=timezone.now() if published else None,
    )
    term = long_name("term")
    paper = Paper.objects.create(
        meeting=meeting,
        title=long_name("paper"),
        body=f"{term} {long_name('body')}",
        plain_words=long_name("plain_words"),
        idempotency_key=uuid.uuid4(),
    )
    AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title=long_name("item"),
        plain_summary=long_name("summary"),
        paper=paper,
        idempotency_key=uuid.uuid4(),
    )
    GlossaryTerm.objects.get_or_create(
        organisation=w.organisation, term=term, defaults={"meaning": long_name("meaning")}
    )
    w.objects["question"] = BriefingQuestion.objects.create(
        meeting=meeting,
        person=w.person(MEMBER),
        kind=BriefingQuestion.Kind.DID_NOT_UNDERSTAND,
        to=BriefingQuestion.To.CHAIR,
        recipient=w.person(CHAIR),
        text=long_name("question"),
        idempotency_key=uuid.uuid4(),
    )
    w.objects["briefing"] = meeting
    return meeting


def _args(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "meeting_id": _meeting(w).public_id}


def _sent(w: World) -> dict[str, Any]:
    return _args(w) | {"question_id": w.objects["question"].public_id}


def _inbox(w: World) -> dict[str, Any]:
    _meeting(w)
    return {"org": w.organisation.slug}


def _reply(w: World) -> dict[str, Any]:
    _meeting(w)
    return {"org": w.organisation.slug, "question_id": w.objects["question"].public_id}


def _question_body(w: World) -> dict[str, Any]:
    return {
        "idempotency_key": str(uuid.uuid4()),
        "kind": BriefingQuestion.Kind.WANT_TO_RAISE,
        "to": BriefingQuestion.To.CHAIR,
        "text": "Can we talk about the bus to the youth club?",
    }


def _record(w: World) -> dict[str, Any]:
    """A finished meeting where the young person was there for 1 hour 35 minutes, proposed a
    motion that was carried, and so took part in a decision."""
    meeting = _meeting(w)
    if "record" not in w.objects:
        clerk = actor_for_person(w.person(SUPPORT))
        earlier = MeetingFactory(
            board=meeting.board,
            title=long_name("earlier_meeting"),
            starts_at=timezone.now() - dt.timedelta(days=30),
        )
        earlier = attendance.meeting_open(actor=clerk, meeting=earlier)
        people = list(earlier.attendance.values_list("person", flat=True))
        for row in earlier.attendance.select_related("person"):
            attendance.attendance_mark(
                actor=clerk, meeting=earlier, person=row.person, status="present"
            )
        others = [p for p in people if p != w.person(MEMBER).pk]
        motion = motions.motion_propose(
            actor=clerk,
            meeting=earlier,
            text=long_name("motion"),
            proposer=w.person(MEMBER),
            seconder=earlier.attendance.get(person_id=others[0]).person,
            idempotency_key=uuid.uuid4(),
        )
        motions.motion_decide(
            actor=clerk,
            motion=motion,
            method=Motion.Method.SHOW_OF_HANDS,
            show_of_hands=(3, 1, 0),
            what_changes=long_name("what_changes"),
        )
        attendance.meeting_close(actor=clerk, meeting=earlier)
        MeetingAttendance.objects.filter(meeting=earlier).update(minutes=95)
        w.objects["record"] = earlier
    return {"org": w.organisation.slug}


MATRIX_ROWS = [
    R("governance:briefing", _args, sweep_as=(MEMBER,), also_refuses=_everyone_but(MEMBER, CHAIR)),
    R(
        "governance:question-send",
        _args,
        body=_question_body,
        sweep_as=(MEMBER,),
        also_refuses=_everyone_but(MEMBER, CHAIR),
    ),
    R("governance:question-sent", _sent, sweep_as=(MEMBER,), also_refuses=_everyone_but(MEMBER)),
    R("governance:question-inbox", _inbox, sweep_as=(CHAIR,)),
    R(
        "governance:question-reply",
        _reply,
        body=lambda w: {"reply": "A motion is a suggestion the board votes on."},
        sweep_as=(CHAIR,),
        also_refuses=_everyone_but(CHAIR),
    ),
    R("governance:my-record", _record, sweep_as=(MEMBER,)),
]


def _not_published(w: World) -> dict[str, Any]:
    _meeting(w, published=False)
    return _args(w)


def _nobody_to_choose(w: World) -> dict[str, Any]:
    """A board with no chair and no support worker: the page says the admins read it."""
    board = BoardFactory(organisation=w.organisation, name=long_name("quiet_board"))
    seat_for(board, Constituency.YOUNG_PERSON, holder=w.person(MEMBER))
    meeting = MeetingFactory(board=board, title=long_name("quiet_meeting"))
    return {"org": w.organisation.slug, "meeting_id": meeting.public_id}


def _finished(w: World) -> dict[str, Any]:
    found = _args(w)
    now = timezone.now()
    Meeting.objects.filter(pk=w.objects["briefing"].pk).update(
        status=Meeting.Status.CLOSED, opened_at=now, closed_at=now
    )
    return found


def _answered(w: World) -> dict[str, Any]:
    found = _reply(w)
    BriefingQuestion.objects.filter(pk=w.objects["question"].pk).update(
        reply=long_name("reply"), replied_by=w.person(CHAIR), replied_at=timezone.now()
    )
    return found


PAGE_STATES = [
    # A finished meeting: no question link, and a way to what happened at it.
    PageState("governance-briefing-finished", "governance:briefing", _finished, MEMBER),
    # An answered question: its answer shown, and no form to answer it again.
    PageState("governance-question-answered", "governance:question-reply", _answered, CHAIR),
    # Before the papers are published: none shown, and when they usually come.
    PageState(
        "governance-briefing-papers-not-ready", "governance:briefing", _not_published, MEMBER
    ),
    PageState(
        "governance-question-nobody-to-choose",
        "governance:question-send",
        _nobody_to_choose,
        MEMBER,
    ),
    PageState(
        "governance-questions-none",
        "governance:question-inbox",
        lambda w: {"org": w.organisation.slug},
        Role.COMMISSIONER.value,
    ),
    PageState(
        "governance-my-record-empty",
        "governance:my-record",
        lambda w: {"org": w.organisation.slug},
        Role.PARENT_CARER.value,
    ),
]

TYPED_TEXT = [
    (BriefingQuestion, "text"),
    (BriefingQuestion, "reply"),
    (Paper, "title"),
    (Paper, "plain_words"),
]
