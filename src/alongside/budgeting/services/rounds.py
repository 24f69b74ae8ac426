"""Setting up a youth budget round. A round is part of a co-prioritisation initiative of the
same organisation: that is where its ideas are given and where its decisions appear."""

from __future__ import annotations

import uuid

from django.db import transaction

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation
from alongside.budgeting.models import Round
from alongside.budgeting.permissions import ROUND_MANAGE
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.initiatives.models import Initiative
from alongside.initiatives.selectors import initiative_has_form

MAX_BUDGET_PENCE = 100_000_000_00  # £100 million: a typing slip, not a youth budget, above it


def check_budget(budget_pence: int) -> int:
    if budget_pence < 1:
        raise ValidationFailed("Enter a budget of at least 1p.", field="budget")
    if budget_pence > MAX_BUDGET_PENCE:
        raise ValidationFailed("Enter a budget of £100,000,000 or less.", field="budget")
    return budget_pence


@transaction.atomic
def round_create(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    title: str,
    budget_pence: int,
    idempotency_key: uuid.UUID,
) -> Round:
    """Start setting up a round. Staff see it until its rules are agreed."""
    require(actor, ROUND_MANAGE, organisation)
    title = title.strip()
    if not title:
        raise ValidationFailed("Enter a name for the round.", field="title")
    if initiative.organisation_id != organisation.pk:
        raise ValidationFailed("Choose one of this organisation's initiatives.", field="initiative")
    if not initiative_has_form(initiative=initiative, code="co-prioritisation"):
        raise ValidationFailed(
            "Choose an initiative whose forms of co-production include co-prioritisation.",
            field="initiative",
        )
    check_budget(budget_pence)

    def create() -> Round:
        round_ = Round.objects.create(
            organisation=organisation,
            initiative=initiative,
            title=title,
            budget_pence=budget_pence,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="budgeting.round.create",
            summary="Started setting up a youth budget round",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=round_,
        )
        return round_

    round_, _ = create_once(
        Round,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.organisation_id == organisation.pk and earlier.title == title,
    )
    return round_
