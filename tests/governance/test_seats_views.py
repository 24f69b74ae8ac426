"""A board's seats and details, through the Django client: the board page's links for
clerks, adding seats, the search that picks who holds a seat, the confirm pages, and
changing or closing a board."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.governance.models import Board, Seat
from alongside.governance.models.boards import Constituency
from tests import factories
from tests.governance.factories import BoardFactory, seat_for

pytestmark = pytest.mark.django_db

NO_TERM = {
    "term_starts_day": "",
    "term_starts_month": "",
    "term_starts_year": "",
    "term_ends_day": "",
    "term_ends_month": "",
    "term_ends_year": "",
}


def _login(client, organisation, role=Role.WORKER):
    person = factories.person_with_role(role, organisation)
    client.force_login(person.user)
    return person


def _url(name, board, seat=None):
    args = [board.organisation.slug, board.public_id]
    return reverse(f"governance:{name}", args=[*args, seat.pk] if seat else args)


def _vacant(board, constituency=Constituency.YOUNG_PERSON):
    return Seat.objects.create(board=board, constituency=constituency)


def test_clerks_see_change_and_make_vacant_and_everyone_else_only_names(client):
    # given a board with a held seat and a vacant one
    board = BoardFactory()
    held = seat_for(board, Constituency.PROFESSIONAL, display_name="Officer Sam")
    empty = _vacant(board)
    # when a worker opens its page, then each seat has its links
    _login(client, board.organisation)
    page = client.get(_url("board-detail", board)).content.decode()
    assert _url("seat-change", board, held) in page
    assert _url("seat-vacate", board, held) in page
    assert _url("seat-remove", board, empty) in page
    assert _url("seat-add", board) in page
    assert _url("board-edit", board) in page
    assert _url("board-close", board) in page
    # and a young person sees the names and roles only
    _login(client, board.organisation, Role.YOUNG_PERSON)
    page = client.get(_url("board-detail", board)).content.decode()
    assert "Officer Sam" in page
    assert "/seats/" not in page
    assert _url("board-edit", board) not in page


def test_a_closed_board_shows_no_seat_links(client):
    board = BoardFactory()
    seat = seat_for(board, Constituency.PROFESSIONAL)
    Board.objects.filter(pk=board.pk).update(closed_at="2026-06-04T10:00:00Z")
    _login(client, board.organisation)
    page = client.get(_url("board-detail", board)).content.decode()
    assert _url("seat-change", board, seat) not in page
    assert _url("board-close", board) not in page


def test_the_board_page_takes_the_same_queries_for_a_clerk_however_many_seats(
    client, django_assert_max_num_queries
):
    board = BoardFactory()
    seat_for(board, Constituency.YOUNG_PERSON)
    _vacant(board)
    _login(client, board.organisation)
    url = _url("board-detail", board)
    with django_assert_max_num_queries(40) as captured:
        client.get(url)
    for _ in range(3):
        seat_for(board, Constituency.PROFESSIONAL)
        _vacant(board, Constituency.RESIDENT)
    with django_assert_max_num_queries(len(captured)):
        client.get(url)


def test_adding_seats_makes_as_many_as_asked_once(client):
    # given the add seats form
    board = BoardFactory()
    _login(client, board.organisation)
    url = _url("seat-add", board)
    assert "How many seats?" in client.get(url).content.decode()
    body = {
        "idempotency_key": str(uuid.uuid4()),
        "constituency": Constituency.YOUNG_PERSON,
        "role": Seat.Role.MEMBER,
        "count": "4",
        **NO_TERM,
    }
    # when it is sent twice
    for _ in range(2):
        response = client.post(url, body)
    # then there are four seats and the clerk is back on the board's page
    assert response.status_code == 302
    assert response["Location"] == _url("board-detail", board)
    assert Seat.objects.filter(board=board, holder__isnull=True).count() == 4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"count": "21"}, "Enter a whole number from 1 to 20."),
        ({"count": ""}, "Enter a whole number from 1 to 20."),
        ({"constituency": ""}, "Select who the seats are for."),
        ({"role": Seat.Role.CHAIR, "count": "2"}, "Add that seat on its own."),
        (
            {"term_ends_day": "1", "term_ends_month": "9", "term_ends_year": ""},
            "The date the term ends must include a day, a month and a year",
        ),
        (
            {
                "term_starts_day": "1",
                "term_starts_month": "9",
                "term_starts_year": "2027",
                "term_ends_day": "1",
                "term_ends_month": "9",
                "term_ends_year": "2026",
            },
            "The end of the term must be after its start.",
        ),
    ],
)
def test_bad_answers_to_add_seats_say_what_to_do(client, change, message):
    board = BoardFactory()
    _login(client, board.organisation)
    body = {
        "idempotency_key": str(uuid.uuid4()),
        "constituency": Constituency.RESIDENT,
        "role": Seat.Role.MEMBER,
        "count": "1",
        **NO_TERM,
    } | change
    response = client.post(_url("seat-add", board), body)
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert "This field is required" not in page
    assert not Seat.objects.filter(board=board).exists()


def test_the_search_finds_at_most_twenty_who_fit_the_seat(client, django_assert_max_num_queries):
    # given a vacant young person's seat, 22 young people called Alex and a worker called Alex
    board = BoardFactory()
    seat = _vacant(board)
    for number in range(22):
        factories.person_with_role(
            Role.YOUNG_PERSON, board.organisation, display_name=f"Alex {number:02}"
        )
    factories.person_with_role(Role.WORKER, board.organisation, display_name="Alex Worker")
    factories.person_with_role(
        Role.YOUNG_PERSON, factories.OrganisationFactory(), display_name="Alex Elsewhere"
    )
    _login(client, board.organisation)
    url = _url("seat-change", board, seat)
    # when a worker searches for Alex
    with django_assert_max_num_queries(40) as captured:
        response = client.get(url, {"q": "alex"})
    page = response.content.decode()
    # then 20 young people of this organisation are offered, and the page says there are more
    assert page.count('name="holder"') == 21  # with "Nobody for now"
    assert "Alex 00" in page
    assert "Alex 21" not in page
    assert "Alex Worker" not in page
    assert "Alex Elsewhere" not in page
    assert "first 20 people found" in page
    assert response["Cache-Control"] == "no-store"
    # and more people called Alex take no more queries
    for number in range(5):
        factories.person_with_role(
            Role.YOUNG_PERSON, board.organisation, display_name=f"Alex {number + 30}"
        )
    with django_assert_max_num_queries(len(captured)):
        client.get(url, {"q": "alex"})


def test_a_search_that_finds_nobody_says_what_to_try(client):
    board = BoardFactory()
    seat = _vacant(board)
    _login(client, board.organisation)
    page = client.get(_url("seat-change", board, seat), {"q": "Zed"}).content.decode()
    assert "Nobody who can hold this seat is called “Zed”" in page


def _change_body(holder, role=Seat.Role.MEMBER, **dates):
    return {
        "holder": str(holder.public_id) if holder else "vacant",
        "role": role,
        **NO_TERM,
        **dates,
    }


def test_giving_a_seat_to_someone_found(client):
    # given a vacant young person's seat and a young person who agreed to take part
    board = BoardFactory()
    seat = _vacant(board)
    young = factories.person_with_role(
        Role.YOUNG_PERSON, board.organisation, display_name="Robin Hill"
    )
    _login(client, board.organisation)
    url = _url("seat-change", board, seat) + "?q=robin"
    # when the worker picks them with a term
    response = client.post(
        url,
        _change_body(
            young,
            term_starts_day="1",
            term_starts_month="9",
            term_starts_year="2026",
            term_ends_day="31",
            term_ends_month="8",
            term_ends_year="2027",
        ),
    )
    # then the seat is theirs
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.holder_id == young.pk
    assert str(seat.term_ends) == "2027-08-31"


def test_a_young_person_without_consent_gets_the_services_message(client):
    board = BoardFactory()
    seat = _vacant(board)
    young = factories.person_with_role(
        Role.YOUNG_PERSON, board.organisation, display_name="Robin Hill", consent=False
    )
    _login(client, board.organisation)
    response = client.post(_url("seat-change", board, seat) + "?q=robin", _change_body(young))
    page = response.content.decode()
    assert "cannot take a seat until they" in page
    assert "govuk-error-summary" in page
    seat.refresh_from_db()
    assert seat.holder_id is None


def test_someone_not_offered_cannot_be_picked(client):
    # given a person of another organisation, whose public id is sent anyway
    board = BoardFactory()
    seat = _vacant(board)
    stranger = factories.person_with_role(Role.YOUNG_PERSON, factories.OrganisationFactory())
    _login(client, board.organisation)
    response = client.post(
        _url("seat-change", board, seat) + f"?q={stranger.display_name}", _change_body(stranger)
    )
    assert "Select someone from the list." in response.content.decode()
    seat.refresh_from_db()
    assert seat.holder_id is None


def test_a_second_chair_is_refused_with_the_plain_message(client):
    board = BoardFactory()
    seat_for(board, Constituency.YOUNG_PERSON, role=Seat.Role.CHAIR)
    other = seat_for(board, Constituency.PROFESSIONAL)
    _login(client, board.organisation)
    response = client.post(
        _url("seat-change", board, other), _change_body(other.holder, Seat.Role.CHAIR)
    )
    page = response.content.decode()
    assert "This board already has a chair. Change the chair&#39;s seat first." in page
    other.refresh_from_db()
    assert other.role == Seat.Role.MEMBER


def test_making_a_seat_vacant_asks_first(client):
    board = BoardFactory()
    seat = seat_for(board, Constituency.YOUNG_PERSON, display_name="Robin Hill")
    _login(client, board.organisation)
    url = _url("seat-vacate", board, seat)
    response = client.get(url)
    page = response.content.decode()
    assert "Robin Hill will no longer hold this seat" in page
    assert "The meetings they went to stay on the record" in page
    assert response["Cache-Control"] == "no-store"
    assert client.post(url).status_code == 302
    seat.refresh_from_db()
    assert seat.holder_id is None


def test_removing_a_held_seat_says_to_make_it_vacant_first(client):
    board = BoardFactory()
    held = seat_for(board, Constituency.PROFESSIONAL)
    empty = _vacant(board)
    _login(client, board.organisation)
    page = client.post(_url("seat-remove", board, held)).content.decode()
    assert "govuk-error-summary" in page
    assert "Make it vacant before you take it off the board." in page
    assert Seat.objects.filter(pk=held.pk).exists()
    assert client.post(_url("seat-remove", board, empty)).status_code == 302
    assert not Seat.objects.filter(pk=empty.pk).exists()


def test_another_boards_seat_is_not_found(client):
    board = BoardFactory()
    elsewhere = _vacant(BoardFactory(organisation=board.organisation))
    _login(client, board.organisation)
    for name in ("seat-change", "seat-vacate", "seat-remove"):
        assert client.get(_url(name, board, elsewhere)).status_code == 404


def test_changing_a_board_offers_its_staff_and_saves(client):
    # given a board, a commissioner and a young person of its organisation
    board = BoardFactory(name="Youth board")
    staff = factories.person_with_role(
        Role.COMMISSIONER, board.organisation, display_name="Chris Commissioner"
    )
    factories.person_with_role(Role.YOUNG_PERSON, board.organisation, display_name="Young Kim")
    _login(client, board.organisation)
    url = _url("board-edit", board)
    # when the worker opens the page, then staff are offered as support worker, and no one else
    page = client.get(url).content.decode()
    assert "Chris Commissioner" in page
    assert "Young Kim" not in page
    assert 'value="Youth board"' in page
    # and saving changes the board
    body = {
        "kind": Board.Kind.STEERING_GROUP,
        "name": "Skatepark group",
        "purpose": board.purpose,
        "terms_of_reference": "",
        "support_worker": str(staff.public_id),
        "initiative": "",
    }
    assert client.post(url, body).status_code == 302
    board.refresh_from_db()
    assert (board.name, board.kind, board.support_worker_id) == (
        "Skatepark group",
        Board.Kind.STEERING_GROUP,
        staff.pk,
    )


def test_changing_a_board_with_no_name_says_so(client):
    board = BoardFactory(name="Youth board")
    _login(client, board.organisation)
    response = client.post(
        _url("board-edit", board),
        {"kind": board.kind, "name": "", "purpose": board.purpose, "support_worker": ""},
    )
    assert "Enter the board&#39;s name." in response.content.decode()
    board.refresh_from_db()
    assert board.name == "Youth board"


def test_closing_a_board_explains_and_a_second_close_is_refused(client):
    board = BoardFactory()
    _login(client, board.organisation)
    url = _url("board-close", board)
    page = client.get(url).content.decode()
    assert "Its meetings, minutes and decisions stay" in page
    assert client.post(url).status_code == 302
    board.refresh_from_db()
    assert board.closed_at is not None
    page = client.post(url).content.decode()
    assert "This board has already closed." in page


def test_a_young_person_is_refused_every_seat_page(client):
    board = BoardFactory()
    seat = seat_for(board, Constituency.PROFESSIONAL)
    _login(client, board.organisation, Role.YOUNG_PERSON)
    for url in (
        _url("seat-add", board),
        _url("board-edit", board),
        _url("board-close", board),
        _url("seat-change", board, seat),
        _url("seat-vacate", board, seat),
    ):
        assert client.post(url, {}).status_code == 403
    seat.refresh_from_db()
    assert seat.holder_id is not None


def test_a_vacant_seat_can_change_role_and_stay_vacant(client):
    board = BoardFactory()
    seat = _vacant(board, Constituency.RESIDENT)
    _login(client, board.organisation)
    page = client.get(_url("seat-change", board, seat)).content.decode()
    assert "Nobody for now: it stays vacant" in page
    response = client.post(_url("seat-change", board, seat), _change_body(None, Seat.Role.OBSERVER))
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.holder_id, seat.role) == (None, Seat.Role.OBSERVER)


def test_the_search_says_who_has_not_agreed_to_take_part_yet(client):
    # given a vacant young person's seat and two young people called Robin, one without consent
    board = BoardFactory()
    seat = _vacant(board)
    factories.person_with_role(Role.YOUNG_PERSON, board.organisation, display_name="Robin Ash")
    factories.person_with_role(
        Role.YOUNG_PERSON, board.organisation, display_name="Robin Oak", consent=False
    )
    _login(client, board.organisation)
    # when a worker searches, then each is shown with their role, and one cannot take it yet
    page = client.get(_url("seat-change", board, seat), {"q": "robin"}).content.decode()
    assert page.count("Has not agreed to take part yet, so cannot take the seat.") == 1
    assert page.count("Young person") >= 2
