"""A board's seats and details, through their services: adding seats (one key, one set of
seats), giving and changing them, making them vacant, taking empty ones off, and changing or
closing a board."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from alongside.accounts.roles import Role
from alongside.core.audit import AuditEvent
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.governance.models import Board, MeetingAttendance, Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.services import boards, seats
from tests import factories
from tests.decisions.factories import InitiativeFactory
from tests.governance.factories import BoardFactory, MeetingFactory, seat_for

pytestmark = pytest.mark.django_db

SEPT = dt.date(2026, 9, 1)
AUGUST = dt.date(2027, 8, 31)


def _worker(organisation):
    return factories.actor(factories.person_with_role(Role.WORKER, organisation))


def _vacant(board, constituency=Constituency.YOUNG_PERSON, role=Seat.Role.MEMBER):
    return Seat.objects.create(board=board, constituency=constituency, role=role)


def _seat_state(seat):
    seat.refresh_from_db()
    return (seat.holder_id, seat.role, seat.term_starts, seat.term_ends)


def test_seat_add_sent_twice_with_one_key_is_one_seat():
    # given a worker and one key
    board = BoardFactory()
    worker = _worker(board.organisation)
    key = uuid.uuid4()
    # when the same seat is added twice with it
    for _ in range(2):
        seat = seats.seat_add(
            actor=worker,
            board=board,
            constituency=Constituency.YOUNG_PERSON,
            role=Seat.Role.CHAIR,
            term_starts=SEPT,
            term_ends=AUGUST,
            idempotency_key=key,
        )
    # then there is one seat, audited once, with its term
    assert Seat.objects.filter(board=board).count() == 1
    assert AuditEvent.objects.filter(action="governance.seat.add").count() == 1
    assert (seat.term_starts, seat.term_ends, seat.idempotency_key) == (SEPT, AUGUST, key)


def test_a_key_used_for_another_seat_is_refused():
    board = BoardFactory()
    worker = _worker(board.organisation)
    key = uuid.uuid4()
    seats.seat_add(
        actor=worker, board=board, constituency=Constituency.RESIDENT, idempotency_key=key
    )
    with pytest.raises(Conflict):
        seats.seat_add(
            actor=worker, board=board, constituency=Constituency.PROFESSIONAL, idempotency_key=key
        )
    assert Seat.objects.filter(board=board).count() == 1


def test_several_seats_at_once_are_added_once_per_key():
    # given a form asking for three resident seats
    board = BoardFactory()
    worker = _worker(board.organisation)
    key = uuid.uuid4()
    # when it is sent twice
    for _ in range(2):
        added = seats.seats_add(
            actor=worker,
            board=board,
            constituency=Constituency.RESIDENT,
            role=Seat.Role.ASSOCIATE,
            count=3,
            idempotency_key=key,
        )
    # then there are three vacant seats, each with its own key, audited once each
    on_board = Seat.objects.filter(board=board)
    assert on_board.count() == 3
    assert {s.pk for s in added} == {s.pk for s in on_board}
    assert len({s.idempotency_key for s in on_board}) == 3
    assert all(s.holder_id is None and s.role == Seat.Role.ASSOCIATE for s in on_board)
    assert AuditEvent.objects.filter(action="governance.seat.add").count() == 3


@pytest.mark.parametrize(
    ("count", "role", "message"),
    [
        (0, Seat.Role.MEMBER, "from 1 to 20"),
        (21, Seat.Role.MEMBER, "from 1 to 20"),
        (2, Seat.Role.CHAIR, "one chair"),
    ],
)
def test_seats_add_refuses_too_few_too_many_and_two_chairs_and_adds_nothing(count, role, message):
    board = BoardFactory()
    with pytest.raises(ValidationFailed, match=message) as error:
        seats.seats_add(
            actor=_worker(board.organisation),
            board=board,
            constituency=Constituency.YOUNG_PERSON,
            role=role,
            count=count,
            idempotency_key=uuid.uuid4(),
        )
    assert error.value.field == "count"
    assert not Seat.objects.filter(board=board).exists()


def test_a_young_person_cannot_add_seats():
    board = BoardFactory()
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, board.organisation))
    with pytest.raises(NotPermitted):
        seats.seats_add(
            actor=young,
            board=board,
            constituency=Constituency.YOUNG_PERSON,
            role=Seat.Role.MEMBER,
            count=1,
            idempotency_key=uuid.uuid4(),
        )
    assert not Seat.objects.filter(board=board).exists()


def test_a_term_that_ends_before_it_starts_is_refused():
    board = BoardFactory()
    with pytest.raises(ValidationFailed, match="end of the term must be after") as error:
        seats.seats_add(
            actor=_worker(board.organisation),
            board=board,
            constituency=Constituency.RESIDENT,
            role=Seat.Role.MEMBER,
            count=2,
            term_starts=AUGUST,
            term_ends=SEPT,
            idempotency_key=uuid.uuid4(),
        )
    assert error.value.field == "term_ends"
    assert not Seat.objects.filter(board=board).exists()


def test_seat_change_gives_the_seat_its_role_and_term_and_is_audited():
    # given a vacant young person's seat and a young person who agreed to take part
    board = BoardFactory()
    seat = _vacant(board)
    young = factories.person_with_role(Role.YOUNG_PERSON, board.organisation)
    # when a worker gives it to them as vice-chair for a year
    seats.seat_change(
        actor=_worker(board.organisation),
        seat=seat,
        holder=young,
        role=Seat.Role.VICE_CHAIR,
        term_starts=SEPT,
        term_ends=AUGUST,
    )
    # then it is theirs, and the audit trail says a seat was given
    assert _seat_state(seat) == (young.pk, Seat.Role.VICE_CHAIR, SEPT, AUGUST)
    event = AuditEvent.objects.get(action="governance.seat.assign")
    assert event.data["new"] == {"role": Seat.Role.VICE_CHAIR, "holder": True}


def test_changing_only_the_role_keeps_the_holder_and_is_a_change():
    board = BoardFactory()
    seat = seat_for(board, Constituency.PROFESSIONAL)
    seats.seat_change(
        actor=_worker(board.organisation), seat=seat, holder=seat.holder, role=Seat.Role.OBSERVER
    )
    seat.refresh_from_db()
    assert seat.role == Seat.Role.OBSERVER
    assert AuditEvent.objects.filter(action="governance.seat.change").count() == 1
    assert not AuditEvent.objects.filter(action="governance.seat.assign").exists()


def test_nobody_outside_the_organisation_can_be_given_a_seat():
    # given a vacant resident's seat and a parent of another organisation
    board = BoardFactory()
    seat = _vacant(board, Constituency.RESIDENT)
    stranger = factories.person_with_role(Role.PARENT_CARER, factories.OrganisationFactory())
    # when a worker gives them the seat, then it is refused and the seat stays vacant
    with pytest.raises(ValidationFailed, match="not part of this organisation") as error:
        seats.seat_change(
            actor=_worker(board.organisation), seat=seat, holder=stranger, role=Seat.Role.MEMBER
        )
    assert error.value.field == "holder"
    assert _seat_state(seat) == (None, Seat.Role.MEMBER, None, None)
    assert not AuditEvent.objects.filter(action__startswith="governance.seat.").exists()


def test_a_professional_seat_cannot_go_to_a_young_person():
    board = BoardFactory()
    seat = _vacant(board, Constituency.PROFESSIONAL)
    young = factories.person_with_role(Role.YOUNG_PERSON, board.organisation)
    with pytest.raises(ValidationFailed, match="only go to a member of staff"):
        seats.seat_change(
            actor=_worker(board.organisation), seat=seat, holder=young, role=Seat.Role.MEMBER
        )
    assert _seat_state(seat)[0] is None


def test_a_young_person_without_consent_is_refused_in_plain_words():
    board = BoardFactory()
    seat = _vacant(board)
    young = factories.person_with_role(Role.YOUNG_PERSON, board.organisation, consent=False)
    with pytest.raises(ValidationFailed, match="agree to take part"):
        seats.seat_change(
            actor=_worker(board.organisation), seat=seat, holder=young, role=Seat.Role.MEMBER
        )
    assert _seat_state(seat)[0] is None


def test_two_chairs_are_refused_with_the_plain_message():
    # given a board with a chair and another seat
    board = BoardFactory()
    seat_for(board, Constituency.YOUNG_PERSON, role=Seat.Role.CHAIR)
    other = seat_for(board, Constituency.PROFESSIONAL)
    # when the other seat is made chair too, then the constraint's refusal is our words
    with pytest.raises(ValidationFailed) as error:
        seats.seat_change(
            actor=_worker(board.organisation),
            seat=other,
            holder=other.holder,
            role=Seat.Role.CHAIR,
        )
    assert error.value.message == seats.ROLE_TAKEN[Seat.Role.CHAIR]
    assert error.value.field == "role"
    assert _seat_state(other)[1] == Seat.Role.MEMBER


def test_someone_with_a_seat_cannot_take_a_second_one():
    board = BoardFactory()
    held = seat_for(board, Constituency.YOUNG_PERSON)
    seat = _vacant(board, Constituency.RESIDENT)
    with pytest.raises(ValidationFailed, match="already has a seat"):
        seats.seat_change(
            actor=_worker(board.organisation), seat=seat, holder=held.holder, role="member"
        )
    assert _seat_state(seat)[0] is None


def test_making_a_seat_vacant_keeps_the_holders_attendance():
    # given a young member who went to a meeting
    board = BoardFactory()
    seat = seat_for(board, Constituency.YOUNG_PERSON)
    young = seat.holder
    row = MeetingAttendance.objects.create(
        meeting=MeetingFactory(board=board),
        person=young,
        seat=seat,
        constituency=seat.constituency,
        votes=True,
        status=MeetingAttendance.Status.APOLOGIES,
    )
    worker = _worker(board.organisation)
    # when the seat is made vacant, twice (the confirm page sent again)
    for _ in range(2):
        seats.seat_vacate(actor=worker, seat=seat)
    # then the seat has no holder or term, the attendance is theirs still, audited once
    assert _seat_state(seat) == (None, Seat.Role.MEMBER, None, None)
    row.refresh_from_db()
    assert (row.person_id, row.constituency) == (young.pk, Constituency.YOUNG_PERSON)
    assert AuditEvent.objects.filter(action="governance.seat.vacate").count() == 1


def test_a_held_seat_cannot_be_removed_and_an_empty_one_can():
    # given a held seat and a vacant one someone sat in before
    board = BoardFactory()
    worker = _worker(board.organisation)
    held = seat_for(board, Constituency.PROFESSIONAL)
    empty = _vacant(board)
    row = MeetingAttendance.objects.create(
        meeting=MeetingFactory(board=board),
        person=factories.person_with_role(Role.YOUNG_PERSON, board.organisation),
        seat=empty,
        constituency=Constituency.YOUNG_PERSON,
        votes=True,
        status=MeetingAttendance.Status.ABSENT,
    )
    # when a worker removes the held one, then it is refused
    with pytest.raises(ValidationFailed, match="Make it vacant"):
        seats.seat_remove(actor=worker, seat=held)
    assert Seat.objects.filter(pk=held.pk).exists()
    # and the empty one goes, the attendance keeping its constituency
    seats.seat_remove(actor=worker, seat=empty)
    assert not Seat.objects.filter(pk=empty.pk).exists()
    row.refresh_from_db()
    assert (row.seat_id, row.constituency) == (None, Constituency.YOUNG_PERSON)
    assert AuditEvent.objects.filter(action="governance.seat.remove").count() == 1


def test_board_change_records_the_fields_that_changed():
    # given a board, a member of staff and an initiative of its organisation
    board = BoardFactory()
    organisation = board.organisation
    staff = factories.person_with_role(Role.COMMISSIONER, organisation)
    initiative = InitiativeFactory(organisation=organisation)
    # when its name, support worker and initiative change
    boards.board_change(
        actor=_worker(organisation),
        board=board,
        kind=board.kind,
        name="  Skatepark group ",
        purpose=board.purpose,
        terms_of_reference=board.terms_of_reference,
        support_worker=staff,
        initiative=initiative,
    )
    # then they are saved, and the audit trail names exactly those fields
    board.refresh_from_db()
    assert (board.name, board.support_worker_id, board.initiative_id) == (
        "Skatepark group",
        staff.pk,
        initiative.pk,
    )
    event = AuditEvent.objects.get(action="governance.board.update")
    assert event.data == {"changed": ["name", "support_worker", "initiative"]}


def test_board_change_with_nothing_different_writes_nothing():
    board = BoardFactory()
    boards.board_change(
        actor=_worker(board.organisation),
        board=board,
        kind=board.kind,
        name=board.name,
        purpose=board.purpose,
        terms_of_reference=board.terms_of_reference,
    )
    assert not AuditEvent.objects.filter(action="governance.board.update").exists()


def _change(board, **fields):
    values = {
        "kind": board.kind,
        "name": board.name,
        "purpose": board.purpose,
        "terms_of_reference": board.terms_of_reference,
    }
    boards.board_change(actor=_worker(board.organisation), board=board, **(values | fields))


@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("support_worker", lambda b: factories.person_with_role(Role.YOUNG_PERSON, b.organisation)),
        (
            "support_worker",
            lambda b: factories.person_with_role(Role.WORKER, factories.OrganisationFactory()),
        ),
        ("initiative", lambda b: InitiativeFactory()),
        ("name", lambda b: " "),
        ("kind", lambda b: "club"),
    ],
)
def test_board_change_refuses_what_does_not_fit_and_changes_nothing(field, make):
    board = BoardFactory(name="Youth board")
    with pytest.raises(ValidationFailed) as error:
        _change(board, **{field: make(board)})
    assert error.value.field == field
    board.refresh_from_db()
    assert (board.name, board.support_worker_id, board.initiative_id) == ("Youth board", None, None)
    assert not AuditEvent.objects.filter(action="governance.board.update").exists()


def test_a_young_person_cannot_change_a_board():
    board = BoardFactory(name="Youth board")
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, board.organisation))
    with pytest.raises(NotPermitted):
        boards.board_change(
            actor=young, board=board, kind=board.kind, name="Mine", purpose=board.purpose
        )
    board.refresh_from_db()
    assert board.name == "Youth board"


def test_closing_twice_is_refused_cleanly_and_a_closed_board_stays_as_it_was():
    # given a board with a seat, closed once
    board = BoardFactory()
    worker = _worker(board.organisation)
    seat = seat_for(board, Constituency.PROFESSIONAL)
    closed = boards.board_close(actor=worker, board=board)
    # when it is closed again, then that is refused in plain words and nothing changes
    with pytest.raises(ValidationFailed, match="already closed"):
        boards.board_close(actor=worker, board=board)
    assert Board.objects.get(pk=board.pk).closed_at == closed.closed_at
    assert AuditEvent.objects.filter(action="governance.board.close").count() == 1
    # and its seats and details no longer change
    with pytest.raises(ValidationFailed, match="has closed"):
        seats.seat_vacate(actor=worker, seat=seat)
    with pytest.raises(ValidationFailed, match="has closed"):
        seats.seat_change(actor=worker, seat=seat, holder=None, role=Seat.Role.MEMBER)
    with pytest.raises(ValidationFailed, match="has closed"):
        _change(board, name="Another name")
    assert _seat_state(seat)[0] is not None
