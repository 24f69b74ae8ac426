"""Builders for safeguarding tests: concerns made through the services, as a person would."""

from __future__ import annotations

import uuid

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.safeguarding import services
from alongside.safeguarding.models import Concern
from tests import factories

TEXT = "Someone at the bus stop keeps taking my phone and says they will hurt me."


def lead(organisation: Organisation, **kwargs: object) -> Person:
    return factories.person_with_role(Role.SAFEGUARDING_LEAD, organisation, **kwargs)


def concern_from(
    person: Person, organisation: Organisation, *, text: str = TEXT, **kwargs: object
) -> Concern:
    """A concern ``person`` (taking part in ``organisation``) raised about themselves."""
    return services.concern_raise_self(
        actor=factories.actor(person),
        organisation=organisation,
        text=text,
        idempotency_key=uuid.uuid4(),
        **kwargs,  # type: ignore[arg-type]
    )


def concern_by_staff(
    person: Person, organisation: Organisation, *, about: Person | None = None, text: str = TEXT
) -> Concern:
    return services.concern_raise(
        actor=factories.actor(person),
        organisation=organisation,
        about=about,
        text=text,
        idempotency_key=uuid.uuid4(),
    )
