"""Builders for the notices tests: notices, and people a digest can reach."""

from __future__ import annotations

import itertools

from allauth.account.models import EmailAddress

from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import Role
from alongside.notices.models import Notice
from tests import factories

_keys = itertools.count(1)


def notice(person: Person, organisation: Organisation | None = None, **kwargs: object) -> Notice:
    """A notice as a domain's ``notice_send`` would leave it (each with its own event)."""
    number = next(_keys)
    kwargs.setdefault("kind", "voice.answered")
    kwargs.setdefault("text", "Your idea got an answer")
    kwargs.setdefault("url", "/my/notices/")
    kwargs.setdefault("event_key", f"test.event:{number}")
    return Notice.objects.create(person=person, organisation=organisation, **kwargs)  # type: ignore[arg-type]


def reachable(
    organisation: Organisation,
    *,
    email: str = "sam@example.org",
    verified: bool = True,
    contact: bool = True,
    **kwargs: object,
) -> Person:
    """A 15-year-old with a sign-in, an email address (checked unless ``verified=False``) and,
    unless ``contact=False``, a consent in force to be contacted by ``organisation``."""
    kwargs.setdefault("age", 15)
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, **kwargs)
    assert person.user is not None
    EmailAddress.objects.create(user=person.user, email=email, primary=True, verified=verified)
    if contact:
        give_contact_consent(person, organisation)
    return person


def give_contact_consent(person: Person, organisation: Organisation) -> Consent:
    return Consent.objects.create(
        person=person,
        organisation=organisation,
        purpose=Consent.Purpose.CONTACT,
        given_by=Consent.GivenBy.SELF,
    )
