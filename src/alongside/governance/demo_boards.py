"""Demo boards besides the Riverside Youth Board, and what every demo board shares.

Two partners of the council have boards with young people on them, each set up through the
real services as their staff would set it up, with a meeting planned and nothing held yet:

- Riverside CAMHS has a "CAMHS steering group": young people who use the service shape how
  it works as associate members (seed 002's Surrey CAMHS youth advisers), beside two
  professional seats, one of them still to fill. Its next meeting is private: it talks about
  people's care.
- Riverside Academy has "Student associate governors": three students sit with a teacher and
  report to the governing body. Its next meeting is public, as governors' meetings are.

A partner with fewer young people than seats (``alongside demo --young-people 3``) gets the
seats anyway, some of them vacant. Each board is made once: running the demo again finds it
by its idempotency key and adds nothing.

The helpers below (seats, planning a meeting, holding one now and moving it back into the
past) are the Youth Board's too (``governance.demo``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import cast

from django.db.models import F
from django.utils import timezone

from alongside.accounts.actor import Actor, actor_for_person
from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import Role
from alongside.decisions.models import Decision
from alongside.governance.models import (
    AgendaItem,
    Board,
    Meeting,
    MeetingAttendance,
    Minutes,
    Motion,
    Paper,
    Seat,
)
from alongside.governance.models.boards import Constituency
from alongside.governance.services import agenda, attendance, boards, motions, planning, seats
from alongside.governance.services import glossary as terms
from alongside.voice.models import Contribution, Theme

NAMESPACE = uuid.UUID("0c1e5b8a-6a1f-4e0b-9d7e-2b9f4a6c0015")
CAMHS = "riverside-camhs"
ACADEMY = "riverside-academy"
ROOM = "Riverside CAMHS, Willow Room"
HELD_AT = "Riverside Youth Centre, upstairs room"
RAN_FOR = dt.timedelta(minutes=95)
LATE_BY = dt.timedelta(minutes=15)
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


def key(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))


def staff(organisation: Organisation, email: str) -> Person:
    return (
        Person.objects.filter(user__email=email, memberships__organisation=organisation)
        .distinct()
        .get()
    )


def young_people(organisation: Organisation, count: int, *, min_age: int = 14) -> list[Person]:
    """Up to ``count`` young people of ``organisation`` aged ``min_age`` or over this year
    (13 or over for a seat, by default) whose consent to take part is in force: those who
    can sign in first (to try what they see), then by id."""
    taking_part = Consent.objects.in_force().filter(
        organisation=organisation, purpose=Consent.Purpose.TAKE_PART
    )
    return list(
        Person.objects.filter(
            memberships__organisation=organisation,
            memberships__role=Role.YOUNG_PERSON,
            pk__in=taking_part.values("person_id"),
            birth_year__lte=timezone.localdate().year - min_age,
        )
        .distinct()
        .order_by(F("user").asc(nulls_last=True), "pk")[:count]
    )


# An agenda item: its title, plain summary, and the theme and paper it is about.
Item = tuple[str, str, "Theme | None", "Paper | None"]


def plan(
    board: Board,
    clerk: Person,
    *,
    title: str,
    starts_at: dt.datetime,
    location: str,
    is_public: bool,
    items: list[Item],
    name: str,
) -> Meeting:
    """Plan a meeting and its agenda through the services, as the clerk would."""
    actor = actor_for_person(clerk)
    meeting = planning.meeting_plan(
        actor=actor,
        board=board,
        title=title,
        starts_at=starts_at,
        location=location,
        is_public=is_public,
        idempotency_key=key(name),
    )
    for n, (item, summary, theme, paper) in enumerate(items):
        agenda.agenda_item_add(
            actor=actor, meeting=meeting, title=item, plain_summary=summary, theme=theme,
            paper=paper, idempotency_key=key(name, "item", n),
        )  # fmt: skip
    return meeting


def seat(
    actor: Actor,
    board: Board,
    constituency: str,
    holder: Person | None,
    starts: dt.date | None,
    ends: dt.date | None,
    *,
    role: str = Seat.Role.MEMBER,
    idempotency_key: uuid.UUID,
) -> Seat:
    return seats.seat_add(
        actor=actor, board=board, constituency=constituency, role=role, holder=holder,
        term_starts=starts if holder else None, term_ends=ends if holder else None,
        idempotency_key=idempotency_key,
    )  # fmt: skip


def open_now(board: Board, clerk: Person, *, name: str, title: str, items: list[Item]) -> Meeting:
    """Plan a meeting a minute from now and start it, as the clerk does on the night; the
    demo moves it back once it has finished (``move_back``)."""
    meeting = plan(
        board, clerk, title=title, starts_at=timezone.now() + dt.timedelta(minutes=1),
        location=HELD_AT, is_public=True, items=items, name=name,
    )  # fmt: skip
    return attendance.meeting_open(actor=actor_for_person(clerk), meeting=meeting)


def mark(clerk: Person, meeting: Meeting, people: list[Person], status: str) -> None:
    actor = actor_for_person(clerk)
    for person in people:
        attendance.attendance_mark(actor=actor, meeting=meeting, person=person, status=status)


def seated(board: Board) -> dict[str, list[Person]]:
    """Who holds the board's voting seats, by constituency, the chair first."""
    seats = cast(
        list[Seat],
        list(
            board.seats.filter(holder__isnull=False)
            .exclude(role=Seat.Role.OBSERVER)
            .select_related("holder")
        ),
    )
    seats.sort(key=lambda s: (s.role != Seat.Role.CHAIR, s.pk))
    return {
        c: [cast(Person, s.holder) for s in seats if s.constituency == c]
        for c in Constituency.values
    }


