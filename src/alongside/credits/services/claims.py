"""Claims: time a young person says they gave, with what they did, which a worker approves
(credited like any activity, kind "claim", under the same rules and weekly cap) or declines
with a note the young person reads. Each claim is decided once, under a row lock."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.core.policy import Action
from alongside.credits.models import Claim
from alongside.credits.rules import CREDITS_APPROVE, OWN_CREDITS
from alongside.credits.services.earning import credit_activity, lock_issued
from alongside.credits.sources import Activity

MAX_DESCRIPTION = 500
MAX_NOTE = 300
MAX_MINUTES = 24 * 60


def _require(actor: Actor, action: Action, organisation: Organisation) -> None:
    if not actor.can(action, organisation):
        raise NotPermitted(_("You do not have permission to do this in this organisation."))


def check_claim(*, description: str, done_on: dt.date, minutes: int) -> str:
    """The claim's words, trimmed, if it can be sent; ``ValidationFailed`` naming the field."""
    description = description.strip()
    if not description:
        raise ValidationFailed(_("Enter what you did."), field="description")
    if len(description) > MAX_DESCRIPTION:
        raise ValidationFailed(
            _("What you did must be 500 characters or fewer."), field="description"
        )
    today = timezone.localdate()
    if done_on > today:
        raise ValidationFailed(_("The date must be today or in the past."), field="done_on")
    if done_on < today - dt.timedelta(days=365):
        raise ValidationFailed(_("The date must be within the last year."), field="done_on")
    if not 1 <= minutes <= MAX_MINUTES:
        raise ValidationFailed(
            _("How long you spent must be from 1 minute to 24 hours."), field="hours"
        )
    return description


@transaction.atomic
def claim_send(
    *,
    actor: Actor,
    organisation: Organisation,
    description: str,
    done_on: dt.date,
    minutes: int,
    idempotency_key: uuid.UUID,
) -> Claim:
    """Send a claim for a worker to decide. A form sent twice with its key is one claim."""
    _require(actor, OWN_CREDITS, organisation)
    person = actor.person
    if person is None:
        raise NotPermitted(_("Sign in to claim time you gave."))
    description = check_claim(description=description, done_on=done_on, minutes=minutes)

    def create() -> Claim:
        claim = Claim.objects.create(
            organisation=organisation,
            person=person,
            description=description,
            done_on=done_on,
            minutes=minutes,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="credits.claim.send",
            summary=f"Time credits claimed for {minutes} minutes",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=claim,
        )
        return claim

    claim, _new = create_once(
        Claim,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.person_id == actor.person_id
            and earlier.organisation_id == organisation.pk
            and earlier.description == description
            and earlier.done_on == done_on
            and earlier.minutes == minutes
        ),
    )
    return claim


def claim_activity(claim: Claim) -> Activity:
    label = f"Time you claimed: {claim.description}"
    return Activity(
        # Stable: a claim is decided once, and its id never changes.
        key=f"claim:{claim.pk}",
        person_id=claim.person_id,
        kind="claim",
        label=label[:200],
        group_key="claims",
        group_label="Claimed time",
        occurred_on=claim.done_on,
        minutes=claim.minutes,
    )


@transaction.atomic
def claim_decide(
    *, actor: Actor, organisation: Organisation, claim_id: int, approve: bool, note: str = ""
) -> Claim:
    """Approve (credit it) or decline (with a note) a waiting claim; a claim decided already
    is refused in words."""
    _require(actor, CREDITS_APPROVE, organisation)
    note = note.strip()
    if not approve and not note:
        raise ValidationFailed(_("Enter why the claim is not approved."), field="note")
    if len(note) > MAX_NOTE:
        raise ValidationFailed(_("The note must be 300 characters or fewer."), field="note")
    if approve:
        lock_issued(organisation)
    claim = (
        Claim.objects.for_organisation(organisation).select_for_update().filter(pk=claim_id).first()
    )
    if claim is None:
        raise NotFound(_("That claim was not found."))
    if claim.status != Claim.Status.WAITING:
        raise Conflict(_("This claim has already been decided."))
    if claim.person_id == actor.person_id:
        raise NotPermitted(_("Someone else must decide your own claim."))
    if approve:
        credit_activity(
            organisation=organisation, source="claim", activity=claim_activity(claim), actor=actor
        )
    claim.status = Claim.Status.APPROVED if approve else Claim.Status.DECLINED
    claim.decided_by = actor.person
    claim.decided_at = timezone.now()
    claim.decision_note = note
    claim.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"])
    audit_record(
        action="credits.claim.decide",
        summary="A claim for time credits was " + ("approved" if approve else "not approved"),
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=claim,
        data={"approved": approve},
    )
    return claim
