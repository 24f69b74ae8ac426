"""The feasibility panel: who sits on it, the interests they declare, and its checks.

A check says whether a proposal is legal, properly costed and in scope. All three yes and it
goes forward to the vote; otherwise it does not, and the reason is published. The rules:

- the panel includes at least one young person before any check is recorded;
- a member who declared an interest in a proposal takes no part in its check;
- a proposal is checked once, unless a panel member or staff who run the round reopen the
  check (recorded by mistake, say) before voting opens; it then waits to be checked again.

The panel, interests and checks each take the round's row lock, so a check cannot land while
the last young person is being taken off the panel, nor two checks of one proposal at once.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Person
from alongside.budgeting import selectors
from alongside.budgeting import selectors_proposals as found
from alongside.budgeting.models import (
    ConflictOfInterest,
    FeasibilityCheck,
    PanelMember,
    Proposal,
    Round,
)
from alongside.budgeting.permissions import FEASIBILITY_CHECK, ROUND_MANAGE
from alongside.core.audit import audit_record
from alongside.core.errors import ApplicationError, Conflict, NotPermitted, ValidationFailed
from alongside.core.limits import NUL, column_length

Status = Proposal.Status

NOT_ON_PANEL = "Only members of this round's feasibility panel can do this."
NEEDS_YOUNG_PERSON = (
    "The panel needs at least one young person before any project is checked. "
    "Add a young person to the panel first."
)
HAS_INTEREST = "You declared an interest in this project, so you cannot check it."
PANEL_CLOSED = "The panel can only change before the projects are ready for the vote."
CHECKS_CLOSED = "Projects can only be checked before voting opens."
REOPEN_TOO_LATE = "Voting has opened, so a check cannot be reopened now."
NOT_ON_PANEL_OR_STAFF = (
    "Only members of this round's feasibility panel, or staff who run the round, can reopen a "
    "check."
)
HAS_INTEREST_REOPEN = "You declared an interest in this project, so you cannot reopen its check."
NOT_CHECKED = "This project has not been checked, so there is no check to reopen."
WITHDRAWN_NOT_REOPENED = "This project has been withdrawn, so its check cannot be reopened."
# The reason is kept only in the audit trail, so it is limited here rather than by a column.
REOPEN_REASON_LENGTH = 500


def _audit(
    action: str, summary: str, actor: Actor, round_: Round, target: object, **data: object
) -> None:
    audit_record(
        action=action,
        summary=summary,
        actor_id=actor.person_id,
        organisation_id=round_.organisation_id,
        target=target,
        data={"round": str(round_.public_id), **data},
    )


def _words(
    value: str,
    *,
    field: str,
    model: type | None = None,
    column: str = "",
    limit: int = 0,
    missing: str,
    required: bool = True,
) -> str:
    """Checked words: ``limit`` is the column's length unless the words have no column."""
    value = value.strip()
    if required and not value:
        raise ValidationFailed(missing, field=field)
    if model is not None:
        limit = column_length(model, column)
    if len(value) > limit:
        raise ValidationFailed(
            f"Use {limit} characters or fewer. You used {len(value)}.", field=field
        )
    if NUL in value:
        raise ValidationFailed(
            "This has a hidden character we cannot accept. Type it in again instead of pasting it.",
            field=field,
        )
    return value


def _member(actor: Actor, round_: Round) -> PanelMember:
    require(actor, FEASIBILITY_CHECK, round_.organisation)
    member = found.panel_member_of(round_=round_, person=actor.person)
    if member is None:
        raise NotPermitted(NOT_ON_PANEL)
    return member


