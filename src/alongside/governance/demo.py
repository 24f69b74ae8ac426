"""Demo boards: the Riverside Youth Board (ten young people, a parent and four officers, a
young person in the chair), with one meeting held three weeks ago and the next one planned,
its papers out, so Jamie (a member) has a briefing to read. At the meeting held, the first
vote was refused: only three young people had arrived against four officers. Once more came,
two motions were carried (each a Decision citing what young people said) and one was not.

The meeting held is run through the real services, as a clerk would run it on the night, and
then moved back three weeks as a whole (every time in it by the same amount), so
``alongside governance verify`` checks it exactly as it would a real one. Run after the
voice demo, whose themes the agenda cites. Running the demo again adds nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import cast

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.errors import ValidationFailed
from alongside.decisions.models import Decision
from alongside.governance.models import (
    AgendaItem,
    Board,
    GlossaryTerm,
    Meeting,
    MeetingAttendance,
    Minutes,
    Motion,
    Paper,
    Seat,
)
from alongside.governance.models.boards import Constituency
from alongside.governance.services import attendance, motions
from alongside.voice.models import Contribution, Theme

PLACE = "riverside-youth-service"
NAMESPACE = uuid.UUID("0c1e5b8a-6a1f-4e0b-9d7e-2b9f4a6c0015")
HELD_DAYS_AGO = 21
YOUTH_BOARD_SIZE = 10
# The autumn meeting opens with three young people against four officers (not quorate), and
# can decide once at least two more arrive; a demo with fewer young people has no history.
HERE_AT_THE_START = 3
QUORATE_YOUNG = HERE_AT_THE_START + 2
LATE_BY = dt.timedelta(minutes=15)
OFFICERS = (
    "worker@riverside.example",
    "youth.admin@riverside.example",
    "worker2@riverside.example",
    "safeguarding@riverside.example",
)
# The voice demo's themes each agenda item answers, in agenda order.
THEMES = ("Places to go after school", "Things to do that do not cost much", "Feeling safe")
RAN_FOR = dt.timedelta(minutes=95)

GLOSSARY = [
    ("Quorum", "The fewest members who must be at a meeting before it can decide anything."),
    ("Quorate", "A meeting is quorate when enough of the right members are there to decide."),
    ("Motion", "A suggestion for the board to decide on. Someone proposes it, someone else "
     "seconds it, then members vote."),
    ("Minutes", "The written record of what a meeting talked about and decided."),
    ("Commissioning", "How the council chooses who runs a service and what it pays for."),
    ("Budget", "The money there is to spend, and what it is planned to be spent on."),
    ("Agenda", "The list of things a meeting will talk about, in order."),
]  # fmt: skip


def _key(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))


def _young_members(organisation: Organisation, count: int) -> list[Person]:
    """Jamie, then young people aged 13 or over whose consent to take part is in force."""
    jamie = Person.objects.get(user__username="jamie")
    taking_part = Consent.objects.in_force().filter(
        organisation=organisation, purpose=Consent.Purpose.TAKE_PART
    )
    this_year = timezone.localdate().year
    others = (
        Person.objects.filter(
            memberships__organisation=organisation,
            memberships__role=Role.YOUNG_PERSON,
            pk__in=taking_part.values("person_id"),
            birth_year__lte=this_year - 14,
        )
        .exclude(pk=jamie.pk)
        .order_by("pk")[: count - 1]
    )
    return [jamie, *others]


def _staff(organisation: Organisation, email: str) -> Person:
    return (
        Person.objects.filter(user__email=email, memberships__organisation=organisation)
        .distinct()
        .get()
    )


def _board(organisation: Organisation, worker: Person) -> Board:
    board = Board.objects.create(
        organisation=organisation,
        kind=Board.Kind.YOUTH_BOARD,
        name="Riverside Youth Board",
        purpose="Young people and the youth service decide together what the service "
        "does and how it spends its money.",
        terms_of_reference=(
            "The Riverside Youth Board meets once a month, in the evening, at the youth "
            "centre.\n\nYoung people and residents hold at least half of the seats, and a "
            "young person chairs it. Staff of the youth service hold the other seats.\n\n"
            "The board decides how the youth service's activities budget is spent, and says "
            "what it thinks of plans before the council decides them.\n\nA meeting can only "
            "decide when at least four voting members are there, at least two of them young "
            "people, with at least as many young people and residents as staff, and a young "
            "person in the chair."
        ),
        quorum_minimum=4,
        quorum_young_people=2,
        quorum_young_chair=True,
        support_worker=worker,
        created_by=worker,
        idempotency_key=_key("board"),
    )
    young = _young_members(organisation, YOUTH_BOARD_SIZE)
    # Jamie is a member; the chair and vice-chair are other young people.
    roles = [Seat.Role.MEMBER, Seat.Role.CHAIR, Seat.Role.VICE_CHAIR]
    starts = timezone.localdate() - dt.timedelta(days=120)
    for n, person in enumerate(young):
        Seat.objects.create(
            board=board, constituency=Constituency.YOUNG_PERSON,
            role=roles[n] if n < len(roles) else Seat.Role.MEMBER, holder=person,
            term_starts=starts, term_ends=starts + dt.timedelta(days=365),
            idempotency_key=_key("seat", person.pk),
        )  # fmt: skip
    parent = Person.objects.filter(user__username="morgan").first()
    Seat.objects.create(
        board=board, constituency=Constituency.RESIDENT, holder=parent, term_starts=starts,
        idempotency_key=_key("seat", "resident"),
    )  # fmt: skip
    for email in OFFICERS:
        Seat.objects.create(
            board=board,
            constituency=Constituency.PROFESSIONAL,
            holder=_staff(organisation, email),
            term_starts=starts,
            idempotency_key=_key("seat", email),
        )
    # A young person's seat still to fill: the open call is for it.
    Seat.objects.create(
        board=board, constituency=Constituency.YOUNG_PERSON, idempotency_key=_key("seat", "open")
    )
    return board


def _agenda(meeting: Meeting, items: list[tuple[str, str, Theme | None]]) -> None:
    for position, (title, summary, theme) in enumerate(items, start=1):
        AgendaItem.objects.create(
            meeting=meeting, position=position, title=title, plain_summary=summary, theme=theme
        )


def _held(seats: list[Seat], constituency: str) -> list[Seat]:
    return [s for s in seats if s.holder_id is not None and s.constituency == constituency]


def _holders(seats: list[Seat], constituency: str) -> list[Person]:
    return [cast(Person, s.holder) for s in _held(seats, constituency)]


def _hold_the_meeting(board: Board, clerk: Person, themes: dict[str, Theme]) -> Meeting:
    """Run the meeting through the services, then move all of it back three weeks."""
    actor = actor_for_person(clerk)
    meeting = Meeting.objects.create(
        board=board,
        title="Youth board, autumn meeting",
        starts_at=timezone.now(),
        location="Riverside Youth Centre, upstairs room",
        created_by=clerk,
        idempotency_key=_key("held"),
    )
    _agenda(
        meeting,
        [
            ("Opening the youth club on Saturdays", "Young people asked for the club to be "
             "open at weekends. Staff say how it could work.", themes.get(THEMES[0])),
            ("Spending the activities budget", "There is £4,000 left this year. What should "
             "it go on?", themes.get(THEMES[1])),
            ("Lights in the park", "Young people said the path by the skate park is too dark.",
             themes.get(THEMES[2])),
        ],
    )  # fmt: skip
    attendance.meeting_open(actor=actor, meeting=meeting)
    seats = cast(
        list[Seat],
        list(board.seats.filter(holder__isnull=False).exclude(role=Seat.Role.OBSERVER)),
    )
    young = _holders(seats, Constituency.YOUNG_PERSON)
    staff = _holders(seats, Constituency.PROFESSIONAL)
    parents = _holders(seats, Constituency.RESIDENT)
    chair = next(p for p, s in zip(young, _held(seats, Constituency.YOUNG_PERSON), strict=True)
                 if s.role == Seat.Role.CHAIR)  # fmt: skip
    first = [chair, *[p for p in young if p != chair][: HERE_AT_THE_START - 1]]
    late = [p for p in young if p not in first][: YOUTH_BOARD_SIZE - HERE_AT_THE_START - 2]
    away = [p for p in young if p not in first and p not in late]

    def mark(people: list[Person], status: str) -> None:
        for person in people:
            attendance.attendance_mark(actor=actor, meeting=meeting, person=person, status=status)

    mark([*first, *staff], MeetingAttendance.Status.PRESENT)
    mark([*parents, *away], MeetingAttendance.Status.APOLOGIES)
    items = cast(list[AgendaItem], list(meeting.agenda_items.order_by("position")))
    motion_texts = [
        (items[0], "The youth club opens on Saturdays from 10am to 4pm, starting next month.",
         "The club is open every Saturday, 10am to 4pm, from next month.", (7, 0, 1)),
        (items[2], "Ask the council's parks team to put more lights on the skate park path.",
         "The board has asked the parks team for six new lights on the path.", (6, 1, 1)),
        (items[1], "Spend all of the £4,000 on a trip to the seaside.",
         "", (2, 5, 1)),
    ]  # fmt: skip
    proposed = [
        motions.motion_propose(
            actor=actor,
            meeting=meeting,
            text=text,
            proposer=first[n % len(first)],
            seconder=staff[0] if n != 1 else first[(n + 1) % len(first)],
            agenda_item=item,
            idempotency_key=_key("motion", n),
        )
        for n, (item, text, _changes, _hands) in enumerate(motion_texts)
    ]
    # The chair called the first vote before the others had come: refused, and kept on record.
    try:
        motions.motion_decide(
            actor=actor, motion=proposed[0], method=Motion.Method.SHOW_OF_HANDS,
            show_of_hands=motion_texts[0][3], what_changes=motion_texts[0][2],
        )  # fmt: skip
    except ValidationFailed:
        pass
    else:  # pragma: no cover - the demo's story needs the refusal
        raise AssertionError("The demo's first vote should have been refused as not quorate.")
    mark(late, MeetingAttendance.Status.PRESENT)
    for motion, (item, _text, what_changes, hands) in zip(proposed, motion_texts, strict=True):
        motions.motion_decide(
            actor=actor,
            motion=motion,
            method=Motion.Method.SHOW_OF_HANDS,
            show_of_hands=hands,
            what_changes=what_changes,
            cites_contributions=_said_about(item.theme) if hands[0] > hands[1] else (),
        )
    meeting = attendance.meeting_close(actor=actor, meeting=meeting)
    held_on = timezone.localdate() - dt.timedelta(days=HELD_DAYS_AGO)
    evening = timezone.make_aware(dt.datetime.combine(held_on, dt.time(18, 30)))
    assert meeting.opened_at is not None
    _move_back(meeting, meeting.opened_at - evening, late=[p.pk for p in late])
    Minutes.objects.create(
        meeting=meeting,
        body=(
            "Present: the chair, the vice-chair, young members and four staff members. "
            "Apologies: one parent member and two young members. The first vote was not "
            "taken: the meeting was not quorate until more young members arrived.\n\n"
            "1. Opening the youth club on Saturdays. Staff "
            "said two workers can open the club on Saturdays. Agreed: the club opens on "
            "Saturdays from next month.\n\n2. Spending the activities budget. Members talked "
            "about a seaside trip and new equipment. The seaside trip was not agreed; members "
            "will bring other ideas next time.\n\n3. Lights in the park. Agreed: ask the "
            "parks team for more lights on the skate park path."
        ),
        drafted_by=clerk,
    )
    return meeting


def _said_about(theme: Theme | None) -> list[Contribution]:
    """A few published contributions of ``theme``, for a carried motion to cite."""
    if theme is None:
        return []
    return cast(
        list[Contribution],
        list(
            Contribution.objects.filter(
                themes=theme, status=Contribution.Status.PUBLISHED
            ).order_by("pk")[:3]
        ),
    )


def _move_back(meeting: Meeting, by: dt.timedelta, *, late: list[int]) -> None:
    """Every time in the meeting earlier by the same amount, as if it was held then, with the
    meeting lasting RAN_FOR, the ``late`` arriving LATE_BY after the start, and the votes
    spread through it after they came."""
    assert meeting.opened_at is not None
    opened = meeting.opened_at - by
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=opened, opened_at=opened, closed_at=opened + RAN_FOR
    )
    here = MeetingAttendance.objects.filter(
        meeting=meeting, status=MeetingAttendance.Status.PRESENT
    )
    here.exclude(person_id__in=late).update(
        arrived_at=opened, minutes=int(RAN_FOR.total_seconds() // 60)
    )
    here.filter(person_id__in=late).update(
        arrived_at=opened + LATE_BY, minutes=int((RAN_FOR - LATE_BY).total_seconds() // 60)
    )
    held = cast(list[Motion], list(Motion.objects.filter(meeting=meeting).order_by("pk")))
    for n, motion in enumerate(held):
        decided = opened + dt.timedelta(minutes=20 + 25 * n)
        Motion.objects.filter(pk=motion.pk).update(decided_at=decided)
        Decision.objects.filter(
            subject_type="governance.motion", subject_id=str(motion.public_id)
        ).update(decided_on=timezone.localtime(decided).date())


def _plan_the_next(board: Board, clerk: Person, themes: dict[str, Theme]) -> Meeting:
    meeting = Meeting.objects.create(
        board=board,
        title="Youth board, winter meeting",
        starts_at=timezone.now() + dt.timedelta(days=6),
        location="Riverside Youth Centre, upstairs room",
        created_by=clerk,
        papers_published_at=timezone.now(),
        # The youth board meets in public: its next meeting is in the calendar feed.
        is_public=True,
        idempotency_key=_key("next"),
    )
    paper = Paper.objects.create(
        meeting=meeting,
        title="Ideas for the rest of the activities budget",
        body=(
            "At the last meeting the board did not agree to spend the £4,000 left in the "
            "activities budget on a seaside trip.\n\nMembers were asked to bring other ideas. "
            "Three have come in so far: new music equipment for the youth centre (about "
            "£1,500), a cooking course run by young people (about £900), and a summer "
            "football league (about £2,000).\n\nThe board is asked to choose which ideas go "
            "forward. Commissioning rules mean the money must be spent by the end of March."
        ),
        plain_words=(
            "There is £4,000 to spend. Three ideas have come in: music equipment, a cooking "
            "course and a football league. You will choose which ones happen. The money has "
            "to be spent by the end of March."
        ),
        written_by=clerk,
        idempotency_key=_key("paper"),
    )
    _agenda(
        meeting,
        [
            ("Minutes of the last meeting", "Check that the notes of the last meeting are "
             "right, then vote to approve them.", None),
            ("Spending the activities budget", "Choose which of the three ideas the £4,000 "
             "goes on.", themes.get(THEMES[1])),
        ],
    )  # fmt: skip
    AgendaItem.objects.filter(meeting=meeting, position=2).update(paper=paper)
    return meeting


@transaction.atomic
def seed() -> Board | None:
    organisation = Organisation.objects.filter(slug=PLACE).first()
    if organisation is None:
        return None
    existing = Board.objects.filter(idempotency_key=_key("board")).first()
    if existing is not None:
        return existing
    clerk = _staff(organisation, "worker@riverside.example")
    for term, meaning in GLOSSARY:
        GlossaryTerm.objects.create(organisation=organisation, term=term, meaning=meaning)
    themes = {t.name: t for t in Theme.objects.filter(organisation=organisation, name__in=THEMES)}
    board = _board(organisation, clerk)
    # A demo loaded with only a handful of young people (`--young-people 3`) may have too few
    # old enough to sit on the board for its meeting to be quorate: it then has no history.
    young = board.seats.filter(constituency=Constituency.YOUNG_PERSON, holder__isnull=False)
    if young.count() >= QUORATE_YOUNG:
        _hold_the_meeting(board, clerk, themes)
    _plan_the_next(board, clerk, themes)
    return board
