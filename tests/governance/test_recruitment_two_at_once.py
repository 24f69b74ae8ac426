"""Two staff deciding one application at the same moment, and a call closing while someone
applies (PostgreSQL): the call's row lock means one goes first, and the other is refused
plainly or sees the result."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.errors import ValidationFailed
from alongside.governance.models import Application, Seat
from alongside.governance.services import recruitment
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.governance.factories_recruitment import ApplicationFactory, CallFactory


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_selecting_one_application_at_once_give_one_seat():
    # given an application and two vacant seats
    application = ApplicationFactory()
    call = application.call
    seats = [Seat.objects.create(board=call.board, constituency="young_person") for _ in "ab"]
    worker = factories.actor(factories.person_with_role(Role.WORKER, call.board.organisation))

    def select(seat):
        return lambda: recruitment.application_select(
            actor=worker, application=application, seat=seat, outcome_message="Welcome!"
        )

    # when both select them at the same moment, for different seats
    outcomes = run_concurrently(select(seats[0]), select(seats[1]))

    # then one is done and the other is refused plainly: they hold one seat
    assert sum(outcome.ok for outcome in outcomes) == 1
    refused = next(outcome for outcome in outcomes if not outcome.ok)
    assert isinstance(refused.error, ValidationFailed)
    assert "already been decided" in refused.error.message
    assert Seat.objects.filter(holder=application.person).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_call_closing_while_someone_applies_never_takes_an_application_after_it_closed():
    # given an open call and a young person about to send
    call = CallFactory()
    organisation = call.board.organisation
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    worker = factories.actor(factories.person_with_role(Role.WORKER, organisation))

    def send():
        return recruitment.application_send(
            actor=factories.actor(person), call=call, why="I care", idempotency_key=uuid.uuid4()
        )

    # when the call is closed at the same moment
    outcomes = run_concurrently(lambda: recruitment.call_close(actor=worker, call=call), send)

    # then the application, if taken, came before the close
    call.refresh_from_db()
    application = Application.objects.filter(call=call).first()
    if application is None:
        assert isinstance(outcomes[1].error, ValidationFailed)
    else:
        assert call.closed_at is not None
        assert application.created_at <= call.closed_at
    assert call.closed_at is not None
    assert call.closed_at <= timezone.now()
