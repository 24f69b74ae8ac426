"""Who is asking: the signed-in person with their memberships, loaded once per request."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from alongside.accounts import ages
from alongside.accounts.models import Consent, Membership, Organisation, Person
from alongside.accounts.roles import EMAIL_SIGNIN_ROLES, PARTICIPANT_ROLES, STAFF_ROLES
from alongside.core.errors import NotPermitted
from alongside.core.policy import Action, policy


@dataclass
class Actor:
    """Answers the policy's questions for one person. Anonymous visitors get an empty actor."""

    person: Person | None = None
    memberships: list[Membership] = field(default_factory=list)
    consented_organisation_ids: frozenset[int] = frozenset()
    # Where the consent to take part in force was given by a parent or carer.
    parent_consented_organisation_ids: frozenset[int] = frozenset()
    # An API token acts only within its own organisation.
    only_organisation_id: int | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.person is not None

    @property
    def person_id(self) -> int | None:
        return self.person.pk if self.person else None

    def held_roles_in(self, organisation_id: int) -> frozenset[str]:
        """Roles as granted, before consent is taken into account."""
        if self.only_organisation_id is not None and organisation_id != self.only_organisation_id:
            return frozenset()
        return frozenset(m.role for m in self.memberships if m.organisation_id == organisation_id)

    def roles_in(self, organisation_id: int) -> frozenset[str]:
        """Roles in effect. A participant without consent to take part holds no role yet."""
        roles = self.held_roles_in(organisation_id)
        if roles & PARTICIPANT_ROLES and organisation_id not in self.consented_organisation_ids:
            roles = roles - PARTICIPANT_ROLES
        return roles

    def awaiting_consent_in(self) -> list[Organisation]:
        return [
            organisation
            for organisation in self.organisations
            if self.held_roles_in(organisation.pk) & PARTICIPANT_ROLES
            and organisation.pk not in self.consented_organisation_ids
        ]

    def own_consent_due_in(self) -> list[Organisation]:
        """Where they are 13 or over but take part on a parent's consent: theirs is now asked."""
        if self.person is None or self.person.needs_parental_consent:
            return []
        return [
            organisation
            for organisation in self.organisations
            if organisation.pk in self.parent_consented_organisation_ids
            and self.held_roles_in(organisation.pk) & PARTICIPANT_ROLES
        ]

    def can(self, action: Action | str, organisation: Organisation | None = None) -> bool:
        return policy.allows(self, action, organisation.pk if organisation else None)

    @cached_property
    def organisations(self) -> list[Organisation]:
        seen: dict[int, Organisation] = {}
        for membership in self.memberships:
            seen.setdefault(membership.organisation_id, membership.organisation)
        return sorted(seen.values(), key=lambda organisation: organisation.name)

    @cached_property
    def is_staff(self) -> bool:
        """Holds a staff role anywhere."""
        return any(m.role in STAFF_ROLES for m in self.memberships)

    @cached_property
    def needs_second_factor(self) -> bool:
        """Signs in with an email (staff or a reward partner), so must use two-factor sign-in."""
        return any(m.role in EMAIL_SIGNIN_ROLES for m in self.memberships)

    def organisations_where(self, action: Action | str) -> list[Organisation]:
        return [o for o in self.organisations if self.can(action, o)]


ANONYMOUS = Actor()


def actor_for_person(person: Person, *, only_organisation_id: int | None = None) -> Actor:
    memberships = list(
        Membership.objects.filter(person=person).select_related("organisation").order_by("pk")
    )
    consented: set[int] = set()
    parent_consented: set[int] = set()
    if any(m.role in PARTICIPANT_ROLES for m in memberships):
        needs_parent = person.needs_parental_consent
        for organisation_id, given_by in (
            Consent.objects.in_force()
            .filter(person=person, purpose=Consent.Purpose.TAKE_PART)
            .values_list("organisation_id", "given_by")
        ):
            given_by_self = given_by == Consent.GivenBy.SELF
            if ages.consent_counts(
                needs_parental_consent=needs_parent, given_by_self=given_by_self
            ):
                consented.add(organisation_id)
            if not given_by_self:
                parent_consented.add(organisation_id)
    return Actor(
        person=person,
        memberships=memberships,
        consented_organisation_ids=frozenset(consented),
        parent_consented_organisation_ids=frozenset(parent_consented),
        only_organisation_id=only_organisation_id,
    )


def actor_for_user(user: Any) -> Actor:
    if not user.is_authenticated:
        return ANONYMOUS
    try:
        # Loaded with the user by our authentication backends (accounts/auth_backends.py).
        person = user.person
    except Person.DoesNotExist:
        return ANONYMOUS
    return actor_for_person(person)


NOT_PERMITTED = "You do not have permission to do this in this organisation."


def require(actor: Actor, action: Action | str, organisation: Organisation) -> None:
    """The policy again, inside a service, even if a view forgot to ask."""
    if not actor.can(action, organisation):
        raise NotPermitted(NOT_PERMITTED)
