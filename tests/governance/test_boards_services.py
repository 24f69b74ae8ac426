"""Boards and seats, through their services and selectors."""

from __future__ import annotations

import uuid

import pytest

from alongside.accounts.roles import Role
from alongside.core.audit import AuditEvent
from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.governance import quorum_words, selectors
from alongside.governance.models import Board, Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.services import boards, seats
from tests import factories
from tests.governance.factories import BoardFactory

pytestmark = pytest.mark.django_db


def _worker(organisation):
    return factories.actor(factories.person_with_role(Role.WORKER, organisation))


def test_board_create_is_once_per_key_and_audited():
    # given a worker and one key
    organisation = factories.OrganisationFactory()
    worker = _worker(organisation)
    key = uuid.uuid4()
    # when the form is sent twice
    for _ in range(2):
        board = boards.board_create(
            actor=worker,
            organisation=organisation,
            kind=Board.Kind.YOUTH_BOARD,
            name="Youth board",
            purpose="Decide how the youth service spends its money.",
            idempotency_key=key,
        )
    # then there is one board, audited once
    assert Board.objects.filter(organisation=organisation).count() == 1
    assert AuditEvent.objects.filter(action="governance.board.create").count() == 1
    assert board.quorum_rule.minimum_present == 3


def test_board_create_refuses_a_young_person_and_an_empty_name():
    organisation = factories.OrganisationFactory()
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, organisation))
    with pytest.raises(NotPermitted):
        boards.board_create(
            actor=young,
            organisation=organisation,
            kind="youth_board",
            name="B",
            purpose="P",
            idempotency_key=uuid.uuid4(),
        )
    with pytest.raises(ValidationFailed) as error:
        boards.board_create(
            actor=_worker(organisation),
            organisation=organisation,
            kind="youth_board",
            name="  ",
            purpose="P",
            idempotency_key=uuid.uuid4(),
        )
    assert error.value.field == "name"


def test_quorum_change_keeps_old_and_new_rule():
    board = BoardFactory()
    boards.board_set_quorum(
        actor=_worker(board.organisation),
        board=board,
        minimum=5,
        residents=2,
        professionals=1,
        young_people=2,
        young_chair=True,
    )
    event = AuditEvent.objects.get(action="governance.board.quorum")
    assert event.data["old"]["minimum"] == 3
    assert event.data["new"] == {
        "minimum": 5,
        "residents": 2,
        "professionals": 1,
        "young_people": 2,
        "young_chair": True,
    }


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("minimum", {"minimum": 0}),
        ("minimum", {"minimum": 101}),
        ("residents", {"residents": 11}),
        ("professionals", {"professionals": 0}),
        ("young_people", {"young_people": 101}),
    ],
)
def test_quorum_out_of_range_is_refused(field, values):
    board = BoardFactory()
    rule = {"minimum": 3, "residents": 1, "professionals": 1, "young_people": 0} | values
    with pytest.raises(ValidationFailed) as error:
        boards.board_set_quorum(
            actor=_worker(board.organisation), board=board, young_chair=False, **rule
        )
    assert error.value.field == field


def test_second_chair_and_second_seat_become_messages():
    # given a board with a chair
    board = BoardFactory()
    worker = _worker(board.organisation)
    young = factories.person_with_role(Role.YOUNG_PERSON, board.organisation)
    seats.seat_add(
        actor=worker,
        idempotency_key=uuid.uuid4(),
        board=board,
        constituency=Constituency.YOUNG_PERSON,
        role=Seat.Role.CHAIR,
        holder=young,
    )
    # when a second chair is added, then the constraint's refusal is our words
    with pytest.raises(ValidationFailed, match="already has a chair"):
        seats.seat_add(
            actor=worker,
            idempotency_key=uuid.uuid4(),
            board=board,
            constituency=Constituency.PROFESSIONAL,
            role=Seat.Role.CHAIR,
        )
    # and the same person cannot take a second seat
    with pytest.raises(ValidationFailed, match="already has a seat"):
        seats.seat_add(
            actor=worker,
            idempotency_key=uuid.uuid4(),
            board=board,
            constituency=Constituency.RESIDENT,
            holder=young,
        )
    assert selectors.seat_held(board, young).role == Seat.Role.CHAIR


def test_a_seat_goes_only_to_someone_of_the_right_kind():
    board = BoardFactory()
    worker = _worker(board.organisation)
    parent = factories.person_with_role(Role.PARENT_CARER, board.organisation)
    with pytest.raises(ValidationFailed, match="only go to a young person"):
        seats.seat_add(
            actor=worker,
            idempotency_key=uuid.uuid4(),
            board=board,
            constituency=Constituency.YOUNG_PERSON,
            holder=parent,
        )
    seat = seats.seat_add(
        actor=worker, idempotency_key=uuid.uuid4(), board=board, constituency=Constituency.RESIDENT
    )
    seats.seat_change(actor=worker, seat=seat, holder=parent, role=seat.role)
    seats.seat_vacate(actor=worker, seat=seat)
    assert AuditEvent.objects.filter(action="governance.seat.vacate").count() == 1


def test_a_young_person_without_consent_to_take_part_gets_no_seat():
    # given a young person who has not agreed to take part
    board = BoardFactory()
    worker = _worker(board.organisation)
    young = factories.person_with_role(Role.YOUNG_PERSON, board.organisation, consent=False)
    # when a worker gives them a young person's seat, then it is refused in plain words
    with pytest.raises(ValidationFailed, match="agree to take part"):
        seats.seat_add(
            actor=worker,
            idempotency_key=uuid.uuid4(),
            board=board,
            constituency=Constituency.YOUNG_PERSON,
            holder=young,
        )
    assert not Seat.objects.filter(board=board).exists()


def test_closed_board_takes_no_seats():
    board = BoardFactory()
    worker = _worker(board.organisation)
    boards.board_close(actor=worker, board=board)
    with pytest.raises(ValidationFailed, match="has closed"):
        seats.seat_add(
            actor=worker,
            idempotency_key=uuid.uuid4(),
            board=board,
            constituency=Constituency.RESIDENT,
        )


def test_composition_says_what_the_full_membership_lacks():
    # given three professionals and one young person on a board with the default rule
    board = BoardFactory()
    worker = _worker(board.organisation)
    for _ in range(3):
        seats.seat_add(
            actor=worker,
            idempotency_key=uuid.uuid4(),
            board=board,
            constituency=Constituency.PROFESSIONAL,
            holder=factories.person_with_role(Role.WORKER, board.organisation),
        )
    seats.seat_add(
        actor=worker,
        idempotency_key=uuid.uuid4(),
        board=board,
        constituency=Constituency.YOUNG_PERSON,
        holder=factories.person_with_role(Role.YOUNG_PERSON, board.organisation),
    )
    # when composition is asked
    found = selectors.composition(seats=selectors.seats_for(board=board), rule=board.quorum_rule)
    # then even with everyone there it is not quorate, and the words say why
    assert (found.resident_side, found.voting) == (1, 4)
    assert not found.full_house.quorate
    assert quorum_words.missing_words(found.full_house.missing[0]) == (
        "2 more young people or residents"
    )
