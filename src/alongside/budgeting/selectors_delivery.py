"""Reads for delivering funded projects: which proposals a published result funded, with
their milestones and what has been spent against each award."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from alongside.budgeting.models import Milestone, Proposal, Result, Round
from alongside.core.errors import NotFound

NOT_FUNDED = "That project was not funded in this round."


@dataclass(frozen=True)
class FundedProject:
    proposal: Proposal
    milestones: list[Milestone]

    @property
    def spent_pence(self) -> int:
        return sum(m.spent_pence for m in self.milestones)

    @property
    def left_pence(self) -> int:
        return self.proposal.cost_pence - self.spent_pence

    @property
    def milestones_done(self) -> int:
        return sum(1 for m in self.milestones if m.done_on is not None)


def funded_numbers(*, round_: Round) -> set[tuple[int | None, int]]:
    """(area id, proposal number) for every project the round's published results funded."""
    if round_.published_at is None:
        return set()
    funded: set[tuple[int | None, int]] = set()
    for area_id, selected in Result.objects.filter(round=round_).values_list("area_id", "selected"):
        funded.update((area_id, int(number)) for number in selected)
    return funded


def _is_funded(proposal: Proposal, funded: set[tuple[int | None, int]]) -> bool:
    areas = {proposal.area_id, None}
    return any((area, proposal.number) in funded for area in areas)


def funded_projects(*, round_: Round) -> list[FundedProject]:
    """The funded projects in number order, each with its milestones (three queries in all)."""
    funded = funded_numbers(round_=round_)
    if not funded:
        return []
    numbers = {number for _, number in funded}
    proposals = (
        Proposal.objects.filter(round=round_, number__in=numbers)
        .select_related("area")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk"))
        )
        .order_by("number")
    )
    return [
        FundedProject(proposal=p, milestones=list(p.milestones.all()))
        for p in proposals
        if _is_funded(p, funded)
    ]


def proposal_is_funded(*, round_: Round, proposal: Proposal) -> bool:
    """Whether the round's published results funded this proposal (one query, on the results)."""
    return proposal.round_id == round_.pk and _is_funded(proposal, funded_numbers(round_=round_))


def funded_proposal_get(*, round_: Round, number: int) -> Proposal:
    proposal = Proposal.objects.filter(round=round_, number=number).select_related("area").first()
    if proposal is None or not proposal_is_funded(round_=round_, proposal=proposal):
        raise NotFound(NOT_FUNDED)
    return proposal


def funded_proposal_locked(*, proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def milestone_get(*, proposal: Proposal, milestone_id: int) -> Milestone:
    milestone = Milestone.objects.filter(proposal=proposal, pk=milestone_id).first()
    if milestone is None:
        raise NotFound("That step is not part of this project.")
    return milestone


def milestone_locked(*, milestone: Milestone) -> Milestone:
    return Milestone.objects.select_for_update().get(pk=milestone.pk)
