"""Builders for safeguarding tests: concerns made through the services, as a person would."""

from __future__ import annotations

import uuid

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.initiatives.models import Initiative
from alongside.safeguarding import services
from alongside.safeguarding.models import Concern
from alongside.voice.models import Contribution
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


def contribution(organisation: Organisation, author: Person) -> Contribution:
    """Something a young person wrote on Alongside, for "I'm worried about this"."""
    initiative = Initiative.objects.create(
        organisation=organisation, title="Youth club nights", purpose="Plan the nights."
    )
    return Contribution.objects.create(
        organisation=organisation,
        initiative=initiative,
        kind=Contribution.Kind.EXPERIENCE,
        channel=Contribution.Channel.ONLINE,
        author=author,
        text="Someone keeps following me home from the club.",
        status=Contribution.Status.PUBLISHED,
        idempotency_key=uuid.uuid4(),
    )