def vote(
    actor: Actor,
    meeting: Meeting,
    text: str,
    by: tuple[Person, Person],
    hands: tuple[int, int, int],
    what_changes: str,
    *,
    idempotency_key: uuid.UUID,
    **about: AgendaItem | Minutes | None,
) -> Motion:
    """A motion proposed and seconded ``by`` two members, decided at once by show of hands
    (``about`` an agenda item, or the minutes it approves)."""
    motion = motions.motion_propose(
        actor=actor, meeting=meeting, text=text, proposer=by[0], seconder=by[1],
        idempotency_key=idempotency_key, **about,  # type: ignore[arg-type]
    )  # fmt: skip
    return motions.motion_decide(
        actor=actor, motion=motion, method=Motion.Method.SHOW_OF_HANDS, show_of_hands=hands,
        what_changes=what_changes,
    )  # fmt: skip


def glossary(organisation: Organisation, clerk: Person) -> None:
    """Words young members might not know, explained: every paper links to them."""
    for term, meaning in GLOSSARY:
        terms.term_add(
            actor=actor_for_person(clerk), organisation=organisation, term=term, meaning=meaning
        )


def said_about(theme: Theme | None) -> list[Contribution]:
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


def move_back(meeting: Meeting, days_ago: int, *, late: list[int]) -> Meeting:
    """Every time in the meeting earlier by the same amount, as if it was held ``days_ago``
    at 6:30pm, with the meeting lasting RAN_FOR, the ``late`` arriving LATE_BY after the
    start, and the votes spread through it after they came (and minutes a vote approved,
    approved then)."""
    assert meeting.opened_at is not None
    held_on = timezone.localdate() - dt.timedelta(days=days_ago)
    opened = timezone.make_aware(dt.datetime.combine(held_on, dt.time(18, 30)))
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
        decided = opened + dt.timedelta(minutes=20 + 20 * n)
        Motion.objects.filter(pk=motion.pk).update(decided_at=decided)
        if motion.approves_minutes_id is not None:
            Minutes.objects.filter(pk=motion.approves_minutes_id).update(approved_at=decided)
        Decision.objects.filter(
            subject_type="governance.motion", subject_id=str(motion.public_id)
        ).update(decided_on=timezone.localtime(decided).date())
    meeting.refresh_from_db()
    return meeting


def set_up(
    organisation: Organisation,
    clerk: Person,
    *,
    idempotency_key: uuid.UUID,
    name: str,
    kind: str,
    purpose: str,
    terms: str,
    quorum: dict[str, int | bool],
) -> Board:
    actor = actor_for_person(clerk)
    board = boards.board_create(
        actor=actor, organisation=organisation, kind=kind, name=name, purpose=purpose,
        terms_of_reference=terms, idempotency_key=idempotency_key,
    )  # fmt: skip
    boards.board_set_quorum(actor=actor, board=board, **quorum)  # type: ignore[arg-type]
    return boards.board_change(
        actor=actor, board=board, kind=kind, name=name, purpose=purpose,
        terms_of_reference=terms, support_worker=clerk,
    )  # fmt: skip


