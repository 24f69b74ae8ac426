"""Reading what young members need around a meeting: their briefing, who reads their private
questions, the questions sent to a chair or support worker, and a person's own record.

A private question is read by its sender and by whoever it is addressed to, and nobody
else: the board's chair (``to="chair"``), its support worker (``to="support_worker"``), or,
when the board has no one in that place, the organisation's admins. ``readers`` says who
that is; ``inbox_for`` lists the same people's questions the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from alongside.accounts.models import Organisation, Person
from alongside.core.errors import NotFound, NotPermitted
from alongside.governance import selectors
from alongside.governance import selectors_meetings as meetings
from alongside.governance.models import (
    AgendaItem,
    Board,
    BriefingQuestion,
    GlossaryTerm,
    Meeting,
    MeetingAttendance,
    Motion,
    Paper,
    Seat,
)

# The refusal the edge gives (accounts.web.requires), so a page for members only does not
# tell anyone else that it is there.
REFUSED = "You do not have permission to see this page."

To = BriefingQuestion.To


def member_meeting_get(
    *, organisation: Organisation, public_id: str, person: Person | None
) -> tuple[Meeting, Seat]:
    """A meeting of the organisation's, and the seat ``person`` holds on its board; anyone
    without one is refused as the edge refuses."""
    meeting = meetings.meeting_get(organisation=organisation, public_id=public_id)
    seat = selectors.seat_held(meeting.board, person) if person is not None else None
    if seat is None:
        raise NotPermitted(REFUSED)
    return meeting, seat


def chair_of(board: Board) -> Person | None:
    seat = cast(
        "Seat | None",
        Seat.objects.filter(board=board, role=Seat.Role.CHAIR, holder__isnull=False)
        .select_related("holder")
        .first(),
    )
    return seat.holder if seat is not None else None


def recipients(board: Board, asker: Person) -> list[str]:
    """Whom ``asker`` may send a private question to on ``board``: its chair and its support
    worker, those the board has and who are not the asker."""
    found = []
    chair = chair_of(board)
    if chair is not None and chair.pk != asker.pk:
        found.append(To.CHAIR.value)
    if board.support_worker_id is not None and board.support_worker_id != asker.pk:
        found.append(To.SUPPORT_WORKER.value)
    return found


@dataclass(frozen=True)
class Readers:
    """Who reads a question: one named person in a place on the board, or the admins."""

    to: str  # "chair", "support_worker" or "admins"
    person: Person | None


def readers(board: Board, to: str) -> Readers:
    if to == To.CHAIR:
        chair = chair_of(board)
        if chair is not None:
            return Readers(To.CHAIR.value, chair)
    if to == To.SUPPORT_WORKER and board.support_worker_id is not None:
        return Readers(To.SUPPORT_WORKER.value, board.support_worker)
    return Readers("admins", None)


def questions_of(*, meeting: Meeting, person: Person) -> QuerySet[BriefingQuestion]:
    """The private questions ``person`` sent about ``meeting``, newest first: theirs alone."""
    return cast(
        "QuerySet[BriefingQuestion]",
        BriefingQuestion.objects.filter(meeting=meeting, person=person)
        .select_related("replied_by", "recipient")
        .order_by("-created_at", "-pk"),
    )


def question_of(*, meeting: Meeting, person: Person, public_id: str) -> BriefingQuestion:
    """A question ``person`` sent about ``meeting``; someone else's is refused as the edge
    refuses (only its sender sees it here)."""
    question = cast(
        "BriefingQuestion | None",
        BriefingQuestion.objects.filter(meeting=meeting, public_id=public_id)
        .select_related("replied_by", "recipient")
        .first(),
    )
    if question is None:
        raise NotFound("There is no such question about this meeting.")
    if question.person_id != person.pk:
        raise NotPermitted(REFUSED)
    return question


@dataclass(frozen=True)
class Briefing:
    agenda: list[AgendaItem]
    papers: list[Paper]  # published ones only; none before the papers are published
    words: list[tuple[GlossaryTerm, int]]  # with each word's place in the glossary
    others: list[Seat]  # the other seats with someone in them, with their holders


def briefing_for(*, meeting: Meeting, person: Person) -> Briefing:
    """What a member reads before a meeting: a fixed number of queries however long it is."""
    agenda = meetings.agenda_for(meeting=meeting)
    papers: list[Paper] = []
    if meeting.papers_published_at is not None:
        papers = cast("list[Paper]", list(meeting.papers.order_by("pk")))
    texts = [t for item in agenda for t in (item.title, item.plain_summary)]
    texts += [t for paper in papers for t in (paper.title, paper.plain_words, paper.body)]
    others = [
        seat
        for seat in selectors.seats_for(board=meeting.board)
        if seat.holder_id is not None and seat.holder_id != person.pk
    ]
    return Briefing(
        agenda=agenda,
        papers=papers,
        words=selectors.glossary_terms_in(meeting.board.organisation, texts),
        others=others,
    )


def reader_of(question: BriefingQuestion) -> Readers:
    """Who reads a question that has been sent: the person it went to, or the admins."""
    if question.recipient_id is None:
        return Readers("admins", None)
    return Readers(question.to, question.recipient)


def _addressed_to(person: Person, *, admin: bool) -> Q:
    mine = Q(recipient=person)
    if admin:
        mine |= Q(recipient__isnull=True)
    return mine


def inbox_for(
    *, organisation: Organisation, person: Person, admin: bool
) -> QuerySet[BriefingQuestion]:
    """The private questions sent to ``person``: as a board's chair, as its support worker,
    and (``admin``) those on boards with no one in the place they were sent to. Not yet
    answered first, then newest first."""
    return cast(
        "QuerySet[BriefingQuestion]",
        BriefingQuestion.objects.for_organisation(organisation)
        .filter(_addressed_to(person, admin=admin))
        .exclude(person=person)
        .select_related("meeting__board", "person")
        .order_by(F("replied_at").asc(nulls_first=True), "-created_at", "-pk"),
    )


def inbox_question_get(
    *, organisation: Organisation, person: Person, admin: bool, public_id: str
) -> BriefingQuestion:
    """A question sent to ``person``. One of the organisation's sent to someone else is
    refused as the edge refuses; one of another organisation's is not found."""
    question = get_question(organisation=organisation, public_id=public_id)
    mine = inbox_for(organisation=organisation, person=person, admin=admin)
    found = mine.filter(pk=question.pk).first()
    if found is None:
        raise NotPermitted(REFUSED)
    return found


