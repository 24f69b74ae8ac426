"""Checks every accounts service makes before it writes."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from alongside.accounts.actor import Actor
from alongside.accounts.models import (
    Membership,
    Organisation,
    Person,
)
from alongside.accounts.roles import Role
from alongside.core.audit import audit_record
from alongside.core.errors import NotFound, ValidationFailed

KIND_FOR_ROLE = {
    Role.YOUNG_PERSON: Person.Kind.YOUNG_PERSON,
    Role.PARENT_CARER: Person.Kind.PARENT_CARER,
}


def require_member(person: Person, organisation: Organisation) -> None:
    if not Membership.objects.filter(person=person, organisation=organisation).exists():
        raise NotFound("That person is not part of this organisation.")


def check_birth(month: int | None, year: int | None) -> None:
    if (month is None) != (year is None):
        raise ValidationFailed("Enter both the month and the year of birth.", field="birth_month")
    if month is None or year is None:
        return
    today = timezone.localdate()
    if not 1 <= month <= 12:
        raise ValidationFailed("Month of birth must be a number from 1 to 12.", field="birth_month")
    if not today.year - 30 <= year <= today.year:
        raise ValidationFailed(
            f"Year of birth must be between {today.year - 30} and {today.year}.", field="birth_year"
        )
    if (year, month) > (today.year, today.month):
        raise ValidationFailed("Month and year of birth must be in the past.", field="birth_year")


def revoke_once(
    obj: Any, *, action: str, summary: str, actor: Actor, organisation: Organisation
) -> None:
    """Mark a code or token revoked and audit it, once, however many revoke it at the same
    moment: a guarded update claims it (revoked_at still empty), not a read then a save."""
    now = timezone.now()
    claimed = (
        type(obj)
        .objects.filter(pk=obj.pk, revoked_at__isnull=True)
        .update(revoked_at=now, updated_at=now)
    )
    if claimed:
        obj.revoked_at = obj.updated_at = now
        audit_record(
            action=action,
            summary=summary,
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=obj,
        )
    else:
        obj.refresh_from_db(fields=["revoked_at", "updated_at"])
