"""Demo boards: the Riverside Youth Board (ten young people, a parent and four officers, a
young person in the chair, a young person's seat still to fill and an open call for it), with
two meetings held and the next one planned, its papers out, so Jamie (a member) has a
briefing to read.

- The summer meeting, about seven weeks ago, carried one motion; its minutes were approved
  at the autumn meeting and published, so the demo shows published minutes.
- The autumn meeting, three weeks ago: the first vote was refused, as only three young people
  had arrived against four officers. Once more came, two motions were carried (each a
  Decision citing what young people said), one was not, and the summer minutes were approved.
  It agreed two actions (Jamie's is still to do; the worker's is done). Its minutes are a
  draft, for the winter meeting to approve.
- The winter meeting, in six days, is public, with a paper. Jamie has asked the support
  worker about the paper (and had a reply), and asked the chair something not yet answered.

Everything is done through the real services, as a clerk or member would do it on the
night; a meeting held is then moved back as a whole (every time in it by the same amount),
so ``alongside governance verify`` checks it exactly as it would a real one. Run after the
voice demo, whose themes the agendas cite. The partners' boards are in ``demo_boards``.
Running the demo again adds nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Organisation, Person
from alongside.core.errors import ValidationFailed
from alongside.governance import demo_boards, selectors_briefing
from alongside.governance.demo_boards import key as _key
from alongside.governance.demo_boards import staff as _staff
from alongside.governance.models import (
    AgendaItem,
    Board,
    BriefingQuestion,
    Meeting,
    MeetingAttendance,
    Minutes,
    Motion,
    Seat,
)
from alongside.governance.models.boards import Constituency
from alongside.governance.services import (
    actions,
    agenda,
    attendance,
    motions,
    papers,
    questions,
    recruitment,
)
from alongside.governance.services import minutes as minutes_services
from alongside.voice.models import Theme

PLACE = "riverside-youth-service"
HELD_DAYS_AGO = 21
SUMMER_DAYS_AGO = 49
YOUTH_BOARD_SIZE = 10
# The autumn meeting opens with three young people against four officers (not quorate), and
# can decide once at least two more arrive; a demo with fewer young people has no history.
HERE_AT_THE_START = 3
QUORATE_YOUNG = HERE_AT_THE_START + 2
OFFICERS = (
    "worker@riverside.example",
    "youth.admin@riverside.example",
    "worker2@riverside.example",
    "safeguarding@riverside.example",
)
# The voice demo's themes each agenda item answers, in agenda order.
THEMES = ("Places to go after school", "Things to do that do not cost much", "Feeling safe")
ROOM = demo_boards.HELD_AT
TERMS = (
    "The Riverside Youth Board meets once a month, in the evening, at the youth centre.\n\n"
    "Young people and residents hold at least half of the seats, and a young person chairs "
    "it. Staff of the youth service hold the other seats.\n\nThe board decides how the "
    "youth service's activities budget is spent, and says what it thinks of plans before the "
    "council decides them.\n\nA meeting can only decide when at least four voting members "
    "are there, at least two of them young people, with at least as many young people and "
    "residents as staff, and a young person in the chair."
)
# The autumn meeting's motions: the agenda item (by place), what it said, what changes, and the
# show of hands (for, against, abstaining). The first was refused at first, as not quorate.
AUTUMN_MOTIONS = [
    (0, "The youth club opens on Saturdays from 10am to 4pm, starting next month.",
     "The club is open every Saturday, 10am to 4pm, from next month.", (7, 0, 1)),
    (2, "Ask the council's parks team to put more lights on the skate park path.",
     "The board has asked the parks team for six new lights on the path.", (6, 1, 1)),
    (1, "Spend all of the £4,000 on a trip to the seaside.", "", (2, 5, 1)),
]  # fmt: skip
AUTUMN_MINUTES = (
    "Present: the chair, the vice-chair, young members and four staff members. Apologies: "
    "one parent member and two young members. The first vote was not taken: the meeting was "
    "not quorate until more young members arrived.\n\n1. Opening the youth club on "
    "Saturdays. Staff said two workers can open the club on Saturdays. Agreed: the club "
    "opens on Saturdays from next month.\n\n2. Spending the activities budget. Members "
    "talked about a seaside trip and new equipment. The seaside trip was not agreed; members "
    "will bring other ideas next time.\n\n3. Lights in the park. Agreed: ask the parks team "
    "for more lights on the skate park path.\n\nThe minutes of the summer meeting were "
    "approved."
)
SUMMER_MINUTES = (
    "Present: the chair, young members and two staff members. Apologies: one parent "
    "member.\n\n1. Choosing the new youth worker. Agreed: two young members sit on the "
    "interview panel for the new youth worker.\n\n2. The summer programme. Members said "
    "which trips went well. Staff will share the numbers at the next meeting."
)
PAPER_BODY = (
    "At the last meeting the board did not agree to spend the £4,000 left in the activities "
    "budget on a seaside trip.\n\nMembers were asked to bring other ideas. Three have come "
    "in so far: new music equipment for the youth centre (about £1,500), a cooking course "
    "run by young people (about £900), and a summer football league (about £2,000).\n\n"
    "The board is asked to choose which ideas go forward. Commissioning rules mean the money "
    "must be spent by the end of March."
)
PAPER_PLAIN = (
    "There is £4,000 to spend. Three ideas have come in: music equipment, a cooking course "
    "and a football league. You will choose which ones happen. The money has to be spent by "
    "the end of March."
)


def _jamie() -> Person:
    return Person.objects.get(user__username="jamie")


def _young_members(organisation: Organisation, count: int) -> list[Person]:
    """Jamie, then young people aged 13 or over whose consent to take part is in force."""
    jamie = _jamie()
    others = demo_boards.young_people(organisation, count)
    return [jamie, *[p for p in others if p != jamie][: count - 1]]


def _board(organisation: Organisation, worker: Person) -> Board:
    board = demo_boards.set_up(
        organisation, worker, idempotency_key=_key("board"), name="Riverside Youth Board",
        kind=Board.Kind.YOUTH_BOARD, terms=TERMS,
        purpose="Young people and the youth service decide together what the service "
        "does and how it spends its money.",
        quorum={"minimum": 4, "residents": 1, "professionals": 1, "young_people": 2,
                "young_chair": True},
    )  # fmt: skip
    actor = actor_for_person(worker)
    # Jamie is a member; the chair and vice-chair are other young people.
    roles = [Seat.Role.MEMBER, Seat.Role.CHAIR, Seat.Role.VICE_CHAIR]
    starts = timezone.localdate() - dt.timedelta(days=120)
    ends = starts + dt.timedelta(days=365)
    for n, person in enumerate(_young_members(organisation, YOUTH_BOARD_SIZE)):
        demo_boards.seat(
            actor, board, Constituency.YOUNG_PERSON, person, starts, ends,
            role=roles[n] if n < len(roles) else Seat.Role.MEMBER,
            idempotency_key=_key("seat", person.pk),
        )  # fmt: skip
    parent = Person.objects.filter(user__username="morgan").first()
    demo_boards.seat(
        actor, board, Constituency.RESIDENT, parent, starts, None,
        idempotency_key=_key("seat", "resident"),
    )  # fmt: skip
    for email in OFFICERS:
        demo_boards.seat(
            actor, board, Constituency.PROFESSIONAL, _staff(organisation, email), starts, None,
            idempotency_key=_key("seat", email),
        )  # fmt: skip
    # A young person's seat still to fill: the open call is for it.
    demo_boards.seat(
        actor, board, Constituency.YOUNG_PERSON, None, None, None,
        idempotency_key=_key("seat", "open"),
    )  # fmt: skip
    return board


def _hold_the_summer_meeting(board: Board, clerk: Person) -> Minutes:
    """A quiet meeting seven weeks ago: one motion carried, its minutes drafted after."""
    seats = demo_boards.seated(board)
    young, staff = seats[Constituency.YOUNG_PERSON], seats[Constituency.PROFESSIONAL]
    jamie, chair = young[young.index(_jamie())], young[0]
    meeting = demo_boards.open_now(board, clerk, name="summer", title="Youth board, summer meeting",
                                   items=[
        ("Choosing the new youth worker", "The youth service is hiring a new youth worker. "
         "How can young people help choose them?", None, None),
        ("The summer programme", "What went well in the summer holidays, and what did not?",
         None, None),
    ])  # fmt: skip
    here = [*young[:QUORATE_YOUNG], *staff[:2]]
    demo_boards.mark(clerk, meeting, here, MeetingAttendance.Status.PRESENT)
    demo_boards.mark(
        clerk, meeting, seats[Constituency.RESIDENT], MeetingAttendance.Status.APOLOGIES
    )
    actor = actor_for_person(clerk)
    demo_boards.vote(
        actor, meeting, "Two young members sit on the interview panel for the new youth worker.",
        (jamie, chair), (len(here) - 1, 0, 1),
        "Two young members will help interview the new youth worker.",
        agenda_item=cast(AgendaItem, meeting.agenda_items.order_by("position").first()),
        idempotency_key=_key("summer", "motion"),
    )  # fmt: skip
    meeting = attendance.meeting_close(actor=actor, meeting=meeting)
    meeting = demo_boards.move_back(meeting, SUMMER_DAYS_AGO, late=[])
    return minutes_services.minutes_draft(actor=actor, meeting=meeting, body=SUMMER_MINUTES)


def _hold_the_autumn_meeting(
    board: Board, clerk: Person, themes: dict[str, Theme], summer: Minutes
) -> Meeting:
    """Run the meeting through the services, then move all of it back three weeks."""
    actor = actor_for_person(clerk)
    meeting = demo_boards.open_now(board, clerk, name="held", title="Youth board, autumn meeting",
                                   items=[
        ("Opening the youth club on Saturdays", "Young people asked for the club to be "
         "open at weekends. Staff say how it could work.", themes.get(THEMES[0]), None),
        ("Spending the activities budget", "There is £4,000 left this year. What should "
         "it go on?", themes.get(THEMES[1]), None),
        ("Lights in the park", "Young people said the path by the skate park is too dark.",
         themes.get(THEMES[2]), None),
    ])  # fmt: skip
    seats = demo_boards.seated(board)
    young, staff = seats[Constituency.YOUNG_PERSON], seats[Constituency.PROFESSIONAL]
    chair = young[0]
    # The chair and two more are here at the start; five come late; two sent apologies.
    first, late = young[:HERE_AT_THE_START], young[HERE_AT_THE_START : YOUTH_BOARD_SIZE - 2]
    away = young[YOUTH_BOARD_SIZE - 2 :]
    demo_boards.mark(clerk, meeting, [*first, *staff], MeetingAttendance.Status.PRESENT)
    demo_boards.mark(
        clerk, meeting, [*seats[Constituency.RESIDENT], *away], MeetingAttendance.Status.APOLOGIES
    )
    items = cast(list[AgendaItem], list(meeting.agenda_items.order_by("position")))
    motion_texts = [(items[n], text, changes, hands) for n, text, changes, hands in AUTUMN_MOTIONS]
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
    demo_boards.mark(clerk, meeting, late, MeetingAttendance.Status.PRESENT)
    for motion, (item, _text, what_changes, hands) in zip(proposed, motion_texts, strict=True):
        motions.motion_decide(
            actor=actor,
            motion=motion,
            method=Motion.Method.SHOW_OF_HANDS,
            show_of_hands=hands,
            what_changes=what_changes,
            cites_contributions=demo_boards.said_about(item.theme) if hands[0] > hands[1] else (),
        )
    demo_boards.vote(
        actor, meeting, "The minutes of the summer meeting are a true record.", (chair, staff[0]),
        (9, 0, 1), "The notes of the summer meeting are agreed, so everyone can read them.",
        approves_minutes=summer, idempotency_key=_key("motion", "minutes"),
    )  # fmt: skip
    meeting = attendance.meeting_close(actor=actor, meeting=meeting)
    meeting = demo_boards.move_back(meeting, HELD_DAYS_AGO, late=[p.pk for p in late])
    minutes_services.minutes_draft(actor=actor, meeting=meeting, body=AUTUMN_MINUTES)
    return meeting


def _after_the_autumn_meeting(
    board: Board, clerk: Person, autumn: Meeting, summer: Minutes
) -> None:
    """Its actions (the worker's done since), and the summer minutes it approved, published."""
    actor = actor_for_person(clerk)
    held_on = timezone.localtime(autumn.starts_at).date()
    items = cast(list[AgendaItem], list(autumn.agenda_items.order_by("position")))
    jamie = _jamie()
    actions.action_add(
        actor=actor, meeting=autumn, agenda_item=items[1], owner=jamie,
        description="Ask young people at the youth club which ideas for the activities "
        "budget they like best, and bring what they say to the winter meeting.",
        due_on=timezone.localdate() + dt.timedelta(days=4), idempotency_key=_key("action", 0),
    )  # fmt: skip
    lights = actions.action_add(
        actor=actor, meeting=autumn, agenda_item=items[2], owner=clerk,
        description="Ask the parks team when the new lights on the skate park path will go in.",
        due_on=held_on + dt.timedelta(days=14), idempotency_key=_key("action", 1),
    )  # fmt: skip
    actions.action_done(
        actor=actor, action=lights, note="The parks team will put the lights in before Christmas."
    )
    minutes_services.minutes_publish(actor=actor, meeting=summer.meeting)
    assert autumn.closed_at is not None
    Minutes.objects.filter(pk=summer.pk).update(
        published_at=autumn.closed_at + dt.timedelta(days=1)
    )


def _plan_the_next(board: Board, clerk: Person, themes: dict[str, Theme]) -> Meeting:
    actor = actor_for_person(clerk)
    meeting = demo_boards.plan(
        # The youth board meets in public: its next meeting is in the calendar feed.
        board, clerk, title="Youth board, winter meeting", location=ROOM, is_public=True,
        starts_at=timezone.now() + dt.timedelta(days=6), name="next",
        items=[("Minutes of the last meeting", "Check that the notes of the last meeting are "
                "right, then vote to approve them.", None, None)],
    )  # fmt: skip
    paper = papers.paper_add(
        actor=actor, meeting=meeting, title="Ideas for the rest of the activities budget",
        body=PAPER_BODY, plain_words=PAPER_PLAIN, idempotency_key=_key("paper"),
    )  # fmt: skip
    agenda.agenda_item_add(
        actor=actor, meeting=meeting, title="Spending the activities budget",
        plain_summary="Choose which of the three ideas the £4,000 goes on.",
        theme=themes.get(THEMES[1]), paper=paper, idempotency_key=_key("next", "item", 1),
    )  # fmt: skip
    return papers.papers_publish(actor=actor, meeting=meeting)


def _jamie_asks(board: Board, clerk: Person, meeting: Meeting) -> None:
    """Jamie's private questions about the winter meeting: the support worker has answered
    one; the chair has not read the other yet."""
    person = _jamie()
    jamie = actor_for_person(person)
    asked = questions.question_send(
        actor=jamie, meeting=meeting, kind=BriefingQuestion.Kind.DID_NOT_UNDERSTAND,
        to=BriefingQuestion.To.SUPPORT_WORKER, idempotency_key=_key("question", 0),
        text="The paper about the budget says commissioning rules mean the money must be "
        "spent by March. What does that mean?",
    )  # fmt: skip
    questions.question_reply(
        actor=actor_for_person(clerk), question=asked,
        reply="It means the council gave us this money for this year only, so if we have not "
        "spent it by the end of March it goes back. That is why we need to choose soon.",
    )  # fmt: skip
    if BriefingQuestion.To.CHAIR in selectors_briefing.recipients(board, person):
        questions.question_send(
            actor=jamie, meeting=meeting, kind=BriefingQuestion.Kind.WANT_TO_RAISE,
            to=BriefingQuestion.To.CHAIR, idempotency_key=_key("question", 1),
            text="Can we talk about the last bus to the youth centre? It goes at 7pm, so "
            "some of us have to leave the meeting early.",
        )  # fmt: skip


def _call_for_the_open_seat(board: Board, clerk: Person) -> None:
    """A call for the young person's seat still to fill, and one young person applying."""
    call = recruitment.call_open(
        actor=actor_for_person(clerk), board=board, title="Join the Riverside Youth Board",
        constituency=Constituency.YOUNG_PERSON, places=1,
        closes_on=timezone.localdate() + dt.timedelta(days=21), idempotency_key=_key("call"),
        description="The youth board has a place for one more young person. Members meet "
        "once a month, in the evening, and decide with staff what the youth service does and "
        "how it spends its money. You get training, and your bus fare is paid.",
    )  # fmt: skip
    on_board = set(board.seats.filter(holder__isnull=False).values_list("holder_id", flat=True))
    outside = [
        p
        for p in demo_boards.young_people(board.organisation, 40, min_age=11)
        if p.pk not in on_board
    ]
    if outside:
        recruitment.application_send(
            actor=actor_for_person(outside[0]), call=call, idempotency_key=_key("application"),
            why="I go to the youth club every week and I want a say in what it does.",
            bring="I help run the football on Fridays, so I know what the younger ones want.",
        )  # fmt: skip


@transaction.atomic
def seed() -> Board | None:
    demo_boards.seed()  # the partners' boards
    organisation = Organisation.objects.filter(slug=PLACE).first()
    if organisation is None:
        return None
    existing = Board.objects.filter(idempotency_key=_key("board")).first()
    if existing is not None:
        return existing
    clerk = _staff(organisation, "worker@riverside.example")
    demo_boards.glossary(organisation, clerk)
    themes = {t.name: t for t in Theme.objects.filter(organisation=organisation, name__in=THEMES)}
    board = _board(organisation, clerk)
    # A demo loaded with only a handful of young people (`--young-people 3`) may have too few
    # old enough to sit on the board for its meetings to be quorate: it then has no history.
    young = board.seats.filter(constituency=Constituency.YOUNG_PERSON, holder__isnull=False)
    if young.count() >= QUORATE_YOUNG:
        summer = _hold_the_summer_meeting(board, clerk)
        autumn = _hold_the_autumn_meeting(board, clerk, themes, summer)
        _after_the_autumn_meeting(board, clerk, autumn, summer)
    _jamie_asks(board, clerk, _plan_the_next(board, clerk, themes))
    _call_for_the_open_seat(board, clerk)
    return board
