"""Builders for ideas, proposals and the panel in tests, made through the services (so the
audit trail is real) wherever a service exists for the step."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import Area, PanelMember, Proposal, Round
from alongside.voice.models import Contribution
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.voice.factories import ContributionFactory


def ideas_round(
    organisation: Organisation,
    *,
    stage: str = Round.Stage.IDEAS,
    budget_pence: int = 5_000_000,
    **settings: Any,
) -> Round:
    """A round gathering ideas (until the set-up helper's stage services land, set directly)."""
    made = budget_factories.round_(organisation, budget_pence=budget_pence)
    Round.objects.filter(pk=made.pk).update(stage=stage, **settings)
    made.refresh_from_db()
    return made


def idea(
    round_: Round, text: str = "A water fountain by the skate ramp", **kwargs: Any
) -> Contribution:
    """A published idea given to the round's initiative."""
    kwargs.setdefault("kind", Contribution.Kind.IDEA)
    contribution: Contribution = ContributionFactory(
        initiative=round_.initiative, text=text, **kwargs
    )
    return contribution


def staff(organisation: Organisation, role: str = Role.WORKER) -> Any:
    return factories.actor(factories.person_with_role(role, organisation))


def young(organisation: Organisation) -> Any:
    return factories.actor(factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15))


def draft(
    round_: Round,
    actor: Any,
    *,
    ideas: Sequence[Contribution] | None = None,
    costs: Sequence[int] = (),
    title: str = "Benches by the skate ramp",
    area: Area | None = None,
    lead: Person | None = None,
    proposed_by: str = Proposal.ProposedBy.YOUNG_PERSON,
    proposer_name: str = "",
) -> Proposal:
    proposal = services.proposal_create(
        actor=actor,
        round_=round_,
        ideas=list(ideas) if ideas is not None else [idea(round_)],
        title=title,
        summary="Two benches and a water fountain, so there is somewhere to sit.",
        proposed_by=proposed_by,
        proposer_name=proposer_name,
        area=area,
        lead=lead or actor.person,
        idempotency_key=uuid.uuid4(),
    )
    for number, pence in enumerate(costs, start=1):
        services.cost_line_add(
            actor=actor,
            proposal=proposal,
            item=f"Item {number}",
            pence=pence,
            idempotency_key=uuid.uuid4(),
        )
    proposal.refresh_from_db()
    return proposal


def submitted(
    round_: Round, actor: Any, *, costs: Sequence[int] = (250_000,), **kwargs: Any
) -> Proposal:
    proposal = draft(round_, actor, costs=costs, **kwargs)
    return services.proposal_submit(actor=actor, proposal=proposal)


def on_panel(round_: Round, manager: Any, *people: Person) -> list[PanelMember]:
    return [
        services.panel_member_add(actor=manager, round_=round_, person=person)[0]
        for person in people
    ]


def check(proposal: Proposal, actor: Any, *, ok: bool = True, reason: str = "") -> Proposal:
    services.feasibility_check_record(
        actor=actor,
        proposal=proposal,
        is_legal=True,
        is_costed=True,
        is_in_scope=ok,
        reason=reason or ("" if ok else "It is not something this budget can pay for."),
    )
    proposal.refresh_from_db()
    return proposal
