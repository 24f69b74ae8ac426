"""Delivering funded projects: the steps each takes, what each cost, photos, and when the
project is finished. Like Decidim's accountability, but each project stays tied to the
young people's ideas it came from (through its Decision).

Only a project that a published result funded can be delivered; spending is recorded per
step and may go over the award (that happens, and it is shown, not hidden)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.budgeting import selectors as round_selectors
from alongside.budgeting import selectors_delivery as selectors
from alongside.budgeting.models import Milestone, Proposal, Round
from alongside.budgeting.permissions import ROUND_MANAGE
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, ValidationFailed
from alongside.core.files import check_image
from alongside.core.idempotency import create_once

DELIVERING_STAGES = (Round.Stage.RESULTS, Round.Stage.DELIVERY)


def _require_delivering(round_: Round) -> None:
    """The round as committed now, held until this transaction ends (as a ballot holds it:
    ``round_key_shared``), so closing the round waits for a step being recorded, and a step
    recorded while the round closes sees it closed."""
    held = round_selectors.round_key_shared(round_=round_)
    if held.stage not in DELIVERING_STAGES:
        raise Conflict(
            "Projects can be tracked once the results are published, until the round closes."
        )


def _audit(actor: Actor, round_: Round, action: str, summary: str, target: object) -> None:
    audit_record(
        action=action,
        summary=summary,
        actor_id=actor.person_id,
        organisation_id=round_.organisation_id,
        target=target,
    )


@transaction.atomic
def milestone_add(
    *,
    actor: Actor,
    proposal: Proposal,
    description: str,
    due_on: dt.date | None,
    spent_pence: int,
    idempotency_key: uuid.UUID,
    photo: File[bytes] | None = None,
) -> Milestone:
    """A step in delivering a funded project, with what it cost so far and an optional photo."""
    round_ = proposal.round
    require(actor, ROUND_MANAGE, round_.organisation)
    _require_delivering(round_)
    # Checked on the proposal in hand: reading it again by its number, as the view did, cost
    # a query, told nothing more and locked nothing.
    if not selectors.proposal_is_funded(round_=round_, proposal=proposal):
        raise NotFound(selectors.NOT_FUNDED)
    description = description.strip()
    if not description:
        raise ValidationFailed("Say what this step is.", field="description")
    if spent_pence < 0:
        raise ValidationFailed("Enter what was spent, or 0.", field="spent")
    check_image(photo, field="photo")

    def create() -> Milestone:
        milestone = Milestone.objects.create(
            proposal=proposal,
            description=description,
            due_on=due_on,
            spent_pence=spent_pence,
            recorded_by=actor.person,
            idempotency_key=idempotency_key,
        )
        if photo is not None:
            milestone.photo.save(f"{uuid.uuid4().hex}.jpg", photo, save=True)
        _audit(
            actor, round_, "budgeting.milestone.add", "Added a step to a funded project", milestone
        )
        return milestone

    milestone, _ = create_once(
        Milestone,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.proposal_id == proposal.pk,
    )
    return milestone


@transaction.atomic
def milestone_done(
    *, actor: Actor, milestone: Milestone, done_on: dt.date, spent_pence: int
) -> Milestone:
    """Mark a step done on a day, with what it cost in the end. Done twice is done once."""
    round_ = milestone.proposal.round
    require(actor, ROUND_MANAGE, round_.organisation)
    _require_delivering(round_)
    if done_on > timezone.localdate():
        raise ValidationFailed("The day it was done cannot be in the future.", field="done_on")
    if spent_pence < 0:
        raise ValidationFailed("Enter what was spent, or 0.", field="spent")
    locked = selectors.milestone_locked(milestone=milestone)
    if locked.done_on is not None:
        return locked
    locked.done_on = done_on
    locked.spent_pence = spent_pence
    locked.save(update_fields=["done_on", "spent_pence", "updated_at"])
    _audit(
        actor, round_, "budgeting.milestone.done", "Marked a step of a funded project done", locked
    )
    return locked


@transaction.atomic
def project_delivered(*, actor: Actor, proposal: Proposal, delivered_on: dt.date) -> Proposal:
    """Say a funded project is finished. Every step must be done first."""
    round_ = proposal.round
    require(actor, ROUND_MANAGE, round_.organisation)
    _require_delivering(round_)
    locked = selectors.funded_proposal_locked(proposal=proposal)
    if locked.delivered_on is not None:
        return locked
    if delivered_on > timezone.localdate():
        raise ValidationFailed("The day it finished cannot be in the future.", field="delivered_on")
    if locked.milestones.filter(done_on__isnull=True).exists():
        raise Conflict("Mark every step done before saying the project is finished.")
    locked.delivered_on = delivered_on
    locked.save(update_fields=["delivered_on", "updated_at"])
    _audit(
        actor, round_, "budgeting.project.delivered", "Said a funded project is finished", locked
    )
    return locked
