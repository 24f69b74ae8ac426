"""Roles in an organisation: granting and removing them."""

from __future__ import annotations

from django.db import transaction

from alongside.accounts.actor import Actor
from alongside.accounts.models import (
    Membership,
    Organisation,
    Person,
)
from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.accounts.rules import (
    MEMBERSHIP_MANAGE,
)
from alongside.accounts.services.guards import require, require_member
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, ValidationFailed

# Roles ------------------------------------------------------------------------------------


@transaction.atomic
def membership_grant(
    *, actor: Actor, organisation: Organisation, person: Person, role: str
) -> Membership:
    require(actor, MEMBERSHIP_MANAGE, organisation)
    require_member(person, organisation)
    role = Role(role)
    is_participant = person.kind != Person.Kind.PROFESSIONAL
    if is_participant != (role in PARTICIPANT_ROLES):
        raise ValidationFailed(
            "Young people and parents can only hold the young person or parent role; "
            "staff roles are for professionals.",
            field="role",
        )
    membership, created = Membership.objects.get_or_create(
        person=person, organisation=organisation, role=role
    )
    if not created:
        raise Conflict(f"They already have the role {role.label}.", field="role")
    audit_record(
        action="accounts.membership.grant",
        summary=f"Role {role} given",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
        data={"role": role.value},
    )
    return membership


@transaction.atomic
def membership_revoke(*, actor: Actor, organisation: Organisation, membership: Membership) -> None:
    require(actor, MEMBERSHIP_MANAGE, organisation)
    if membership.organisation_id != organisation.pk:
        raise NotFound("That role is not in this organisation.")
    if membership.person_id == actor.person_id and membership.role == Role.ORG_ADMIN:
        raise ValidationFailed("You cannot take away your own admin role. Ask another admin.")
    remaining = Membership.objects.filter(person_id=membership.person_id, organisation=organisation)
    if remaining.count() == 1:
        raise ValidationFailed(
            "This is their only role here. Give them another role first, "
            "or ask for them to be removed from the organisation."
        )
    membership.delete()
    audit_record(
        action="accounts.membership.revoke",
        summary=f"Role {membership.role} taken away",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=membership.person,
        data={"role": membership.role},
    )