def get_question(*, organisation: Organisation, public_id: str) -> BriefingQuestion:
    question = (
        BriefingQuestion.objects.for_organisation(organisation).filter(public_id=public_id).first()
    )
    if question is None:
        raise NotFound("There is no such question in this organisation.")
    return cast(BriefingQuestion, question)


# "My record": what someone has done on the organisation's boards.


@dataclass
class BoardRecord:
    board: Board
    attended: list[MeetingAttendance] = field(default_factory=list)
    motions: list[tuple[Motion, str]] = field(default_factory=list)  # ("proposed"/"seconded")
    decisions: list[Motion] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(row.minutes or 0 for row in self.attended)


def record_of(*, organisation: Organisation, person: Person) -> list[BoardRecord]:
    """Per board (alphabetical): the meetings ``person`` was at, the motions they proposed or
    seconded, and the carried motions decided while they were in the room with a vote.
    Four queries however many boards and meetings."""
    by_board: dict[int, BoardRecord] = {}

    def record(board: Board) -> BoardRecord:
        return by_board.setdefault(board.pk, BoardRecord(board))

    seats = Seat.objects.for_organisation(organisation).filter(holder=person)
    for seat in cast("list[Seat]", list(seats.select_related("board"))):
        record(seat.board)
    attended = (
        MeetingAttendance.objects.for_organisation(organisation)
        .filter(person=person, status=MeetingAttendance.Status.PRESENT)
        .select_related("meeting__board")
        .order_by("-meeting__starts_at", "-pk")
    )
    for row in cast("list[MeetingAttendance]", list(attended)):
        record(row.meeting.board).attended.append(row)
    motions = (
        Motion.objects.for_organisation(organisation)
        .filter(Q(proposer=person) | Q(seconder=person))
        .select_related("meeting__board")
        .order_by("-meeting__starts_at", "created_at", "pk")
    )
    for motion in cast("list[Motion]", list(motions)):
        part = "proposed" if motion.proposer_id == person.pk else "seconded"
        record(motion.meeting.board).motions.append((motion, part))
    in_the_room = MeetingAttendance.objects.filter(
        meeting=OuterRef("meeting"),
        person=person,
        status=MeetingAttendance.Status.PRESENT,
        votes=True,
        arrived_at__lte=OuterRef("decided_at"),
    ).filter(Q(left_at__isnull=True) | Q(left_at__gt=OuterRef("decided_at")))
    decided = (
        Motion.objects.for_organisation(organisation)
        .filter(Exists(in_the_room), status=Motion.Status.CARRIED)
        .select_related("meeting__board")
        .order_by(Coalesce("decided_at", "created_at").desc(), "-pk")
    )
    for motion in cast("list[Motion]", list(decided)):
        record(motion.meeting.board).decisions.append(motion)
    return sorted(by_board.values(), key=lambda r: (r.board.name.lower(), r.board.pk))
