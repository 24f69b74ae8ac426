"""Turning ideas into proposals: a costed project with a lead and photos, sent to the panel.

What keeps a proposal honest:

- it comes from one or more of the round's published ideas (voice contributions);
- its ``cost_pence`` is the sum of its cost lines, recomputed in the transaction that changes
  a line, with the proposal's row locked so two lines added at once cannot both pass the
  budget check; it is never more than the round's budget, or its area's part of it;
- its ``number`` (its id in the round's Pabulib file) is the next in the round, taken with
  the round's row locked, so two proposals written at once never share one;
- staff may write any proposal; a young person only one they wrote or lead; only while the
  round gathers ideas or checks them, and only until it is sent to be checked;
- until voting opens, its lead (or whoever wrote it) or staff may withdraw it: it leaves the
  ballot for good, and the public projects page says so, with their reason if they gave one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.core.files.base import File
from django.db import transaction

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Person
from alongside.budgeting import selectors
from alongside.budgeting import selectors_proposals as found
from alongside.budgeting.models import Area, CostLine, Proposal, ProposalPhoto, Round
from alongside.budgeting.permissions import PROPOSAL_WRITE, ROUND_MANAGE
from alongside.core.audit import audit_record
from alongside.core.errors import ApplicationError, Conflict, NotPermitted, ValidationFailed
from alongside.core.files import check_image
from alongside.core.idempotency import KEY_REUSED, create_once
from alongside.core.limits import NUL, column_length
from alongside.govuk.jinja_helpers import format_money
from alongside.voice.models import Contribution

ProposedBy = Proposal.ProposedBy
Status = Proposal.Status

# Enough to show a drawing and the place it is for; more belongs in the summary.
MAX_PHOTOS = 6
HIDDEN_CHARACTER = (
    "This has a hidden character we cannot accept. Type it in again instead of pasting it."
)
NOT_YOURS = "You can only change projects you wrote or lead."
NOT_NOW = "Projects can only be written while the round is gathering or checking ideas."
SENT = "This project has been sent to be checked, so it cannot be changed now."
WITHDRAWN = "This project has been withdrawn, so it cannot be changed."
NOT_YOURS_TO_WITHDRAW = "You can only withdraw projects you wrote or lead."
WITHDRAW_TOO_LATE = "Voting has opened, so projects cannot be withdrawn now."
WITHDRAW_NOT_FORWARD = (
    "The panel has said this project is not going forward, so it is not on the ballot. "
    "There is nothing to withdraw."
)


def is_staff_writer(actor: Actor, round_: Round) -> bool:
    """Staff may write any proposal in the round; anyone else only their own."""
    return actor.can(ROUND_MANAGE, round_.organisation)


def change_refusal(actor: Actor, proposal: Proposal) -> ApplicationError | None:
    """Why the actor may not change this proposal now, or None if they may: a page about a
    proposal asks before it shows a form, and the service asks again when it is sent."""
    try:
        _require_writable(actor, proposal)
    except ApplicationError as refusal:
        return refusal
    return None


def may_change(actor: Actor, proposal: Proposal) -> bool:
    return change_refusal(actor, proposal) is None


def _require_writer(actor: Actor, round_: Round) -> None:
    require(actor, PROPOSAL_WRITE, round_.organisation)
    if round_.stage not in found.WRITING_STAGES:
        raise Conflict(NOT_NOW)


def _require_writable(actor: Actor, proposal: Proposal) -> None:
    _require_writer(actor, proposal.round)
    if not is_staff_writer(actor, proposal.round) and actor.person_id not in (
        proposal.created_by_id,
        proposal.lead_id,
    ):
        raise NotPermitted(NOT_YOURS)
    if proposal.status == Status.WITHDRAWN:
        raise Conflict(WITHDRAWN)
    if proposal.status != Status.DRAFT:
        raise Conflict(SENT)


def _text(value: str, *, field: str, column: str, missing: str, model: type = Proposal) -> str:
    value = value.strip()
    if not value:
        raise ValidationFailed(missing, field=field)
    limit = column_length(model, column)
    if len(value) > limit:
        raise ValidationFailed(
            f"Use {limit} characters or fewer. You used {len(value)}.", field=field
        )
    if NUL in value:
        raise ValidationFailed(HIDDEN_CHARACTER, field=field)
    return value


def allowed_kinds(round_: Round, *, staff: bool) -> list[str]:
    """Who may put a project forward in this round. Young people writing their own put it
    forward as themselves or as their group, never as an organisation."""
    kinds = []
    if round_.young_people_may_propose:
        kinds.append(ProposedBy.YOUNG_PERSON)
    if round_.groups_may_propose:
        kinds.append(ProposedBy.GROUP)
    if round_.organisations_may_propose and staff:
        kinds.append(ProposedBy.ORGANISATION)
    return [str(kind) for kind in kinds]


def budget_for(round_: Round, area: Area | None) -> int:
    """The most a proposal may cost: its area's part of the budget, else the round's."""
    if area is not None and area.budget_pence is not None:
        return area.budget_pence
    return round_.budget_pence


def _over_budget(round_: Round, area: Area | None, total: int, *, field: str) -> None:
    limit = budget_for(round_, area)
    if total > limit:
        where = (
            f"the {format_money(limit)} budget for {area.name}"
            if area is not None and area.budget_pence is not None
            else f"the round's budget of {format_money(limit)}"
        )
        raise ValidationFailed(
            f"This would make the project cost {format_money(total)}, more than {where}.",
            field=field,
        )


def _check_details(
    actor: Actor,
    round_: Round,
    *,
    ideas: Sequence[Contribution],
    title: str,
    summary: str,
    proposed_by: str,
    proposer_name: str,
    area: Area | None,
    lead: Person | None,
) -> tuple[str, str, str, Person]:
    """Check what a proposal says; return the cleaned title, summary, proposer name and lead."""
    if not ideas:
        raise ValidationFailed("Select at least one idea the project comes from.", field="ideas")
    usable = found.ideas_chosen(round_=round_, public_ids=[idea.public_id for idea in ideas])
    if {idea.pk for idea in ideas} - {idea.pk for idea in usable}:
        raise ValidationFailed("Select ideas given to this round and published.", field="ideas")
    title = _text(title, field="title", column="title", missing="Enter the project's name.")
    summary = _text(
        summary, field="summary", column="summary", missing="Say what the project would do."
    )
    kinds = allowed_kinds(round_, staff=is_staff_writer(actor, round_))
    if not kinds:
        raise NotPermitted("This round does not take projects from young people.")
    if proposed_by not in kinds:
        raise ValidationFailed("Select who is putting the project forward.", field="proposed_by")
    if proposed_by == ProposedBy.YOUNG_PERSON:
        proposer_name = ""
    else:
        proposer_name = _text(
            proposer_name,
            field="proposer_name",
            column="proposer_name",
            missing="Enter the name of the group or organisation.",
        )
    if selectors.round_has_areas(round_=round_):
        if area is None or area.round_id != round_.pk:
            raise ValidationFailed("Select the area the project is for.", field="area")
    elif area is not None:
        raise ValidationFailed("This round is not shared across areas.", field="area")
    if lead is None:
        raise ValidationFailed("Enter who will lead the project.", field="lead")
    if not found.roles_here(organisation=round_.organisation, person=lead):
        raise ValidationFailed("The lead must be a member of this organisation.", field="lead")
    return title, summary, proposer_name, lead


def _audit(action: str, summary: str, actor: Actor, proposal: Proposal, **data: object) -> None:
    # Never the words, never a name: what happened, to which proposal, and its money.
    audit_record(
        action=action,
        summary=summary,
        actor_id=actor.person_id,
        organisation_id=proposal.round.organisation_id,
        target=proposal,
        data={"round": str(proposal.round.public_id), "number": proposal.number, **data},
    )


@transaction.atomic
def proposal_create(
    *,
    actor: Actor,
    round_: Round,
    ideas: Sequence[Contribution],
    title: str,
    summary: str,
    proposed_by: str,
    idempotency_key: uuid.UUID,
    proposer_name: str = "",
    area: Area | None = None,
    lead: Person | None = None,
) -> Proposal:
    """Turn one or more of the round's ideas into a draft proposal with the next number. A
    young person writing one leads it themselves (``lead`` is for staff to choose)."""
    _require_writer(actor, round_)
    if not is_staff_writer(actor, round_):
        lead = actor.person
    title, summary, proposer_name, lead = _check_details(
        actor,
        round_,
        ideas=ideas,
        title=title,
        summary=summary,
        proposed_by=proposed_by,
        proposer_name=proposer_name,
        area=area,
        lead=lead,
    )

    def create() -> Proposal:
        locked = selectors.round_locked(round_=round_)
        if locked.stage not in found.WRITING_STAGES:
            raise Conflict(NOT_NOW)
        proposal = Proposal.objects.create(
            round=round_,
            area=area,
            number=found.next_number(round_=round_),
            title=title,
            summary=summary,
            proposed_by=proposed_by,
            proposer_name=proposer_name,
            lead=lead,
            created_by=actor.person,
            idempotency_key=idempotency_key,
        )
        proposal.ideas.set(ideas)
        _audit(
            "budgeting.proposal.create",
            "Turned ideas into a youth budget project",
            actor,
            proposal,
            ideas=len(ideas),
        )
        return proposal

    proposal, _created = create_once(
        Proposal,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.round_id == round_.pk
            and earlier.created_by_id == actor.person_id
            and earlier.title == title
        ),
    )
    return proposal


@transaction.atomic
def proposal_update(
    *,
    actor: Actor,
    proposal: Proposal,
    ideas: Sequence[Contribution],
    title: str,
    summary: str,
    proposed_by: str,
    proposer_name: str = "",
    area: Area | None = None,
    lead: Person | None = None,
) -> Proposal:
    """Change what a draft says. Only staff change its lead."""
    proposal = found.proposal_locked(proposal=proposal)
    _require_writable(actor, proposal)
    round_ = proposal.round
    if not is_staff_writer(actor, round_):
        lead = proposal.lead or actor.person
    title, summary, proposer_name, lead = _check_details(
        actor,
        round_,
        ideas=ideas,
        title=title,
        summary=summary,
        proposed_by=proposed_by,
        proposer_name=proposer_name,
        area=area,
        lead=lead,
    )
    _over_budget(round_, area, proposal.cost_pence, field="area")
    proposal.title, proposal.summary = title, summary
    proposal.proposed_by, proposal.proposer_name = proposed_by, proposer_name
    proposal.area, proposal.lead = area, lead
    proposal.save(
        update_fields=["title", "summary", "proposed_by", "proposer_name", "area", "lead"]
    )
    proposal.ideas.set(ideas)
    _audit(
        "budgeting.proposal.update",
        "Changed a youth budget project",
        actor,
        proposal,
        ideas=len(ideas),
    )
    return proposal


def _keep_total(proposal: Proposal) -> int:
    """Set the proposal's cost to the sum of its lines (its row is locked by the caller)."""
    proposal.cost_pence = found.cost_sum(proposal=proposal)
    proposal.save(update_fields=["cost_pence"])
    return proposal.cost_pence