def _seats(
    board: Board, clerk: Person, *, young: list[Person], young_seats: int, staff_seats: int
) -> None:
    """``young_seats`` associate seats for young people (held by ``young`` while they last)
    and ``staff_seats`` professional seats, the first held by the clerk, the rest vacant."""
    actor = actor_for_person(clerk)
    starts = timezone.localdate() - dt.timedelta(days=60)
    ends = starts + dt.timedelta(days=365)
    for n in range(young_seats):
        holder = young[n] if n < len(young) else None
        seat(
            actor, board, Constituency.YOUNG_PERSON, holder, starts, ends,
            role=Seat.Role.ASSOCIATE, idempotency_key=key(board.pk, "young", n),
        )  # fmt: skip
    for n in range(staff_seats):
        seat(
            actor, board, Constituency.PROFESSIONAL, clerk if n == 0 else None, starts, None,
            idempotency_key=key(board.pk, "staff", n),
        )  # fmt: skip


def _steering_group(organisation: Organisation) -> Board:
    clerk = staff(organisation, "camhs@riverside.example")
    board = set_up(
        organisation,
        clerk,
        idempotency_key=key("board", organisation.slug),
        name="CAMHS steering group",
        kind=Board.Kind.STEERING_GROUP,
        purpose="Young people who use CAMHS shape how the service works, with the staff "
        "who run it.",
        terms=(
            "The steering group meets every two months, after school, at Riverside CAMHS.\n\n"
            "Young people who use the service sit on it as associate members, beside staff "
            "of the service. They say what it is like to wait for help, to be seen and to be "
            "helped, and the group agrees what to change.\n\nA meeting can decide when at "
            "least three members are there, with at least as many young people as staff.\n\n"
            "Nobody talks about their own care or anyone else's at a meeting."
        ),
        quorum={"minimum": 3, "residents": 1, "professionals": 1, "young_people": 0,
                "young_chair": False},
    )  # fmt: skip
    _seats(board, clerk, young=young_people(organisation, 4), young_seats=4, staff_seats=2)
    soon = timezone.localdate() + dt.timedelta(days=14)
    plan(
        board, clerk, title="Steering group meeting", location=ROOM, is_public=False,
        starts_at=timezone.make_aware(dt.datetime.combine(soon, dt.time(16, 30))),
        items=[
            ("The waiting room", "Young people said the waiting room feels like a hospital. "
             "What would make it feel better?", None, None),
            ("Letters about appointments", "Check a new letter about a first appointment, "
             "so it is easy to read.", None, None),
        ],
        name=f"{organisation.slug}/next",
    )  # fmt: skip
    return board


def _associate_governors(organisation: Organisation) -> Board:
    clerk = staff(organisation, "teacher@riverside.example")
    board = set_up(
        organisation,
        clerk,
        idempotency_key=key("board", organisation.slug),
        name="Student associate governors",
        kind=Board.Kind.ASSOCIATE_GOVERNORS,
        purpose="Students tell the school's governors what students think, and help them "
        "decide.",
        terms=(
            "Three students are associate governors for a school year. They meet with a "
            "teacher each half term, and take what they agree to the governing body.\n\n"
            "A meeting can decide when at least two members are there, at least one of them "
            "a student, with at least as many students as staff."
        ),
        quorum={"minimum": 2, "residents": 1, "professionals": 1, "young_people": 1,
                "young_chair": False},
    )  # fmt: skip
    _seats(board, clerk, young=young_people(organisation, 3), young_seats=3, staff_seats=1)
    soon = timezone.localdate() + dt.timedelta(days=10)
    plan(
        board, clerk, title="Associate governors, spring term", location="Riverside Academy, "
        "library", is_public=True,
        starts_at=timezone.make_aware(dt.datetime.combine(soon, dt.time(15, 45))),
        items=[
            ("Phones at school", "The governors are changing the rules on phones. What do "
             "students think?", None, None),
            ("What to tell the governing body", "Agree what the associate governors will say "
             "at the next governors' meeting.", None, None),
        ],
        name=f"{organisation.slug}/next",
    )  # fmt: skip
    return board


def seed() -> list[Board]:
    """The partners' boards, each made once, if the partner is in the demo."""
    made = []
    for slug, build in ((CAMHS, _steering_group), (ACADEMY, _associate_governors)):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        existing = Board.objects.filter(idempotency_key=key("board", slug)).first()
        made.append(existing if existing is not None else build(organisation))
    return made
