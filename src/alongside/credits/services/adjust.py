"""Issuing or adjusting one person's credits by hand, with a reason: a worker gives credits the
records missed, or takes back credits given wrongly. Taking away never goes below zero."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation, Person
from alongside.core.audit import audit_record
from alongside.core.durations import time_words
from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.core.models import LedgerTransaction
from alongside.credits.rules import CREDITS_APPROVE
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.services.books import credits_post, issued_account, person_account
from alongside.credits.services.earning import MAX_REASON, lock_issued
from alongside.credits.services.totals import count_issued

MOST = 100 * 60


@transaction.atomic
def credits_adjust(
    *,
    actor: Actor,
    organisation: Organisation,
    person: Person,
    minutes: int,
    reason: str,
    idempotency_key: uuid.UUID,
) -> LedgerTransaction:
    """Give (``minutes`` > 0) or take (< 0) credits. The issued account is locked first, then
    the person's by the ledger, which refuses an overdraft under its lock (the balance read
    here is only the figure the refusal gives)."""
    if not actor.can(CREDITS_APPROVE, organisation):
        raise NotPermitted(_("You do not have permission to do this in this organisation."))
    if person.pk == actor.person_id:
        raise NotPermitted(_("Someone else must change your own credits."))
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("Enter the reason."), field="reason")
    if len(reason) > MAX_REASON:
        raise ValidationFailed(_("The reason must be 300 characters or fewer."), field="reason")
    if minutes == 0 or abs(minutes) > MOST:
        raise ValidationFailed(_("Enter an amount from 1 minute to 100 hours."), field="hours")
    lock_issued(organisation)
    held = balance_of_person(organisation_id=organisation.pk, person_id=person.pk)
    posted, new = credits_post(
        organisation_id=organisation.pk,
        kind="adjust",
        lines=[
            (issued_account(organisation_id=organisation.pk), -minutes),
            (person_account(organisation_id=organisation.pk, person_id=person.pk), minutes),
        ],
        idempotency_key=idempotency_key,
        reason=reason,
        actor_id=actor.person_id,
        not_enough=_("You cannot take away more credits than they have. They have %(held)s.")
        % {"held": time_words(held, none=_("no credits"))},
    )
    if new:
        count_issued(
            organisation_id=organisation.pk, posted=posted, person_id=person.pk, minutes=minutes
        )
        audit_record(
            action="credits.adjust",
            summary=("Credits given" if minutes > 0 else "Credits taken away") + " by hand",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=posted,
            data={"minutes": minutes},
        )
    return posted
