"""A board's page: its rule in words, who holds its seats, and whether it could ever decide."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.governance.models import Board, Seat
from alongside.governance.models.boards import Constituency
from tests import factories
from tests.governance.factories import BoardFactory, MeetingFactory, board_with_members, seat_for

pytestmark = pytest.mark.django_db


def _page(client, board, role=Role.YOUNG_PERSON) -> str:
    client.force_login(factories.person_with_role(role, board.organisation).user)
    url = reverse("governance:board-detail", args=[board.organisation.slug, board.public_id])
    return client.get(url).content.decode()


def test_a_board_that_could_never_decide_says_exactly_what_it_needs(client):
    # Given a board with a young chair and two professionals, under the 1 : 1 rule
    board = BoardFactory()
    seat_for(board, Constituency.YOUNG_PERSON, role=Seat.Role.CHAIR, display_name="Sky")
    seat_for(board, Constituency.PROFESSIONAL)
    seat_for(board, Constituency.PROFESSIONAL)
    # When a young person opens its page
    page = _page(client, board)
    # Then it gives the rule, the seats by display name, and what the board is missing
    assert "There must be at least as many young people and residents as professionals." in page
    assert "Young people and residents hold 1 of the 3 voting seats." in page
    assert "it needs 1 more young person or resident." in page
    assert "Sky" in page


def test_a_board_that_can_decide_has_no_warning_and_observers_are_not_voting_seats(client):
    board = board_with_members(factories.OrganisationFactory())
    seat_for(board, Constituency.PROFESSIONAL, role=Seat.Role.OBSERVER)
    page = _page(client, board, Role.WORKER)
    assert "could not decide" not in page
    assert "Young people and residents hold 4 of the 7 voting seats." in page
    assert "Observer (no vote)" in page


def test_another_organisations_board_is_not_found(client):
    board = BoardFactory()
    other = factories.OrganisationFactory()
    client.force_login(factories.person_with_role(Role.ORG_ADMIN, other).user)
    response = client.get(reverse("governance:board-detail", args=[other.slug, board.public_id]))
    assert response.status_code == 404


def test_the_page_takes_the_same_queries_however_many_seats(client, django_assert_max_num_queries):
    board = board_with_members(factories.OrganisationFactory(), young=2, professionals=1)
    client.force_login(factories.person_with_role(Role.YOUNG_PERSON, board.organisation).user)
    url = reverse("governance:board-detail", args=[board.organisation.slug, board.public_id])
    with django_assert_max_num_queries(25) as captured:
        client.get(url)
    for _ in range(4):
        seat_for(board, Constituency.YOUNG_PERSON)
    with django_assert_max_num_queries(len(captured)):
        client.get(url)


def test_a_young_member_sees_their_board_and_its_next_meeting_on_their_home_page(client):
    # Given Jamie holds a seat on a board with a meeting planned
    board = board_with_members(factories.OrganisationFactory(), young=1, professionals=1)
    jamie = board.seats.get(role=Seat.Role.CHAIR).holder
    MeetingFactory(board=board, location="The upstairs room")
    # When Jamie opens Home
    client.force_login(jamie.user)
    page = client.get(reverse("home:index")).content.decode()
    # Then the board is there, with its next meeting
    assert "Your boards" in page
    assert board.name in page
    assert "Next meeting:" in page
    assert "The upstairs room" in page


def test_a_worker_sets_up_a_board_then_its_rule_and_sees_the_rule_in_words(client):
    organisation = factories.OrganisationFactory()
    client.force_login(factories.person_with_role(Role.WORKER, organisation).user)
    create = reverse("governance:board-create", args=[organisation.slug])
    form = client.get(create).content.decode()
    assert "What kind of board is it?" in form
    key = str(uuid.uuid4())
    body = {
        "idempotency_key": key,
        "kind": "youth_board",
        "name": "Youth board",
        "purpose": "We decide together.",
    }
    # Sent twice (a double tap), it is one board
    first = client.post(create, body)
    client.post(create, body)
    board = Board.objects.get(organisation=organisation)
    assert first["Location"].endswith(f"/boards/{board.public_id}/quorum/")
    # A number out of range is refused in our words, and nothing changes
    quorum = reverse("governance:board-quorum", args=[organisation.slug, board.public_id])
    bad = client.post(quorum, {"minimum": "0", "residents": "1", "professionals": "1",
                               "young_people": "0"})  # fmt: skip
    assert "Enter a whole number from 1 to 100." in bad.content.decode()
    board.refresh_from_db()
    assert board.quorum_minimum == 3
    client.post(
        quorum,
        {"minimum": "4", "residents": "2", "professionals": "1", "young_people": "2",
         "young_chair": "on"},
    )  # fmt: skip
    page = _page(client, board)
    assert "At least 4 voting members must be there." in page
    assert "For each professional there, at least 2 young people or residents" in page
    assert "A young person must chair the meeting." in page