@transaction.atomic
def cost_line_add(
    *, actor: Actor, proposal: Proposal, item: str, pence: int, idempotency_key: uuid.UUID
) -> CostLine:
    """Add what one thing costs. The same form sent twice adds it once."""
    proposal = found.proposal_locked(proposal=proposal)
    earlier = found.cost_line_by_key(idempotency_key=idempotency_key)
    if earlier is not None:
        if earlier.proposal_id != proposal.pk or earlier.pence != pence:
            raise Conflict(KEY_REUSED)
        return earlier
    _require_writable(actor, proposal)
    item = _text(
        item, field="item", column="item", missing="Enter what the money is for.", model=CostLine
    )
    if pence < 1:
        raise ValidationFailed("Enter a cost of at least 1p.", field="pence")
    # From the lines themselves, read under the proposal's lock, not from the stored total.
    _over_budget(
        proposal.round, proposal.area, found.cost_sum(proposal=proposal) + pence, field="pence"
    )

    def create() -> CostLine:
        line = CostLine.objects.create(
            proposal=proposal, item=item, pence=pence, idempotency_key=idempotency_key
        )
        total = _keep_total(proposal)
        _audit(
            "budgeting.proposal.cost_add",
            "Added a cost to a youth budget project",
            actor,
            proposal,
            pence=pence,
            cost_pence=total,
        )
        return line

    line, _created = create_once(
        CostLine,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.proposal_id == proposal.pk and earlier.pence == pence,
    )
    return line


