"""Builders for youth budget rounds in tests.

A round is started through ``round_create`` and set up through the set-up services, section by
section, as a worker would; a round ready to vote in is then moved stage by stage to voting
with its proposals on the ballot paper. Proposals are made straight onto the ballot paper here
until the proposals services exist (see ``proposal``)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.budgeting import services
from alongside.budgeting.models import Area, Proposal, Result, Round
from alongside.budgeting.services.rounds import NEXT_STAGE
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


ABOUT = ("title", "summary", "budget_pence")
ELIGIBILITY = ("min_age", "max_age", "members_only")
BALLOT = (
    "ballot_kind",
    "max_choices",
    "points_to_share",
    "rule",
    "completion",
    "ballots_can_change",
)
PROPOSERS = {
    "young_people_may_propose": "young_people",
    "groups_may_propose": "groups",
    "organisations_may_propose": "organisations",
}
DATES = (
    "voting_opens_at",
    "voting_closes_at",
    "ideas_from",
    "feasibility_from",
    "proposals_from",
    "results_on",
    "delivery_from",
)


def set_up(round_: Round, *, actor: Any = None, **settings: Any) -> Round:
    """Save every section of the round's set-up list, through its service: the round's own
    settings unless ``settings`` names others (any Round field a section sets)."""
    actor = actor or initiative_factories.manager_of(round_.organisation)

    def pick(names: Any) -> dict[str, Any]:
        return {name: settings.pop(name, getattr(round_, name)) for name in names}

    about = pick(ABOUT)
    about["summary"] = about["summary"] or "Young people decide how the money is spent."
    round_ = services.round_about_set(actor=actor, round_=round_, **about)
    round_ = services.round_areas_set(
        actor=actor,
        round_=round_,
        areas=settings.pop("areas", []),
        area_voting=settings.pop("area_voting", round_.area_voting),
    )
    now = timezone.now()
    dates = pick(DATES)
    dates["voting_opens_at"] = dates["voting_opens_at"] or now + dt.timedelta(days=14)
    dates["voting_closes_at"] = dates["voting_closes_at"] or now + dt.timedelta(days=21)
    round_ = services.round_dates_set(
        actor=actor, round_=round_, dates=services.StageDates(**dates)
    )
    round_ = services.round_eligibility_set(actor=actor, round_=round_, **pick(ELIGIBILITY))
    ballot = pick(BALLOT)
    if ballot["max_choices"] is None and ballot["ballot_kind"] in ("choose_up_to", "rank"):
        ballot["max_choices"] = 3
    round_ = services.round_ballot_set(
        actor=actor, round_=round_, settings=services.BallotSettings(**ballot)
    )
    proposers = {
        short: settings.pop(name, getattr(round_, name)) for name, short in PROPOSERS.items()
    }
    round_ = services.round_proposers_set(actor=actor, round_=round_, **proposers)
    if settings:
        raise TypeError(f"set_up() has no section for {sorted(settings)}")
    return round_


def move_to(round_: Round, stage: str, *, actor: Any = None) -> Round:
    """Move the round stage by stage until it is at ``stage`` (voting at the latest)."""
    actor = actor or initiative_factories.manager_of(round_.organisation)
    while round_.stage != stage:
        following = NEXT_STAGE.get(Round.Stage(round_.stage))
        if following is None:
            raise ValueError(f"Set-up moves a round as far as voting, not to {stage}.")
        round_ = services.round_stage_move(actor=actor, round_=round_, to=following)
    return round_


def voting_round(
    organisation: Organisation,
    *,
    costs: tuple[int, ...] = (1_000_000, 2_000_000, 3_000_000),
    closes_in: dt.timedelta = dt.timedelta(days=7),
    **settings: Any,
) -> Round:
    """A round open for voting now, with a proposal per cost (numbered from 1).

    ``settings`` are Round fields: those a set-up section holds go through its service, any
    other (a stage's own field, say) is written afterwards as it is."""
    actor = initiative_factories.manager_of(organisation)
    made = round_(organisation, actor=actor)
    now = timezone.now()
    settings.setdefault("max_choices", 3)
    sections = {*ABOUT, *ELIGIBILITY, *BALLOT, *PROPOSERS, *DATES, "area_voting", "areas"}
    others = {name: settings.pop(name) for name in list(settings) if name not in sections}
    opens = settings.setdefault("voting_opens_at", now - dt.timedelta(hours=1))
    closes = settings.pop("voting_closes_at", now + closes_in)
    # The move to voting refuses a closing time already past, as a worker would be: a round
    # that has closed already gets its closing time once it is voting.
    settings["voting_closes_at"] = max(closes, now + dt.timedelta(minutes=5), opens)
    made = set_up(made, actor=actor, **settings)
    made = move_to(made, Round.Stage.PROPOSALS, actor=actor)
    for number, cost in enumerate(costs, start=1):
        proposal(made, number, cost)
    made = services.round_stage_move(actor=actor, round_=made, to=Round.Stage.VOTING)
    if closes != made.voting_closes_at:
        others["voting_closes_at"] = closes
    if others:
        Round.objects.filter(pk=made.pk).update(**others)
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
