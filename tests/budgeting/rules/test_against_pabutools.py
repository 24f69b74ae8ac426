"""The engine against pabutools 1.2.3 itself, on thousands of small generated elections, and
in selection order on the real files pabutools tallies quickly.

The elections are built to be hard: few distinct costs (many exact ties), budgets equal to a
project's cost, ballots approving nothing or everything, no voters, one voter, one project,
budget 0, project ids whose string order differs from their numeric order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.budgeting.rules import (
    Ballot,
    BallotKind,
    Election,
    Instance,
    Profile,
    Project,
    tally,
)
from alongside.budgeting.rules.tiebreak import tie_break_order
from tests.budgeting.rules.helpers import (
    election,
    elections,
    expected,
    pabutools_file_tally,
    pabutools_tally,
    same_outcome,
)
from tests.hypothesis_profiles import examples

COMBINATIONS = [
    # (satisfaction, ballot kind)
    ("cost", BallotKind.APPROVAL),
    ("cardinality", BallotKind.APPROVAL),
    ("cost", BallotKind.CUMULATIVE),
    ("cost-points", BallotKind.CUMULATIVE),
    ("cost", BallotKind.ORDINAL),
    ("borda", BallotKind.ORDINAL),
]
HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
FAST = settings(suppress_health_check=HEALTH)
RULES_COMPARED = [("greedy", "none"), ("mes", "none"), ("mes", "add1"), ("mes", "add1-greedy")]


def _edge_cases() -> list[Election]:
    def approval(budget: int, costs: dict[str, int], votes: list[tuple[str, ...]]) -> Election:
        instance = Instance(budget, tuple(Project(p, c) for p, c in costs.items()))
        ballots = tuple(Ballot(f"v{i}", v) for i, v in enumerate(votes))
        return Election(instance, Profile(BallotKind.APPROVAL, ballots))

    return [
        approval(5, {"p1": 5}, [("p1",)]),  # one voter, one project costing the budget
        approval(0, {"p1": 0, "p2": 3}, [("p1", "p2")]),  # budget 0
        approval(10, {"p1": 4}, []),  # nobody voted
        approval(10, {"p1": 4, "p2": 4}, [(), ()]),  # everyone approves nothing
        approval(9, {"p2": 3, "p10": 3, "p1": 3}, [("p2", "p10", "p1")] * 3),  # all tied
        approval(6, {"b": 3, "a": 3, "c": 6}, [("a", "b", "c"), ("c",), ("a",), ("b",)]),
        approval(7, {"x": 7, "y": 7}, [("x",), ("y",), ("x", "y")]),
    ]


@pytest.mark.parametrize("el", _edge_cases())
@pytest.mark.parametrize(("rule", "completion"), RULES_COMPARED)
@pytest.mark.parametrize("satisfaction", ["cost", "cardinality"])
def test_edge_cases_match_pabutools(
    el: Election, rule: str, completion: str, satisfaction: str
) -> None:
    _check(el, rule, satisfaction, completion)


def _check(el: Election, rule: str, satisfaction: str, completion: str) -> None:
    # Given an election, when both engines tally it
    ours = tally(el, rule, satisfaction, completion).selected
    theirs = pabutools_tally(el, rule, satisfaction, completion)
    # Then they fund the same projects in the same order
    free = {p.id for p in el.instance.projects if p.cost == 0} if rule == "mes" else set()
    assert same_outcome(ours, theirs, free), (ours, theirs)


@pytest.mark.slow
@pytest.mark.parametrize(("satisfaction", "kind"), COMBINATIONS)
def test_every_rule_matches_pabutools(satisfaction: str, kind: BallotKind) -> None:
    # Every rule on each election drawn, not one test a rule: drawing an election cost
    # Hypothesis more than tallying it (tests/budgeting/rules/helpers.py), so four rules share
    # each draw. Each rule meets as many elections as its own test gave it, add1 more.
    @FAST
    @given(elections(kind=kind, decimals=True))
    def run(el: Election) -> None:
        for rule, completion in RULES_COMPARED:
            _check(el, rule, satisfaction, completion)

    run()


@pytest.mark.slow
@given(elections(kind=BallotKind.APPROVAL, max_voters=40, max_projects=8, max_budget=400))
# Larger elections, and add1 under pabutools: slower per example.
@settings(examples(0.4), suppress_health_check=[HealthCheck.too_slow])
def test_larger_mes_add1_greedy_matches_pabutools(el: Election) -> None:
    _check(el, "mes", "cost", "add1-greedy")


@pytest.mark.slow
@given(
    elections(kind=BallotKind.APPROVAL),
    st.sampled_from(["none", "add1-greedy"]),
    st.text(min_size=1, max_size=8),
)
# Four tallies by each engine per example.
@settings(examples(0.4), suppress_health_check=[HealthCheck.too_slow])
def test_seeded_tie_breaking_matches_pabutools(el: Election, completion: str, seed: str) -> None:
    # Given a published seed, pabutools told to break ties in the seed's order
    order = tie_break_order([p.id for p in el.instance.projects], seed)
    for rule in ("greedy", "mes"):
        comp = "none" if rule == "greedy" else completion
        ours = tally(el, rule, "cost", comp, tie_break_seed=seed).selected
        theirs = pabutools_tally(el, rule, "cost", comp, tie_break_order=order)
        free = {p.id for p in el.instance.projects if p.cost == 0} if rule == "mes" else set()
        # Then both fund the same projects in the same order
        assert same_outcome(ours, theirs, free), (rule, ours, theirs)


def _quick_real_keys() -> list[object]:
    """Keys of the real files whose pabutools reference run took at most 0.2 s (45 keys)."""
    return [
        pytest.param(name, key, id=f"{name}:{key}")
        for name, entry in sorted(expected().items())
        for key, seconds in sorted(entry["pabutools_seconds"].items())
        if isinstance(seconds, int | float) and seconds <= 0.2
    ] or [pytest.param("", "", id="the-conformance-set-is-missing")]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "key"), _quick_real_keys())
def test_selection_order_matches_pabutools_on_real_files(pb: Path, name: str, key: str) -> None:
    # Given a real file and a key pabutools tallies in a fifth of a second (make bench compares
    # every key where pabutools finishes within its live limit)
    rule, satisfaction, completion = key.split()
    # When pabutools and the engine tally it
    el = election(name)
    theirs = pabutools_file_tally(pb / name, rule, satisfaction, completion)
    ours = tally(el, rule, satisfaction, completion).selected
    # Then they fund the same projects in the same order, not only the same set (free
    # projects aside, which pabutools funds first in an order of its set's hashing)
    free = {p.id for p in el.instance.projects if p.cost == 0} if rule == "mes" else set()
    assert same_outcome(ours, theirs, free)