@transaction.atomic
def cost_line_remove(*, actor: Actor, proposal: Proposal, line_id: int) -> bool:
    """Take a cost off; False if it was already gone (the same form sent twice)."""
    proposal = found.proposal_locked(proposal=proposal)
    _require_writable(actor, proposal)
    line = found.cost_line_get(proposal=proposal, pk=line_id)
    if line is None:
        return False
    pence = line.pence
    line.delete()
    total = _keep_total(proposal)
    _audit(
        "budgeting.proposal.cost_remove",
        "Took a cost off a youth budget project",
        actor,
        proposal,
        pence=pence,
        cost_pence=total,
    )
    return True


@transaction.atomic
def proposal_photo_add(
    *,
    actor: Actor,
    proposal: Proposal,
    image: File[bytes],
    description: str,
    idempotency_key: uuid.UUID,
) -> ProposalPhoto:
    """A photo (a drawing, the place it is for), kept privately. Sent twice, kept once."""
    proposal = found.proposal_locked(proposal=proposal)
    _require_writable(actor, proposal)
    description = _text(
        description,
        field="description",
        column="description",
        missing="Say what the photo shows.",
        model=ProposalPhoto,
    )
    check_image(image)

    def create() -> ProposalPhoto:
        if found.photo_count(proposal=proposal) >= MAX_PHOTOS:
            raise ValidationFailed(f"A project can have up to {MAX_PHOTOS} photos.", field="image")
        photo = ProposalPhoto(
            proposal=proposal, description=description, idempotency_key=idempotency_key
        )
        extension = ".png" if (image.name or "").lower().endswith(".png") else ".jpg"
        # After the checks: a repeated key stops before any file is written.
        photo.image.save(f"{proposal.public_id}{extension}", image, save=False)
        photo.save()
        _audit(
            "budgeting.proposal.photo_add",
            "Added a photo to a youth budget project",
            actor,
            proposal,
        )
        return photo

    photo, _created = create_once(
        ProposalPhoto,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.proposal_id == proposal.pk,
    )
    return photo


