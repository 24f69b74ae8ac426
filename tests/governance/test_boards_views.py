"""The boards list, through the Django client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.governance.models import Seat
from tests import factories
from tests.governance.factories import BoardFactory

pytestmark = pytest.mark.django_db


def test_every_member_sees_each_board_with_its_seats_filled_in_constant_queries(
    client, django_assert_max_num_queries
):
    # given two boards, one with a filled and a vacant seat
    organisation = factories.OrganisationFactory()
    board = BoardFactory(organisation=organisation, name="Youth board")
    Seat.objects.create(
        board=board,
        constituency="young_person",
        holder=factories.person_with_role(Role.YOUNG_PERSON, organisation),
    )
    Seat.objects.create(board=board, constituency="professional")
    BoardFactory(organisation=organisation, name="Steering group")
    BoardFactory(name="Another organisation's board")
    client.force_login(factories.person_with_role(Role.YOUNG_PERSON, organisation).user)
    url = reverse("governance:board-list", args=[organisation.slug])
    # when a young person opens the list, then the queries do not grow with the boards
    with django_assert_max_num_queries(25) as captured:
        response = client.get(url)
    page = response.content.decode()
    assert "Youth board" in page
    assert "Steering group" in page
    assert "Another organisation" not in page
    assert "1 of 2" in page
    for _ in range(3):
        BoardFactory(organisation=organisation)
    with django_assert_max_num_queries(len(captured)):
        client.get(url)


def test_no_boards_says_what_will_appear(client):
    organisation = factories.OrganisationFactory()
    client.force_login(factories.person_with_role(Role.PARENT_CARER, organisation).user)
    response = client.get(reverse("governance:board-list", args=[organisation.slug]))
    assert "no boards yet" in response.content.decode()
