"""The governance demo: built through the services, it passes `governance verify`, keeps the
refused vote on record, shows published minutes, the actions, Jamie's questions and the
open call, sets up the partners' boards, and running it again adds nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts import demo as accounts_demo
from alongside.accounts.models import Person
from alongside.core.models import AuditEvent
from alongside.governance import demo
from alongside.governance.models import (
    ActionItem,
    Application,
    Board,
    BriefingQuestion,
    Call,
    Meeting,
    Minutes,
    Motion,
    Seat,
)
from alongside.governance.models.boards import Constituency
from alongside.governance.verify import motions_verify

pytestmark = pytest.mark.django_db

COUNTED = (
    Board, Seat, Meeting, Motion, Minutes, ActionItem, BriefingQuestion, Call, Application,
    AuditEvent,
)  # fmt: skip


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def seeded() -> Board:
    # Enough young people for the youth board's meetings to be quorate (no voice demo: the
    # agenda then cites no themes, which the demo allows)
    accounts_demo.seed(young_people=40)
    board = demo.seed()
    assert board is not None
    return board


def _two_meetings_held_that_verify_and_the_next_planned(seeded: Board) -> None:
    assert motions_verify().ok
    meetings = {m.title: m for m in Meeting.objects.filter(board=seeded)}
    summer = meetings["Youth board, summer meeting"]
    autumn = meetings["Youth board, autumn meeting"]
    winter = meetings["Youth board, winter meeting"]
    assert summer.starts_at < autumn.starts_at < winter.starts_at
    assert {summer.status, autumn.status, winter.status} >= {Meeting.Status.CLOSED}
    # The first vote at the autumn meeting was refused, and kept on record
    refused = AuditEvent.objects.filter(action="governance.motion.refused_inquorate")
    assert refused.count() == 1
    # The summer minutes were approved at the autumn meeting and published; the autumn
    # minutes wait for the winter meeting
    approving = Motion.objects.get(meeting=autumn, approves_minutes__isnull=False)
    assert approving.status == Motion.Status.CARRIED
    assert Minutes.objects.get(meeting=summer).status == Minutes.Status.PUBLISHED
    assert Minutes.objects.get(meeting=autumn).status == Minutes.Status.DRAFT
    assert winter.papers_published_at is not None


def _jamie_has_an_action_and_two_questions_and_someone_has_applied(seeded: Board) -> None:
    jamie = Person.objects.get(user__username="jamie")
    actions = ActionItem.objects.filter(meeting__board=seeded)
    assert actions.count() == 2
    assert actions.filter(owner=jamie, done_at__isnull=True).exists()
    assert actions.filter(done_at__isnull=False).exclude(owner=jamie).exists()
    asked = BriefingQuestion.objects.filter(person=jamie)
    assert asked.filter(to=BriefingQuestion.To.SUPPORT_WORKER, replied_at__isnull=False).exists()
    assert asked.filter(to=BriefingQuestion.To.CHAIR, replied_at__isnull=True).exists()
    call = Call.objects.get(board=seeded)
    assert call.constituency == Constituency.YOUNG_PERSON
    applicant = Application.objects.get(call=call).person
    assert not seeded.seats.filter(holder=applicant).exists()
    # Jamie's home page leads to the things Jamie agreed to do
    client = Client()
    client.force_login(jamie.user)
    assert "Things you agreed to do" in client.get(reverse("home:index")).content.decode()


def _the_partners_boards_have_young_associates_and_a_planned_meeting() -> None:
    camhs = Board.objects.get(organisation__slug="riverside-camhs")
    assert camhs.kind == Board.Kind.STEERING_GROUP
    assert camhs.seats.filter(role=Seat.Role.ASSOCIATE).count() == 4
    assert camhs.seats.filter(constituency=Constituency.PROFESSIONAL).count() == 2
    assert camhs.meetings.get().is_public is False
    academy = Board.objects.get(organisation__slug="riverside-academy")
    assert (academy.kind, academy.quorum_minimum, academy.quorum_young_people) == (
        Board.Kind.ASSOCIATE_GOVERNORS, 2, 1,
    )  # fmt: skip
    assert academy.meetings.get().is_public is True


def test_the_demo_tells_its_story_through_the_services_once(seeded):
    # (One seeded database for every check: the demo takes seconds to build.)
    _two_meetings_held_that_verify_and_the_next_planned(seeded)
    _jamie_has_an_action_and_two_questions_and_someone_has_applied(seeded)
    _the_partners_boards_have_young_associates_and_a_planned_meeting()
    _the_pages_open_for_the_people_who_would_read_them(seeded)
    # And running it again adds nothing
    before = _counts()
    assert demo.seed() == seeded
    assert _counts() == before


def test_with_few_young_people_the_youth_board_has_no_history_but_still_works():
    accounts_demo.seed(young_people=3)
    board = demo.seed()
    assert board is not None
    assert not Meeting.objects.filter(board=board, status=Meeting.Status.CLOSED).exists()
    assert motions_verify().ok


def _opens(person: Person, url: str) -> str:
    client = Client()
    client.force_login(person.user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _the_pages_open_for_the_people_who_would_read_them(seeded: Board) -> None:
    org = seeded.organisation.slug
    worker = Person.objects.get(user__email="worker@riverside.example")
    summer = Meeting.objects.get(board=seeded, title="Youth board, summer meeting")
    winter = Meeting.objects.get(board=seeded, title="Youth board, winter meeting")
    ids = {"org": org, "meeting_id": summer.public_id}
    _opens(
        worker,
        reverse("governance:board-detail", kwargs={"org": org, "board_id": seeded.public_id}),
    )
    _opens(worker, reverse("governance:minutes-detail", kwargs=ids))
    jamie = Person.objects.get(user__username="jamie")
    _opens(jamie, reverse("governance:my-actions", kwargs={"org": org}))
    _opens(jamie, reverse("governance:briefing", kwargs={**ids, "meeting_id": winter.public_id}))
    chair = seeded.seats.get(role=Seat.Role.CHAIR).holder
    assert chair is not None
    inbox = _opens(chair, reverse("governance:question-inbox", kwargs={"org": org}))
    assert jamie.display_name in inbox
    for slug, email in (
        ("riverside-camhs", "camhs@riverside.example"),
        ("riverside-academy", "teacher@riverside.example"),
    ):
        board = Board.objects.get(organisation__slug=slug)
        meeting = board.meetings.get()
        staff = Person.objects.get(user__email=email)
        _opens(
            staff,
            reverse("governance:board-detail", kwargs={"org": slug, "board_id": board.public_id}),
        )
        _opens(
            staff,
            reverse(
                "governance:meeting-detail", kwargs={"org": slug, "meeting_id": meeting.public_id}
            ),
        )