@transaction.atomic
def proposal_submit(*, actor: Actor, proposal: Proposal) -> Proposal:
    """Send a draft to the feasibility panel. Sent again, it stays sent."""
    proposal = found.proposal_locked(proposal=proposal)
    if proposal.status == Status.SUBMITTED:
        return proposal
    _require_writable(actor, proposal)
    if proposal.cost_pence < 1:
        raise ValidationFailed("Add at least one cost before you send the project to be checked.")
    proposal.status = Status.SUBMITTED
    proposal.save(update_fields=["status"])
    _audit(
        "budgeting.proposal.submit",
        "Sent a youth budget project to be checked",
        actor,
        proposal,
        cost_pence=proposal.cost_pence,
    )
    return proposal


def _require_withdrawer(actor: Actor, proposal: Proposal) -> None:
    require(actor, PROPOSAL_WRITE, proposal.round.organisation)
    if not is_staff_writer(actor, proposal.round) and actor.person_id not in (
        proposal.created_by_id,
        proposal.lead_id,
    ):
        raise NotPermitted(NOT_YOURS_TO_WITHDRAW)


def _require_withdrawable(actor: Actor, proposal: Proposal) -> None:
    _require_withdrawer(actor, proposal)
    # The ballot paper is fixed once voting opens: taking a project off it then would change
    # what young people already voted on.
    if proposal.round.stage not in found.WITHDRAWING_STAGES:
        raise Conflict(WITHDRAW_TOO_LATE)
    if proposal.status == Status.WITHDRAWN:
        raise Conflict(WITHDRAWN)
    # The panel's published reason stands: withdrawing would put the lead's words in its place.
    if proposal.status == Status.NOT_FEASIBLE:
        raise Conflict(WITHDRAW_NOT_FORWARD)


def withdraw_refusal(actor: Actor, proposal: Proposal) -> ApplicationError | None:
    """Why the actor may not withdraw this proposal now, or None if they may."""
    try:
        _require_withdrawable(actor, proposal)
    except ApplicationError as refusal:
        return refusal
    return None


@transaction.atomic
def proposal_withdraw(*, actor: Actor, proposal: Proposal, reason: str = "") -> Proposal:
    """Take a proposal out of the round before voting opens. ``reason`` is optional and is
    published. Withdrawn again (the same form sent twice), it stays withdrawn as first said."""
    # The round first, as the stage move to voting takes it: a withdrawal and the opening of
    # the vote go one at a time, so nothing leaves a ballot paper already in use.
    selectors.round_locked(round_=proposal.round)
    proposal = found.proposal_locked(proposal=proposal)
    _require_withdrawer(actor, proposal)
    if proposal.status == Status.WITHDRAWN:
        return proposal
    reason = reason.strip()
    if reason:
        reason = _text(reason, field="reason", column="withdrawn_reason", missing="")
    _require_withdrawable(actor, proposal)
    was = proposal.status
    proposal.status = Status.WITHDRAWN
    proposal.withdrawn_reason = reason
    proposal.save(update_fields=["status", "withdrawn_reason", "updated_at"])
    _audit(
        "budgeting.proposal.withdraw",
        "Withdrew a youth budget project",
        actor,
        proposal,
        was=was,
        reason_given=bool(reason),
    )
    return proposal
