"""The known axioms, on small generated approval elections, each checked by brute force.

* Plain Equal Shares (no completion) with cost satisfaction satisfies *EJR up to one project*
  (Peters, Pierczyński and Skowron, "Proportional participatory budgeting with additive
  utilities", 2021): a group ``S`` of voters who all approve every project of ``T`` and are
  numerous enough to pay for it out of their shares (``|S| / n >= cost(T) / budget``) is
  *T-cohesive*; in every T-cohesive group some voter ``i`` gets ``u_i(W) >= cost(T)`` from the
  outcome ``W``, or would exceed it with one more project of ``T``:
  ``u_i(W) + cost(a) > cost(T)`` for some ``a`` in ``T`` not funded. Here ``u_i(W)`` is the
  cost of the funded projects ``i`` approves.
* When every project costs the same, "up to one project" costs nothing: EJR itself holds,
  ``u_i(W) >= cost(T)``.
* Greedy is exhaustive: no project left out fits in what is left (so is add1-greedy, and each
  count by score among the projects it may still fund).
* No completion of Equal Shares spends more than the budget.

A violation needs a T-cohesive group whose members are *all* unsatisfied, and any subset of
such voters is one, so the brute force checks, for every set ``T``, whether the unsatisfied
voters approving all of ``T`` are numerous enough on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import combinations

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
from alongside.budgeting.rules.model import Number
from tests.budgeting.rules.helpers import elections
from tests.hypothesis_profiles import examples

SATISFIED = Callable[[Number, Number, list[Number]], bool]
"""Whether a voter is satisfied, from their utility, ``cost(T)`` and the costs of ``T`` not
funded."""


def up_to_one(utility: Number, cost_t: Number, missing: list[Number]) -> bool:
    return utility >= cost_t or any(utility + cost > cost_t for cost in missing)


def fully(utility: Number, cost_t: Number, missing: list[Number]) -> bool:
    return utility >= cost_t


def violations(el: Election, funded: list[str], satisfied: SATISFIED) -> list[tuple[str, ...]]:
    """The sets ``T`` for which some T-cohesive group has no satisfied voter."""
    cost = {p.id: p.cost for p in el.instance.projects}
    budget = el.instance.budget
    ballots = [set(b.projects) for b in el.profile.ballots]
    n = len(ballots)
    outcome = set(funded)
    found: list[tuple[str, ...]] = []
    for size in range(1, len(cost) + 1):
        for t in combinations(sorted(cost), size):
            cost_t = sum(cost[a] for a in t)
            missing = [cost[a] for a in t if a not in outcome]
            unsatisfied = [
                ballot
                for ballot in ballots
                if ballot.issuperset(t)
                and not satisfied(sum(cost[a] for a in ballot & outcome), cost_t, missing)
            ]
            if unsatisfied and len(unsatisfied) * budget >= n * cost_t:
                found.append(t)
    return found


@st.composite
def blocs(draw: st.DrawFn, cost: int | None = None) -> Election:
    """Blocs of like-minded voters, each wanting its own projects and perhaps a shared one or
    two: where a majority can crowd a minority out, as greedy does."""
    ids = [f"p{i}" for i in range(draw(st.integers(2, 6)))]
    costs = [cost or draw(st.sampled_from([1, 2, 3, 4, 6])) for _ in ids]
    n_blocs = draw(st.integers(1, 3))
    owner = [draw(st.integers(0, n_blocs - 1)) for _ in ids]
    shared = draw(st.lists(st.sampled_from(ids), unique=True, max_size=2))
    ballots: list[Ballot] = []
    for bloc in range(n_blocs):
        wanted = tuple(
            dict.fromkeys([p for p, o in zip(ids, owner, strict=True) if o == bloc] + shared)
        )
        ballots += [Ballot(f"v{len(ballots) + i}", wanted) for i in range(draw(st.integers(1, 9)))]
    budget = draw(st.integers(max(costs), sum(costs)))
    projects = tuple(Project(p, c) for p, c in zip(ids, costs, strict=True))
    return Election(Instance(budget, projects), Profile(BallotKind.APPROVAL, tuple(ballots)))


@st.composite
def equal_costs(draw: st.DrawFn) -> Election:
    el = draw(elections(kind=BallotKind.APPROVAL, max_voters=12, max_budget=30))
    cost = draw(st.integers(1, 6))
    projects = tuple(replace(p, cost=cost) for p in el.instance.projects)
    return replace(el, instance=replace(el.instance, projects=projects))


APPROVAL = st.one_of(elections(kind=BallotKind.APPROVAL, max_voters=12, decimals=True), blocs())
EQUAL_COSTS = st.one_of(equal_costs(), st.integers(1, 6).flatmap(lambda c: blocs(cost=c)))


@given(APPROVAL, st.sampled_from([None, "axioms"]))
@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
def test_equal_shares_is_ejr_up_to_one_project(el: Election, seed: str | None) -> None:
    # Given any approval election, tallied by plain Equal Shares with cost satisfaction
    result = tally(el, "mes", "cost", "none", tie_break_seed=seed)
    # Then every cohesive group has a voter satisfied up to one project
    assert violations(el, result.selected, up_to_one) == []


@given(EQUAL_COSTS)
@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
def test_equal_shares_is_ejr_when_every_cost_is_equal(el: Election) -> None:
    # Given an approval election in which every project costs the same
    result = tally(el, "mes", "cost", "none")
    # Then every cohesive group has a voter who gets at least what the group could pay for
    assert violations(el, result.selected, fully) == []


def test_the_brute_force_finds_violations() -> None:
    # Given two voters who both want a (£1) and b (£2), and a £3 budget
    instance = Instance(3, (Project("a", 1), Project("b", 2)))
    ballots = (Ballot("v1", ("a", "b")), Ballot("v2", ("a", "b")))
    el = Election(instance, Profile(BallotKind.APPROVAL, ballots))
    # Then funding nothing leaves them unsatisfied for every T, even up to one project
    assert violations(el, [], up_to_one) == [("a",), ("b",), ("a", "b")]
    # And funding a alone satisfies them for {b} up to one project (£1 + £2 > £2) but not for
    # {a, b} (£1 + £2 is not more than £3); fully, for neither
    assert violations(el, ["a"], up_to_one) == [("a", "b")]
    assert violations(el, ["a"], fully) == [("b",), ("a", "b")]
    assert violations(el, ["a", "b"], fully) == []


def test_greedy_crowds_out_a_minority_and_equal_shares_does_not() -> None:
    # Given six voters who want a, b and c, four who want d and e, all £1, and a £3 budget
    instance = Instance(3, tuple(Project(p, 1) for p in "abcde"))
    ballots = [Ballot(f"m{i}", ("a", "b", "c")) for i in range(6)]
    ballots += [Ballot(f"n{i}", ("d", "e")) for i in range(4)]
    el = Election(instance, Profile(BallotKind.APPROVAL, tuple(ballots)))
    # Then greedy funds the majority's three, and the four (40% of the voters, so owed £1.20)
    # get nothing; equal shares funds one of theirs
    greedy = tally(el, "greedy").selected
    assert sorted(greedy) == ["a", "b", "c"]
    assert violations(el, greedy, up_to_one) == [("d",), ("e",)]
    mes = tally(el, "mes", "cost", "none").selected
    assert "d" in mes
    assert violations(el, mes, fully) == []


def left_out_that_fit(
    el: Election, funded: list[str], eligible: set[str] | None = None
) -> list[str]:
    cost = {p.id: p.cost for p in el.instance.projects}
    left = el.instance.budget - sum(cost[p] for p in funded)
    return [
        p
        for p in cost
        if p not in funded and cost[p] <= left and (eligible is None or p in eligible)
    ]


KINDS = st.sampled_from(
    [
        (BallotKind.APPROVAL, "cost"),
        (BallotKind.APPROVAL, "cardinality"),
        (BallotKind.CUMULATIVE, "cost-points"),
        (BallotKind.ORDINAL, "borda"),
    ]
).flatmap(lambda c: st.tuples(elections(kind=c[0], decimals=True), st.just(c[1])))


@given(KINDS)
@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
def test_greedy_and_add1_greedy_are_exhaustive(case: tuple[Election, str]) -> None:
    el, satisfaction = case
    for rule, completion in (("greedy", "none"), ("mes", "add1-greedy")):
        funded = tally(el, rule, satisfaction, completion).selected
        assert left_out_that_fit(el, funded) == [], (rule, completion)


@given(KINDS, st.sampled_from(["greedy-score", "greedy-threshold"]), st.integers(0, 4))
@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
def test_counts_by_score_are_exhaustive_among_eligible_projects(
    case: tuple[Election, str], rule: str, threshold: int
) -> None:
    el, _ = case
    result = tally(el, rule, threshold=threshold if rule == "greedy-threshold" else None)
    assert result.scored_run is not None
    scores = dict(zip(result.prep.ids, result.scored_run.scores, strict=True))
    eligible = {p for p, score in scores.items() if rule == "greedy-score" or score >= threshold}
    assert left_out_that_fit(el, result.selected, eligible) == []


@given(KINDS, st.sampled_from(["none", "add1", "add1-greedy", "add1-to-budget"]))
@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
def test_equal_shares_never_spends_more_than_the_budget(
    case: tuple[Election, str], completion: str
) -> None:
    el, satisfaction = case
    result = tally(el, "mes", satisfaction, completion)
    assert result.budget_used <= el.instance.budget
