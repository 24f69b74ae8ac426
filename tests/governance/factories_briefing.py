"""A board with a young member, a chair and a support worker, and a planned meeting with an
agenda, a paper and glossary words, for the briefing, private question and record tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from alongside.accounts.models import Person
from alongside.accounts.roles import Role
from alongside.governance.models import (
    AgendaItem,
    Board,
    BriefingQuestion,
    GlossaryTerm,
    Meeting,
    Paper,
)
from alongside.governance.models.boards import Constituency
from alongside.governance.selectors_briefing import readers
from tests import factories
from tests.governance.factories import BoardFactory, MeetingFactory, seat_for


@dataclass
class Briefed:
    board: Board
    meeting: Meeting
    member: Person  # a young person with a seat
    chair: Person  # a young person in the chair
    officer: Person  # a professional with a seat
    support_worker: Person  # staff, no seat
    paper: Paper


def briefed_board(*, chair: bool = True, support_worker: bool = True) -> Briefed:
    organisation = factories.OrganisationFactory()
    board = BoardFactory(organisation=organisation)
    member = seat_for(board, Constituency.YOUNG_PERSON, display_name="Sky").holder
    chair_seat = seat_for(
        board, Constituency.YOUNG_PERSON, role="chair" if chair else "member", display_name="Jo"
    )
    officer = seat_for(board, Constituency.PROFESSIONAL, display_name="Ms Patel").holder
    worker = factories.person_with_role(Role.WORKER, organisation, display_name="Sam")
    if support_worker:
        board.support_worker = worker
        board.save(update_fields=["support_worker"])
    meeting = MeetingFactory(board=board, title="June meeting")
    paper = Paper.objects.create(
        meeting=meeting,
        title="The youth club budget",
        body="The budget is set by the commissioning panel.",
        plain_words="How much money the youth club has to spend next year.",
        idempotency_key=uuid.uuid4(),
    )
    AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="Saturday opening",
        plain_summary="Should the club open on Saturdays? We will vote on a motion.",
        paper=paper,
        idempotency_key=uuid.uuid4(),
    )
    for term, meaning in [
        ("motion", "A suggestion the board votes on."),
        ("budget", "A plan for how money is spent."),
        ("commissioning", "Choosing and paying for a service."),
        ("quorum", "How many people must be there to decide."),
    ]:
        GlossaryTerm.objects.create(organisation=organisation, term=term, meaning=meaning)
    return Briefed(
        board=board,
        meeting=meeting,
        member=member,  # type: ignore[arg-type]
        chair=chair_seat.holder,  # type: ignore[arg-type]
        officer=officer,  # type: ignore[arg-type]
        support_worker=worker,
        paper=paper,
    )


def question(
    briefed: Briefed,
    *,
    person: Person | None = None,
    to: str = "chair",
    text: str = "What is a motion?",
) -> BriefingQuestion:
    """A question as ``question_send`` leaves it: with the person in that place now as its
    reader (the admins', when the board has no one there)."""
    return BriefingQuestion.objects.create(
        meeting=briefed.meeting,
        person=person or briefed.member,
        kind=BriefingQuestion.Kind.DID_NOT_UNDERSTAND,
        to=to,
        recipient=readers(briefed.board, to).person,
        text=text,
        idempotency_key=uuid.uuid4(),
    )
