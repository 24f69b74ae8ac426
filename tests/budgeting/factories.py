"""Builders for youth budget rounds in tests.

A round is started through ``round_create``; a round ready to vote in is then moved to voting
with its proposals on the ballot paper. Once the set-up and proposal services exist, the
builders below call them instead of writing the rows (see the note on each)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.budgeting import services
from alongside.budgeting.models import Area, Proposal, Result, Round
from tests.initiatives import factories as initiative_factories


def round_(
    organisation: Organisation, *, actor: Any = None, budget_pence: int = 5_000_000
) -> Round:
    actor = actor or initiative_factories.manager_of(organisation)
    initiative = initiative_factories.initiative(organisation, actor=actor)
    return services.round_create(
        actor=actor,
        organisation=organisation,
        initiative=initiative,
        title="Youth budget 2026",
        budget_pence=budget_pence,
        idempotency_key=uuid.uuid4(),
    )


def proposal(round_: Round, number: int, cost_pence: int, *, area: Area | None = None) -> Proposal:
    return Proposal.objects.create(
        round=round_,
        area=area,
        number=number,
        title=f"Project {number}",
        summary="Something young people asked for.",
        proposed_by=Proposal.ProposedBy.YOUNG_PERSON,
        cost_pence=cost_pence,
        status=Proposal.Status.FEASIBLE,
    )


def voting_round(
    organisation: Organisation,
    *,
    costs: tuple[int, ...] = (1_000_000, 2_000_000, 3_000_000),
    closes_in: dt.timedelta = dt.timedelta(days=7),
    **settings: Any,
) -> Round:
    """A round open for voting now, with a proposal per cost (numbered from 1)."""
    made = round_(organisation)
    for number, cost in enumerate(costs, start=1):
        proposal(made, number, cost)
    now = timezone.now()
    settings.setdefault("max_choices", 3)
    Round.objects.filter(pk=made.pk).update(
        stage=Round.Stage.VOTING,
        voting_opens_at=now - dt.timedelta(hours=1),
        voting_closes_at=now + closes_in,
        **settings,
    )
    made.refresh_from_db()
    return made


def published_round(organisation: Organisation, *, funded: tuple[int, ...] = (1, 2)) -> Round:
    """A round whose results are published, funding the proposals numbered ``funded``.

    The seal and the result are written directly here; the close, count and publish services
    make them for real (tests/budgeting/test_results*.py)."""
    made = voting_round(organisation)
    now = timezone.now()
    Round.objects.filter(pk=made.pk).update(
        stage=Round.Stage.RESULTS,
        voting_closes_at=now - dt.timedelta(minutes=1),
        voting_opens_at=now - dt.timedelta(days=7),
        sealed_at=now,
        seal="0" * 64,
        tally_state=Round.TallyState.DONE,
        published_at=now,
    )
    Result.objects.create(
        round=made,
        rule=made.rule,
        completion=made.completion,
        budget_pence=made.budget_pence,
        ballots_counted=0,
        selected=list(funded),
        greedy_selected=list(funded),
        projects={},
        file_sha256="0" * 64,
    )
    made.refresh_from_db()
    return made
