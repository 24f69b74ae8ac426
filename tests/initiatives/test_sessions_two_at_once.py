"""Two workers at one session, adding the same young person at the same moment (PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Person
from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from alongside.initiatives import services
from alongside.initiatives.models import Attendance, Session
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.initiatives.factories_sessions import session_in


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_adding_the_same_person_at_once_make_one_attendance_row() -> None:
    # Given two workers at one session, and a young person neither has added yet
    organisation = factories.OrganisationFactory()
    workers = [factories.person_with_role(Role.WORKER, organisation) for _ in range(2)]
    session = session_in(organisation, duration_minutes=90)
    young = factories.offline_person(organisation, age=14)

    def add(worker: Person, session: Session) -> Any:
        return lambda: services.attendance_record(
            actor=actor_for_person(worker), session=session, person=young, minutes=60
        )[1]

    # When both press "Add" at the same moment
    first, second = run_concurrently(add(workers[0], session), add(workers[1], session))

    # Then both succeed, one of them made the row and the other found it
    assert first.ok, first.error
    assert second.ok, second.error
    assert (first.result, second.result) == (True, False)
    # And there is one row, recorded once in the audit trail
    assert Attendance.objects.filter(session=session, person=young).count() == 1
    assert AuditEvent.objects.filter(action="initiatives.attendance.record").count() == 1