@transaction.atomic
def panel_member_add(*, actor: Actor, round_: Round, person: Person) -> tuple[PanelMember, bool]:
    """Put a member of staff or a young person of the organisation on the panel; (member,
    False) if they were on it already, so the same form sent twice adds them once."""
    require(actor, ROUND_MANAGE, round_.organisation)
    # Held until this ends: two adds of one person, or an add and a check, go one at a time.
    locked = selectors.round_locked(round_=round_)
    if locked.stage not in found.PANEL_STAGES:
        raise Conflict(PANEL_CLOSED)
    if not found.roles_here(organisation=round_.organisation, person=person) & found.PANEL_ROLES:
        raise ValidationFailed(
            "Only staff and young people of this organisation can be on the panel.",
            field="person",
        )
    earlier = found.panel_member_ever(round_=round_, person=person)
    if earlier is not None and earlier.removed_at is None:
        return earlier, False
    if earlier is not None:
        earlier.removed_at = None
        earlier.save(update_fields=["removed_at"])
        member = earlier
    else:
        member = PanelMember.objects.create(round=round_, person=person)
    _audit("budgeting.panel.add", "Put someone on a feasibility panel", actor, round_, member)
    return member, True


@transaction.atomic
def panel_member_remove(*, actor: Actor, member: PanelMember) -> PanelMember:
    """Take someone off the panel. Their row stays, marked, with the interests they declared."""
    round_ = member.round
    require(actor, ROUND_MANAGE, round_.organisation)
    locked = selectors.round_locked(round_=round_)
    if locked.stage not in found.PANEL_STAGES:
        raise Conflict(PANEL_CLOSED)
    member = PanelMember.objects.get(pk=member.pk)  # as it stands, with the round held
    if member.removed_at is None:
        member.removed_at = timezone.now()
        member.save(update_fields=["removed_at"])
        _audit(
            "budgeting.panel.remove", "Took someone off a feasibility panel", actor, round_, member
        )
    return member


@transaction.atomic
def conflict_declare(*, actor: Actor, proposal: Proposal, interest: str) -> ConflictOfInterest:
    """A panel member says what their interest in a proposal is (their friend leads it, their
    club would get it). Declared twice, it is kept once, as first said."""
    round_ = proposal.round
    require(actor, FEASIBILITY_CHECK, round_.organisation)
    selectors.round_locked(round_=round_)
    member = _member(actor, round_)
    interest = _words(
        interest,
        field="interest",
        model=ConflictOfInterest,
        column="interest",
        missing="Say what your interest in the project is.",
    )
    earlier = found.conflict_of(member=member, proposal=proposal)
    if earlier is not None:
        return earlier
    conflict = ConflictOfInterest.objects.create(
        member=member, proposal=proposal, interest=interest
    )
    _audit(
        "budgeting.conflict.declare",
        "Declared an interest in a youth budget project",
        actor,
        round_,
        proposal,
        member=member.pk,
    )
    return conflict


@transaction.atomic
def feasibility_check_record(
    *,
    actor: Actor,
    proposal: Proposal,
    is_legal: bool,
    is_costed: bool,
    is_in_scope: bool,
    notes: str = "",
    reason: str = "",
) -> FeasibilityCheck:
    """Record the panel's check. All three yes: it goes forward to the vote. Otherwise it does
    not, and ``reason`` (required then) is published on the round's projects page."""
    round_ = proposal.round
    require(actor, FEASIBILITY_CHECK, round_.organisation)
    # Locked first: who is on the panel is read as it stands once nobody can change it.
    locked = selectors.round_locked(round_=round_)
    member = _member(actor, round_)
    if locked.stage not in found.CHECKING_STAGES:
        raise Conflict(CHECKS_CLOSED)
    if found.panel_young_people(round_=round_) < 1:
        raise Conflict(NEEDS_YOUNG_PERSON)
    if found.conflict_of(member=member, proposal=proposal) is not None:
        raise NotPermitted(HAS_INTEREST)
    proposal = found.proposal_locked(proposal=proposal)
    goes_forward = is_legal and is_costed and is_in_scope
    notes = _words(
        notes, field="notes", model=FeasibilityCheck, column="notes", missing="", required=False
    )
    reason = (
        ""
        if goes_forward
        else _words(
            reason,
            field="reason",
            model=Proposal,
            column="not_feasible_reason",
            missing="Say why the project cannot go forward. This is published.",
        )
    )
    earlier = found.check_of(proposal=proposal)
    if earlier is not None:
        if earlier.checked_by_id == actor.person_id and (
            earlier.is_legal,
            earlier.is_costed,
            earlier.is_in_scope,
        ) == (is_legal, is_costed, is_in_scope):
            return earlier
        raise Conflict("This project has been checked already.")
    if proposal.status != Status.SUBMITTED:
        raise Conflict("Only projects sent to be checked can be checked.")
    check = FeasibilityCheck.objects.create(
        proposal=proposal,
        is_legal=is_legal,
        is_costed=is_costed,
        is_in_scope=is_in_scope,
        notes=notes,
        checked_by=actor.person,
    )
    proposal.status = Status.FEASIBLE if goes_forward else Status.NOT_FEASIBLE
    proposal.not_feasible_reason = reason
    proposal.save(update_fields=["status", "not_feasible_reason"])
    _audit(
        "budgeting.proposal.check",
        "Checked whether a youth budget project can go forward",
        actor,
        round_,
        proposal,
        number=proposal.number,
        status=proposal.status,
        legal=is_legal,
        costed=is_costed,
        in_scope=is_in_scope,
    )
    return check


