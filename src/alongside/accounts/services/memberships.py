"""Roles in an organisation: granting and taking them away, and removing someone from it."""

from __future__ import annotations

from django.db import transaction

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import (
    Membership,
    Organisation,
    Person,
)
from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.accounts.rules import (
    MEMBERSHIP_MANAGE,
)
from alongside.accounts.services.guards import require_member
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed

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


def _lock_roles_of(organisation: Organisation, actor: Actor) -> None:
    """Take the organisation's lock on its roles, then check the actor still manages them.

    Every change that takes a role away waits here in turn, so each decides on what the one
    before it left (never on what it read before waiting): two admins removing each other at
    the same moment leave one admin, and nobody is left with no role by two removals at once.
    The actor's roles were read when their request began; the second of two such removals
    finds its actor no longer an admin.
    """
    Organisation.objects.select_for_update().only("pk").get(pk=organisation.pk)
    still_manages = actor.person_id is not None and (
        Membership.objects.filter(
            person_id=actor.person_id, organisation=organisation, role__in=MEMBERSHIP_MANAGE.roles
        ).exists()
    )
    if not still_manages:
        raise NotPermitted(
            "You are no longer an admin here, so you cannot take away roles. "
            "Ask another admin if you need this done."
        )


def _refuse_losing_the_last_admin(organisation: Organisation, person_id: int, actor: Actor) -> None:
    others = Membership.objects.filter(organisation=organisation, role=Role.ORG_ADMIN).exclude(
        person_id=person_id
    )
    if not others.exists():
        who = "You are" if person_id == actor.person_id else "They are"
        raise ValidationFailed(
            f"{who} the only admin of {organisation.name}. "
            "Make someone else an admin first, so that someone can still manage it."
        )


@transaction.atomic
def membership_revoke(*, actor: Actor, organisation: Organisation, membership: Membership) -> None:
    require(actor, MEMBERSHIP_MANAGE, organisation)
    if membership.organisation_id != organisation.pk:
        raise NotFound("That role is not in this organisation.")
    if membership.person_id == actor.person_id and membership.role == Role.ORG_ADMIN:
        raise ValidationFailed("You cannot take away your own admin role. Ask another admin.")
    _lock_roles_of(organisation, actor)
    locked = (
        Membership.objects.select_for_update()
        .select_related("person")
        .filter(pk=membership.pk, organisation=organisation)
        .first()
    )
    if locked is None:
        raise Conflict("That role has already been taken away.")
    remaining = Membership.objects.filter(person_id=locked.person_id, organisation=organisation)
    if remaining.count() == 1:
        raise ValidationFailed(
            "This is their only role here. Give them another role first, "
            "or remove them from the organisation."
        )
    if locked.role == Role.ORG_ADMIN:
        _refuse_losing_the_last_admin(organisation, locked.person_id, actor)
    locked.delete()
    audit_record(
        action="accounts.membership.revoke",
        summary=f"Role {locked.role} taken away",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=locked.person,
        data={"role": locked.role},
    )


@transaction.atomic
def person_remove_from_organisation(
    *, actor: Actor, organisation: Organisation, person: Person
) -> list[str]:
    """End all of someone's roles in one organisation; return the roles that ended.

    Their record, what they took part in and its audit trail stay (erasing is
    ``person_erase``); they no longer appear in the organisation or see its pages. An admin
    may remove themselves, so leaving, while another admin remains.
    """
    require(actor, MEMBERSHIP_MANAGE, organisation)
    _lock_roles_of(organisation, actor)
    memberships = list(
        Membership.objects.select_for_update().filter(person=person, organisation=organisation)
    )
    if not memberships:
        raise Conflict("They are not part of this organisation any more.")
    roles = sorted(m.role for m in memberships)
    if Role.ORG_ADMIN in roles:
        _refuse_losing_the_last_admin(organisation, person.pk, actor)
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).delete()
    audit_record(
        action="accounts.person.remove",
        summary=f"Removed from the organisation; roles ended: {', '.join(roles)}",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=person,
        data={"roles": roles},
    )
    return roles
