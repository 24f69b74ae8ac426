"""Calls for new board members and applications to them, through their services and
selectors."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.audit import AuditEvent
from alongside.core.errors import NotFound, NotPermitted, ValidationFailed
from alongside.governance import selectors_recruitment as selectors
from alongside.governance.models import Application, Call, Seat
from alongside.governance.models.boards import Constituency
from alongside.governance.services import recruitment
from tests import factories
from tests.governance.factories import BoardFactory
from tests.governance.factories_recruitment import ApplicationFactory, CallFactory
from tests.snapshots import changed_tables, rows_snapshot

pytestmark = pytest.mark.django_db


def _worker(organisation):
    return factories.actor(factories.person_with_role(Role.WORKER, organisation))


def _young(organisation, **kwargs):
    return factories.person_with_role(Role.YOUNG_PERSON, organisation, **kwargs)


def _open(board, actor=None, **changes):
    fields = {
        "title": "Join the youth board",
        "description": "Members meet once a month after school.",
        "constituency": Constituency.YOUNG_PERSON,
        "places": 2,
        "closes_on": timezone.localdate() + dt.timedelta(days=14),
        "idempotency_key": uuid.uuid4(),
    } | changes
    return recruitment.call_open(actor=actor or _worker(board.organisation), board=board, **fields)


def _send(call, person, **changes):
    fields = {
        "why": "I want the youth club to open at weekends.",
        "bring": "I know what people my age want.",
        "support_needed": "Help with the bus fare.",
        "idempotency_key": uuid.uuid4(),
    } | changes
    return recruitment.application_send(actor=factories.actor(person), call=call, **fields)


# Opening and closing a call ----------------------------------------------------------------


def test_call_open_is_once_per_key_and_audited():
    # given a worker, a board and one key
    board = BoardFactory()
    worker = _worker(board.organisation)
    key = uuid.uuid4()
    # when the form is sent twice
    for _ in range(2):
        call = _open(board, worker, idempotency_key=key)
    # then there is one call, audited once
    assert Call.objects.filter(board=board).count() == 1
    event = AuditEvent.objects.get(action="governance.call.open")
    assert event.data["places"] == 2
    assert call.created_by == worker.person


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"description": ""}, "description"),
        ({"constituency": Constituency.PROFESSIONAL}, "constituency"),
        ({"places": 0}, "places"),
        ({"places": 51}, "places"),
        ({"closes_on": dt.date(2020, 1, 1)}, "closes_on"),
    ],
)
def test_call_open_refuses_bad_details_and_changes_nothing(changes, field):
    board = BoardFactory()
    worker = _worker(board.organisation)
    if field == "closes_on":
        changes = {"closes_on": timezone.localdate()}  # today is not in the future
    before = rows_snapshot()
    with pytest.raises(ValidationFailed) as error:
        _open(board, worker, **changes)
    assert error.value.field == field
    assert not changed_tables(before, rows_snapshot())


def test_call_open_refuses_a_young_person_and_a_closed_board():
    board = BoardFactory()
    with pytest.raises(NotPermitted):
        _open(board, factories.actor(_young(board.organisation)))
    closed = BoardFactory(closed_at=timezone.now())
    with pytest.raises(ValidationFailed, match="closed"):
        _open(closed)
    assert not Call.objects.exists()


def test_call_close_is_audited_once():
    call = CallFactory()
    worker = _worker(call.board.organisation)
    for _ in range(2):
        closed = recruitment.call_close(actor=worker, call=call)
    assert closed.closed_at is not None
    assert AuditEvent.objects.filter(action="governance.call.close").count() == 1


# Applying -----------------------------------------------------------------------------------


def test_application_send_is_once_per_key_and_the_audit_keeps_no_words():
    # given an open call and a young person
    call = CallFactory()
    person = _young(call.board.organisation)
    key = uuid.uuid4()
    # when they send their answers twice with one key
    for _ in range(2):
        application = _send(call, person, idempotency_key=key)
    # then there is one application, received, audited once without their words
    assert Application.objects.filter(call=call).count() == 1
    assert application.status == Application.Status.RECEIVED
    assert application.support_needed == "Help with the bus fare."
    event = AuditEvent.objects.get(action="governance.application.send")
    assert "weekends" not in str(event.data) + event.summary
    assert "bus" not in str(event.data) + event.summary


def test_applying_twice_to_one_call_is_refused_plainly_and_changes_nothing():
    call = CallFactory()
    person = _young(call.board.organisation)
    _send(call, person)
    before = rows_snapshot()
    with pytest.raises(ValidationFailed) as error:
        _send(call, person, why="Another try")
    assert error.value.message == recruitment.ALREADY_APPLIED
    assert not changed_tables(before, rows_snapshot())


def test_a_call_closed_early_or_past_its_date_refuses_applications():
    closed = CallFactory(closed_at=timezone.now())
    past = CallFactory(closes_on=timezone.localdate() - dt.timedelta(days=1))
    for call in (closed, past):
        with pytest.raises(ValidationFailed, match="closed"):
            _send(call, _young(call.board.organisation))
    assert not Application.objects.exists()


def test_a_call_that_closes_today_still_takes_applications():
    call = CallFactory(closes_on=timezone.localdate())
    assert _send(call, _young(call.board.organisation)).pk


def test_a_young_peoples_call_refuses_a_parent_and_an_empty_answer():
    call = CallFactory()
    parent = factories.person_with_role(Role.PARENT_CARER, call.board.organisation)
    with pytest.raises(ValidationFailed, match="for young people"):
        _send(call, parent)
    with pytest.raises(ValidationFailed) as error:
        _send(call, _young(call.board.organisation), why="   ")
    assert error.value.field == "why"
    assert not Application.objects.exists()


def test_a_residents_call_takes_a_parent():
    call = CallFactory(constituency=Constituency.RESIDENT)
    parent = factories.person_with_role(Role.PARENT_CARER, call.board.organisation)
    assert _send(call, parent).person == parent


def test_someone_of_another_organisation_cannot_apply():
    call = CallFactory()
    with pytest.raises(NotPermitted):
        _send(call, _young(factories.OrganisationFactory()))


# Withdrawing ---------------------------------------------------------------------------------


def test_the_applicant_withdraws_while_it_is_received_and_no_one_else_can():
    application = ApplicationFactory()
    someone_else = factories.actor(_young(application.call.board.organisation))
    with pytest.raises(NotPermitted):
        recruitment.application_withdraw(actor=someone_else, application=application)
    mine = factories.actor(application.person)
    withdrawn = recruitment.application_withdraw(actor=mine, application=application)
    assert withdrawn.status == Application.Status.WITHDRAWN
    assert AuditEvent.objects.filter(action="governance.application.withdraw").count() == 1


def test_a_decided_application_cannot_be_withdrawn():
    application = ApplicationFactory(
        status=Application.Status.NOT_SELECTED, decided_at=timezone.now()
    )
    with pytest.raises(ValidationFailed, match="decided"):
        recruitment.application_withdraw(
            actor=factories.actor(application.person), application=application
        )


# Deciding ------------------------------------------------------------------------------------


def _vacant(call, constituency=Constituency.YOUNG_PERSON):
    return Seat.objects.create(board=call.board, constituency=constituency)


def test_selecting_gives_the_seat_and_tells_them_in_one_go():
    # given an application and a vacant young person's seat
    application = ApplicationFactory()
    seat = _vacant(application.call)
    worker = _worker(application.call.board.organisation)
    # when a worker selects them
    selected = recruitment.application_select(
        actor=worker, application=application, seat=seat, outcome_message="Welcome!"
    )
    # then they hold the seat, and the application says so with the message
    seat.refresh_from_db()
    assert seat.holder == application.person
    assert selected.status == Application.Status.SELECTED
    assert selected.seat == seat
    assert selected.outcome_message == "Welcome!"
    assert selected.decided_by == worker.person
    event = AuditEvent.objects.get(action="governance.application.decide")
    assert event.data["outcome"] == "selected"
    assert "Welcome" not in str(event.data)
    assert AuditEvent.objects.filter(action="governance.seat.assign").count() == 1


def test_an_application_decided_twice_is_refused_plainly():
    application = ApplicationFactory()
    worker = _worker(application.call.board.organisation)
    recruitment.application_decline(
        actor=worker, application=application, outcome_message="Thank you."
    )
    seat = _vacant(application.call)
    before = rows_snapshot()
    with pytest.raises(ValidationFailed, match="already been decided"):
        recruitment.application_select(
            actor=worker, application=application, seat=seat, outcome_message="Welcome!"
        )
    with pytest.raises(ValidationFailed, match="already been decided"):
        recruitment.application_decline(
            actor=worker, application=application, outcome_message="Again"
        )
    assert not changed_tables(before, rows_snapshot())


def test_selecting_someone_with_no_consent_shows_the_seats_message_and_changes_nothing():
    # given an application from a young person who has not agreed to take part
    call = CallFactory()
    person = _young(call.board.organisation, consent=False)
    application = ApplicationFactory(call=call, person=person)
    seat = _vacant(call)
    worker = _worker(call.board.organisation)
    before = rows_snapshot()
    # when a worker selects them
    with pytest.raises(ValidationFailed, match="agree to take part"):
        recruitment.application_select(
            actor=worker, application=application, seat=seat, outcome_message="Welcome!"
        )
    # then nothing changed: the seat is vacant, the application still waits
    assert not changed_tables(before, rows_snapshot())


@pytest.mark.parametrize("which", ["taken", "other board", "wrong constituency"])
def test_selecting_needs_a_vacant_seat_of_the_calls_kind_on_its_board(which):
    application = ApplicationFactory()
    call = application.call
    seat = {
        "taken": lambda: Seat.objects.create(
            board=call.board, constituency="young_person", holder=_young(call.board.organisation)
        ),
        "other board": lambda: Seat.objects.create(
            board=BoardFactory(organisation=call.board.organisation), constituency="young_person"
        ),
        "wrong constituency": lambda: _vacant(call, Constituency.RESIDENT),
    }[which]()
    with pytest.raises(ValidationFailed) as error:
        recruitment.application_select(
            actor=_worker(call.board.organisation),
            application=application,
            seat=seat,
            outcome_message="Welcome!",
        )
    assert error.value.field == "seat"
    application.refresh_from_db()
    assert application.status == Application.Status.RECEIVED


def test_selecting_stops_when_the_places_are_filled():
    call = CallFactory(places=1)
    worker = _worker(call.board.organisation)
    first, second = ApplicationFactory(call=call), ApplicationFactory(call=call)
    recruitment.application_select(
        actor=worker, application=first, seat=_vacant(call), outcome_message="Welcome!"
    )
    with pytest.raises(ValidationFailed, match="All 1 places"):
        recruitment.application_select(
            actor=worker, application=second, seat=_vacant(call), outcome_message="Welcome!"
        )


def test_deciding_needs_a_message_and_staff():
    application = ApplicationFactory()
    organisation = application.call.board.organisation
    with pytest.raises(ValidationFailed) as error:
        recruitment.application_decline(
            actor=_worker(organisation), application=application, outcome_message="  "
        )
    assert error.value.field == "outcome_message"
    with pytest.raises(NotPermitted):
        recruitment.application_decline(
            actor=factories.actor(application.person),
            application=application,
            outcome_message="I choose me",
        )


def test_a_withdrawn_application_cannot_be_decided():
    application = ApplicationFactory(status=Application.Status.WITHDRAWN)
    with pytest.raises(ValidationFailed, match="withdrawn"):
        recruitment.application_decline(
            actor=_worker(application.call.board.organisation),
            application=application,
            outcome_message="Thank you.",
        )


# Selectors ----------------------------------------------------------------------------------


def test_another_organisations_call_and_applications_are_not_found():
    application = ApplicationFactory()
    elsewhere = factories.OrganisationFactory()
    with pytest.raises(NotFound):
        selectors.call_get(organisation=elsewhere, public_id=str(application.call.public_id))
    with pytest.raises(NotFound):
        selectors.application_get(organisation=elsewhere, public_id=str(application.public_id))


def test_open_calls_leaves_out_closed_past_and_other_organisations_calls():
    call = CallFactory()
    organisation = call.board.organisation
    CallFactory(board=call.board, closed_at=timezone.now())
    CallFactory(board=call.board, closes_on=timezone.localdate() - dt.timedelta(days=1))
    CallFactory(board=BoardFactory(organisation=organisation, closed_at=timezone.now()))
    CallFactory()
    found = selectors.open_calls(organisation=organisation, today=timezone.localdate())
    assert list(found) == [call]