def _require_reopener(actor: Actor, proposal: Proposal) -> None:
    """Staff who run the round, or a panel member, and not one who declared an interest."""
    round_ = proposal.round
    require(actor, FEASIBILITY_CHECK, round_.organisation)
    member = found.panel_member_of(round_=round_, person=actor.person)
    if member is None and not actor.can(ROUND_MANAGE, round_.organisation):
        raise NotPermitted(NOT_ON_PANEL_OR_STAFF)
    if member is not None and found.conflict_of(member=member, proposal=proposal) is not None:
        raise NotPermitted(HAS_INTEREST_REOPEN)


def _require_reopenable(actor: Actor, proposal: Proposal) -> None:
    _require_reopener(actor, proposal)
    if proposal.round.stage not in found.CHECKING_STAGES:
        raise Conflict(REOPEN_TOO_LATE)
    if proposal.status == Status.WITHDRAWN:
        raise Conflict(WITHDRAWN_NOT_REOPENED)
    if proposal.status not in (Status.FEASIBLE, Status.NOT_FEASIBLE):
        raise Conflict(NOT_CHECKED)


def reopen_refusal(actor: Actor, proposal: Proposal) -> ApplicationError | None:
    """Why the actor may not reopen this proposal's check now, or None if they may."""
    try:
        _require_reopenable(actor, proposal)
    except ApplicationError as refusal:
        return refusal
    return None


@transaction.atomic
def feasibility_check_reopen(*, actor: Actor, proposal: Proposal, reason: str) -> Proposal:
    """Undo a check recorded by mistake, before voting opens: the proposal waits for the panel
    again, off the ballot paper, and the published reason it did not go forward is gone until a
    new check is recorded. The check's answers and ``reason`` (required) go to the audit trail.
    Reopened again (the same form sent twice), it stays waiting."""
    reason = _words(
        reason,
        field="reason",
        limit=REOPEN_REASON_LENGTH,
        missing="Say why the check is being reopened.",
    )
    round_ = proposal.round
    # As a check takes them: the round, then the proposal, so a reopening and a new check (or
    # the move to voting) go one at a time.
    selectors.round_locked(round_=round_)
    proposal = found.proposal_locked(proposal=proposal)
    _require_reopener(actor, proposal)
    check = found.check_of(proposal=proposal)
    if check is None and proposal.status == Status.SUBMITTED:
        return proposal
    _require_reopenable(actor, proposal)
    assert check is not None, "a checked proposal has its check"
    was = proposal.status
    answers = {"legal": check.is_legal, "costed": check.is_costed, "in_scope": check.is_in_scope}
    checked_by = check.checked_by_id
    check.delete()
    proposal.status = Status.SUBMITTED
    proposal.not_feasible_reason = ""
    proposal.save(update_fields=["status", "not_feasible_reason", "updated_at"])
    _audit(
        "budgeting.proposal.check_reopen",
        "Reopened the check of a youth budget project",
        actor,
        proposal.round,
        proposal,
        number=proposal.number,
        was=was,
        checked_by=checked_by,
        reason=reason,
        **answers,
    )
    return proposal
