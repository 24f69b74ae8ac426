"""Setting up a youth budget round: rows of the permission matrix and page sweep (see
tests/matrix.py) for the staff pages that set a round up and move it on, and its public pages."""

from __future__ import annotations

import uuid
from typing import Any

from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import Area, Proposal, Round
from tests import factories
from tests.budgeting import factories as made
from tests.initiatives import factories as initiative_factories
from tests.matrix import PageState, World, long_name, org
from tests.matrix import Row as R

WORKER = Role.WORKER.value

# What people typed on these pages, which the language test leaves as it is.
TYPED_TEXT = [(Round, "title"), (Round, "summary"), (Area, "name"), (Proposal, "title")]


def _actor(w: World) -> Any:
    return factories.actor(w.person(WORKER))


def _initiative(w: World) -> Any:
    if "round_initiative" not in w.objects:
        w.objects["round_initiative"] = initiative_factories.initiative(
            w.organisation, actor=_actor(w), title=long_name("initiative")
        )
    return w.objects["round_initiative"]


def _setup_round(w: World) -> Round:
    """A round being set up, with a long name, an area and its sections half done."""
    if "setup_round" not in w.objects:
        round_ = services.round_create(
            actor=_actor(w),
            organisation=w.organisation,
            initiative=_initiative(w),
            title=long_name("round"),
            budget_pence=2_000_000,
            idempotency_key=uuid.uuid4(),
        )
        round_ = services.round_areas_set(
            actor=_actor(w),
            round_=round_,
            areas=[services.AreaChange(long_name("area"), 1_000_000)],
            area_voting="own",
        )
        w.objects["setup_round"] = round_
    return w.objects["setup_round"]


def _ready_round(w: World) -> Round:
    """A round with every section saved, ready for its rules to be agreed."""
    if "ready_round" not in w.objects:
        w.objects["ready_round"] = made.set_up(
            _setup_round(w), actor=_actor(w), summary="Young people share out £20,000."
        )
    return w.objects["ready_round"]


def _voting_round(w: World) -> Round:
    """A round voting now, with projects and a long name: what the public pages show."""
    if "voting_round" not in w.objects:
        w.objects["voting_round"] = made.voting_round(
            w.organisation, title=long_name("voting"), summary="Choose up to 3 projects."
        )
    return w.objects["voting_round"]


def _round_kwargs(build: Any) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        return {**org(w), "round_id": build(w).public_id}

    return kwargs


def _public_kwargs(w: World) -> dict[str, Any]:
    return {"round_id": _voting_round(w).public_id}


def _with_rounds(w: World) -> dict[str, Any]:
    _setup_round(w)
    _voting_round(w)
    return org(w)


def _with_initiative(w: World) -> dict[str, Any]:
    _initiative(w)
    return org(w)


def _create_body(w: World) -> dict[str, Any]:
    return {
        "idempotency_key": str(uuid.uuid4()),
        "initiative": str(_initiative(w).public_id),
        "title": "Youth budget 2027",
        "budget": "£20,000",
    }


VOTING_DATES = {
    "voting_opens_day": "4",
    "voting_opens_month": "6",
    "voting_opens_year": "2030",
    "voting_opens_time": "9am",
    "voting_closes_day": "18",
    "voting_closes_month": "6",
    "voting_closes_year": "2030",
    "voting_closes_time": "5:30pm",
}

SETUP = _round_kwargs(_setup_round)

MATRIX_ROWS = [
    R("budgeting:round-list", _with_rounds, sweep_as=(WORKER, Role.COUNCILLOR.value)),
    R("budgeting:round-create", _with_initiative, body=_create_body),
    R("budgeting:round-detail", SETUP, sweep_as=(WORKER, Role.COUNCILLOR.value)),
    R(
        "budgeting:round-about",
        SETUP,
        body=lambda w: {"title": "Youth budget", "summary": "Spend it well.", "budget": "20000"},
    ),
    R(
        "budgeting:round-areas",
        SETUP,
        body=lambda w: {
            "rows": "2",
            "area_voting": "every",
            "area_1_name": "Northside",
            "area_1_budget": "5,000",
        },
    ),
    R("budgeting:round-dates", SETUP, body=lambda w: VOTING_DATES),
    R(
        "budgeting:round-eligibility",
        SETUP,
        body=lambda w: {"min_age": "12", "max_age": "18", "members_only": "yes"},
    ),
    R(
        "budgeting:round-ballot",
        SETUP,
        body=lambda w: {
            "ballot_kind": "choose_up_to",
            "max_choices": "3",
            "rule": "mes",
            "completion": "add1-greedy",
            "ballots_can_change": "no",
        },
    ),
    R("budgeting:round-proposers", SETUP, body=lambda w: {"proposers": ["young_people"]}),
    R("budgeting:round-stage", _round_kwargs(_ready_round), body=lambda w: {"to": "rules"}),
    R("budgeting:round-public", _public_kwargs, sweep_as=("anonymous", Role.YOUNG_PERSON.value)),
    R("budgeting:round-rules", _public_kwargs),
    R("budgeting:round-public-list", _with_rounds),
]

PAGE_STATES = [
    # Voting has no next stage here: its count and results move it on.
    PageState(
        "budgeting-stage-from-count", "budgeting:round-stage", _round_kwargs(_voting_round), WORKER
    ),
]
