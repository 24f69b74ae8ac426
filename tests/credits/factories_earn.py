"""Sessions with attendance, and a finished board meeting, for the earning tests."""

from __future__ import annotations

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.initiatives.models import Session
from tests import factories
from tests.initiatives.factories_sessions import attend, session_in


def members(organisation: Organisation, count: int) -> list[Person]:
    return [factories.person_with_role(Role.YOUNG_PERSON, organisation) for _ in range(count)]


def session_with(
    organisation: Organisation, people: list[Person], minutes: int = 60, **kwargs: object
) -> Session:
    session = session_in(organisation, **kwargs)
    for person in people:
        attend(session, person, minutes)
    return session


def occasion_key(session: Session) -> str:
    return f"session:{session.public_id}"
