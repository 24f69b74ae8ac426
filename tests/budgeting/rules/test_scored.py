"""The rules cities announced their results by: greedy by score and its variants, the
comparison step, add1-to-budget, and reading the rule a file records.

Small elections worked out by hand, then every variant against a plain re-implementation of
its definition on generated elections.
"""

from __future__ import annotations

from fractions import Fraction

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
    ReasonCode,
    explain_projects,
    project_reasons,
    recorded_rule,
    tally,
)
from alongside.budgeting.rules.mes import MesEngine
from alongside.budgeting.rules.model import Number
from alongside.budgeting.rules.prepare import Satisfaction, prepare
from alongside.budgeting.rules.tally import Completion, Rule
from alongside.budgeting.rules.tiebreak import tie_break_order, tie_break_ranks
from tests.budgeting.rules.helpers import elections
from tests.hypothesis_profiles import examples


def election(
    budget: Number,
    costs: dict[str, Number],
    votes: list[str],
    kind: BallotKind = BallotKind.APPROVAL,
    meta: dict[str, str] | None = None,
) -> Election:
    """Voter ``v1`` casts ``votes[0]`` (comma-separated ids, ``id:points`` on points ballots),
    ``v2`` ``votes[1]``, ..."""
    ballots = []
    for i, vote in enumerate(votes, 1):
        cells = [cell.split(":") for cell in filter(None, vote.split(","))]
        points = tuple(int(c[1]) for c in cells) if kind.has_points else None
        ballots.append(Ballot(f"v{i}", tuple(c[0] for c in cells), points))
    projects = tuple(Project(pid, cost) for pid, cost in costs.items())
    instance = Instance(budget, projects, {"currency": "GBP", **(meta or {})})
    return Election(instance, Profile(kind, tuple(ballots)))


def texts(el: Election, rule: str, **parameters: object) -> dict[str, str]:
    result = tally(el, rule, **parameters)  # type: ignore[arg-type]
    return {pid: e.text for pid, e in explain_projects(result).items()}


# a: 3 votes, £6; b: 2 votes, £5; c: 1 vote, £1; £10 to spend.
ABC_VOTES = ["a,b,c", "a,b", "a"]
ABC = election(10, {"a": 6, "b": 5, "c": 1}, ABC_VOTES)


def test_greedy_by_score_skips_what_does_not_fit() -> None:
    assert tally(ABC, "greedy-score").selected == ["a", "c"]
    assert texts(ABC, "greedy-score") == {
        "a": "funded: 3 voters chose it, and it fit in the £10 remaining",
        "b": "not funded: it did not fit in the £4 remaining",
        "c": "funded: 1 voter chose it, and it fit in the £4 remaining",
    }


def test_a_threshold_leaves_out_projects_with_too_little_support() -> None:
    result = tally(ABC, "greedy-threshold", threshold=2)
    assert result.selected == ["a"]
    reason = project_reasons(result)["c"]
    assert (reason.code, reason.score, reason.threshold) == (ReasonCode.BELOW_THRESHOLD, 1, 2)
    assert texts(ABC, "greedy-threshold", threshold=2)["c"] == (
        "not funded: 1 voter chose it, fewer than the 2 votes it needed"
    )


def test_greedy_threshold_reads_the_threshold_from_meta() -> None:
    meta = {"min_project_score_threshold": "2"}
    el = election(10, {"a": 6, "b": 5, "c": 1}, ABC_VOTES, meta=meta)
    assert tally(el, "greedy-threshold").selected == ["a"]
    assert tally(el, "greedy-threshold", threshold=1).selected == ["a", "c"]
    with pytest.raises(ValueError, match="greedy-threshold needs a threshold"):
        tally(ABC, "greedy-threshold")


def test_no_skip_stops_at_the_first_project_that_does_not_fit() -> None:
    result = tally(ABC, "greedy-no-skip")
    assert result.selected == ["a"]
    reasons = project_reasons(result)
    assert (reasons["c"].code, reasons["c"].stopped_at) == (ReasonCode.NOT_REACHED, "b")
    assert texts(ABC, "greedy-no-skip") == {
        "a": "funded: 3 voters chose it, and it fit in the £10 remaining",
        "b": "not funded: it did not fit in the £4 remaining, so the count stopped there",
        "c": (
            "not funded: the count stopped at b, the first project that did not fit in what "
            "was left"
        ),
    }


def test_below_the_threshold_is_the_reason_even_after_a_no_skip_count_stops() -> None:
    # Given a threshold of 2: the count stops at b; c is not reached, but it could never have
    # been funded anyway
    result = tally(ABC, "greedy-no-skip", threshold=2)
    assert result.selected == ["a"]
    assert project_reasons(result)["c"].code is ReasonCode.BELOW_THRESHOLD


def test_mutually_exclusive_projects() -> None:
    # Given a and b for the same site: b comes second and is excluded, though it would fit
    el = election(10, {"a": 2, "b": 2, "c": 1}, ["a,b,c", "a,b", "a"])
    result = tally(el, "greedy-exclusive", exclusive=[("a", "b")])
    assert result.selected == ["a", "c"]
    reason = project_reasons(result)["b"]
    assert (reason.code, reason.conflict, reason.remaining) == (
        ReasonCode.EXCLUDED_BY_CONFLICT,
        "a",
        8,
    )
    assert explain_projects(result)["b"].text == (
        "not funded: it cannot be funded as well as a, which came before it in the count and "
        "was funded"
    )
    # Without the conflict the same count is plain greedy by score
    assert tally(el, "greedy-exclusive").selected == ["a", "b", "c"]


def test_poznan_funds_a_nearly_covered_project_from_reserve_funds() -> None:
    # Given £4 left when b (£5) is reached: 80% of £5 is £4, so b is funded from reserve funds
    # and the count stops: c is not reached, and the outcome costs £11 of a £10 budget
    result = tally(ABC, "greedy-custom", reserve=Fraction(4, 5))
    assert result.selected == ["a", "b"]
    assert result.budget_used == 11
    reasons = project_reasons(result)
    assert (reasons["b"].code, reasons["b"].reserve, reasons["b"].remaining) == (
        ReasonCode.FUNDED_FROM_RESERVE,
        Fraction(4, 5),
        4,
    )
    assert (reasons["c"].stopped_at, reasons["c"].stopped_funded) == ("b", True)
    assert texts(ABC, "greedy-custom", reserve=Fraction(4, 5)) == {
        "a": "funded: 3 voters chose it, and it fit in the £10 remaining",
        "b": (
            "funded from reserve funds: 2 voters chose it; it did not fit in the £4 remaining, "
            "but that was at least 80% of its £5"
        ),
        "c": "not funded: the count stopped after b, which was funded from reserve funds",
    }
    # At 90% £4 is not enough: the count just stops at b
    assert tally(ABC, "greedy-custom", reserve=Fraction(9, 10)).selected == ["a"]


def test_poznans_reserve_share_is_read_from_its_comment() -> None:
    comment = (
        "#1: ... Finally, if the remaining budget is enough to fund at least 80% of that "
        "project, we fund it as well with the external reserve funds ..."
    )
    el = election(10, {"a": 6, "b": 5, "c": 1}, ABC_VOTES, meta={"comment": comment})
    assert tally(el, "greedy-custom").selected == ["a", "b"]
    with pytest.raises(ValueError, match="greedy-custom needs the reserve share"):
        tally(ABC, "greedy-custom")
    with pytest.raises(ValueError, match="at most 100%"):
        tally(ABC, "greedy-custom", reserve=2)


def test_points_and_ranks_are_scores() -> None:
    # Cumulative ballots: total points; x has more voters, y more points
    el = election(5, {"x": 5, "y": 5}, ["x:1", "x:1", "y:5"], kind=BallotKind.CUMULATIVE)
    assert tally(el, "greedy-score").selected == ["y"]
    assert texts(el, "greedy-score")["y"] == (
        "funded: 1 voter (5 points) chose it, and it fit in the £5 remaining"
    )
    # Ordinal ballots: first place 3 points, second 2, third 1 (META max_length 3): x, ranked
    # first twice, has 6; y, second twice and first once, has 7
    ranked = election(
        5,
        {"x": 5, "y": 5, "z": 5},
        ["x,y,z", "x,y,z", "y,z"],
        kind=BallotKind.ORDINAL,
        meta={"max_length": "3"},
    )
    result = tally(ranked, "greedy-score")
    assert result.scored_run is not None
    assert result.scored_run.scores == (6, 7, 4)
    assert result.selected == ["y"]


def test_rules_by_score_take_no_satisfaction_or_completion() -> None:
    with pytest.raises(ValueError, match="takes no satisfaction"):
        tally(ABC, "greedy-score", "cost")
    with pytest.raises(ValueError, match="takes no completion"):
        tally(ABC, "greedy-score", completion="add1")
    with pytest.raises(ValueError, match="takes no mutually exclusive projects"):
        tally(ABC, "greedy-score", exclusive=[("a", "b")])
    with pytest.raises(ValueError, match="takes no reserve"):
        tally(ABC, "greedy-no-skip", reserve=1)
    with pytest.raises(ValueError, match="takes no threshold"):
        tally(ABC, "mes", threshold=1)
    with pytest.raises(ValueError, match="no project 'q'"):
        tally(ABC, "greedy-exclusive", exclusive=[("a", "q")])
    with pytest.raises(ValueError, match="two or more"):
        tally(ABC, "greedy-exclusive", exclusive=[("a", "a")])


# ----------------------------------------------------------------- against the definitions


def reference(
    el: Election,
    threshold: Number | None,
    stop: bool,
    exclusive: list[tuple[str, str]],
    reserve: Fraction | None,
    seed: str | None,
) -> list[str]:
    """The count by score as the module docstring defines it, written out plainly."""
    cost = {p.id: p.cost for p in el.instance.projects}
    score: dict[str, Number] = dict.fromkeys(cost, 0)
    longest = max((len(b.projects) for b in el.profile.ballots), default=0)
    for ballot in el.profile.ballots:
        if el.profile.kind.has_points:
            for pid, points in zip(ballot.projects, ballot.points or (), strict=True):
                score[pid] += points
        elif el.profile.kind is BallotKind.ORDINAL:
            for position, pid in enumerate(ballot.projects):
                score[pid] += longest - position
        else:
            for pid in set(ballot.projects):
                score[pid] += 1
    ties = tie_break_order(list(cost), seed)
    left = el.instance.budget
    funded: list[str] = []
    for pid in sorted(cost, key=lambda p: (-score[p], ties.index(p))):
        if threshold is not None and score[pid] < threshold:
            continue
        if any(pid in pair and other in funded for pair in exclusive for other in pair):
            continue
        if cost[pid] <= left:
            funded.append(pid)
            left -= cost[pid]
        elif reserve is not None and left >= reserve * cost[pid]:
            funded.append(pid)
            break
        elif stop:
            break
    return funded


Count = tuple[Election, Rule, int | None, list[tuple[str, str]], Fraction | None, str | None]


@st.composite
def counts(draw: st.DrawFn) -> Count:
    el = draw(elections(kind=draw(st.sampled_from(list(BallotKind))), decimals=True))
    ids = [p.id for p in el.instance.projects]
    rule = draw(st.sampled_from([r for r in Rule if r.by_score]))
    threshold = draw(
        st.integers(0, 4) if rule is Rule.GREEDY_THRESHOLD else st.none() | st.integers(0, 4)
    )
    pairs: list[tuple[str, str]] = []
    if rule is Rule.GREEDY_EXCLUSIVE and len(ids) > 1:
        pairs = draw(st.lists(st.permutations(ids).map(lambda p: (p[0], p[1])), max_size=2))
    reserve = None
    if rule is Rule.GREEDY_CUSTOM:
        reserve = draw(st.sampled_from([Fraction(1, 2), Fraction(4, 5), Fraction(1)]))
    return el, rule, threshold, pairs, reserve, draw(st.sampled_from([None, "count"]))


@given(counts())
@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
def test_every_count_by_score_follows_its_definition(case: Count) -> None:
    el, rule, threshold, pairs, reserve, seed = case
    result = tally(
        el, rule, tie_break_seed=seed, threshold=threshold, exclusive=pairs, reserve=reserve
    )
    stop = rule in (Rule.GREEDY_NO_SKIP, Rule.GREEDY_CUSTOM)
    assert result.selected == reference(el, threshold, stop, pairs, reserve, seed)
    # and every project gets a reason, funded exactly when selected
    reasons = project_reasons(result)
    assert {pid for pid, r in reasons.items() if r.funded} == set(result.selected)


@given(elections(kind=BallotKind.APPROVAL, decimals=True), st.sampled_from([None, "s"]))
@settings(examples(0.1), suppress_health_check=[HealthCheck.too_slow])
def test_greedy_by_votes_funds_what_pabutools_greedy_funds(el: Election, seed: str | None) -> None:
    # With approval ballots and cost satisfaction, satisfaction per unit of cost is the number
    # of votes: the two greedy rules differ only in the order they fund free projects
    by_score = tally(el, "greedy-score", tie_break_seed=seed).selected
    assert sorted(by_score) == sorted(tally(el, "greedy", "cost", tie_break_seed=seed).selected)


# ----------------------------------------------------------------- the comparison step


def majority_and_minority(budget: int, majority: int, minority: int) -> Election:
    instance = Instance(budget, tuple(Project(p, 1) for p in "abcde"), {"currency": "GBP"})
    ballots = [Ballot(f"m{i}", ("a", "b", "c")) for i in range(majority)]
    ballots += [Ballot(f"n{i}", ("d", "e")) for i in range(minority)]
    return Election(instance, Profile(BallotKind.APPROVAL, tuple(ballots)))


def test_the_comparison_takes_greedy_when_more_voters_prefer_it() -> None:
    # Given six voters for a, b and c, four for d and e, and £3: equal shares funds a and d,
    # greedy a, b and c; the six prefer greedy's (3 of theirs against 1), the four equal
    # shares' (1 against 0)
    result = tally(majority_and_minority(3, 6, 4), "equalshares/add1-comparison")
    comparison = result.comparison
    assert comparison is not None
    assert [result.prep.ids[p] for p in comparison.equal_shares] == ["a", "d"]
    assert (comparison.prefer_equal_shares, comparison.prefer_greedy) == (4, 6)
    assert result.selected == ["a", "b", "c"]
    assert result.greedy_outcome
    assert result.mes_run is None
    assert explain_projects(result)["d"].text == "not funded: it did not fit in the £0 remaining"


def test_a_tie_in_the_comparison_keeps_equal_shares() -> None:
    result = tally(majority_and_minority(4, 5, 5), "equalshares/add1-comparison")
    assert result.comparison is not None
    assert (result.comparison.prefer_equal_shares, result.comparison.prefer_greedy) == (5, 5)
    assert result.selected == ["a", "b", "d", "e"]
    assert not result.greedy_outcome
    assert explain_projects(result)["c"].reason == "supporters-spent"


@given(elections(kind=BallotKind.APPROVAL, decimals=True))
@settings(examples(0.1), suppress_health_check=[HealthCheck.too_slow])
def test_the_comparison_counts_voters_by_brute_force(el: Election) -> None:
    result = tally(el, "equalshares/add1-comparison")
    comparison = result.comparison
    assert comparison is not None
    ids = result.prep.ids
    mes = {ids[p] for p in comparison.equal_shares}
    assert mes == set(tally(el, "mes", "cost", "add1-to-budget").selected)
    greedy = set(tally(el, "greedy", "cost").selected)
    mine = [len(set(b.projects) & mes) for b in el.profile.ballots]
    theirs = [len(set(b.projects) & greedy) for b in el.profile.ballots]
    prefer = (
        sum(m > t for m, t in zip(mine, theirs, strict=True)),
        sum(t > m for m, t in zip(mine, theirs, strict=True)),
    )
    assert (comparison.prefer_equal_shares, comparison.prefer_greedy) == prefer
    assert set(result.selected) == (mes if prefer[1] <= prefer[0] else greedy)


def test_the_comparison_needs_approval_ballots() -> None:
    el = election(5, {"x": 5}, ["x:1"], kind=BallotKind.CUMULATIVE)
    with pytest.raises(ValueError, match="needs approval ballots"):
        tally(el, "equalshares/add1-comparison")
    with pytest.raises(ValueError, match="completes Equal Shares by add1-to-budget"):
        tally(ABC, "equalshares/add1-comparison", completion="add1")


# ----------------------------------------------------------------- add1-to-budget


@given(elections(kind=BallotKind.APPROVAL, max_voters=9, decimals=True))
@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
def test_add1_to_budget_raises_until_the_next_step_would_overspend(el: Election) -> None:
    # Given the definition, one currency unit at a time: raise every voter's share while the
    # next outcome stays within the budget; stop (keeping it) once every candidate is funded
    result = tally(el, "mes", "cost", "add1-to-budget")
    prep = prepare(el, Satisfaction.COST)
    engine = MesEngine(prep, tie_break_ranks(prep.ids))
    if prep.n_voters == 0:
        return
    base = Fraction(prep.budget, prep.n_voters)
    k = 0
    while True:
        run = engine.run(base + k * prep.money_scale)
        if set(run.selected) >= set(engine.candidates):
            break
        nxt = engine.run(base + (k + 1) * prep.money_scale)
        if sum(prep.costs[p] for p in nxt.selected) > prep.budget:
            break
        k += 1
    # Then the engine stops at the same step with the same outcome, never before add1 does
    assert result.add1_increments == k
    assert result.selected == [prep.ids[p] for p in run.selected]
    assert k >= tally(el, "mes", "cost", "add1").add1_increments


# ----------------------------------------------------------------- the rule a file records


@pytest.mark.parametrize(
    ("meta", "rule", "completion", "threshold", "reserve"),
    [
        ({"rule": "greedy"}, Rule.GREEDY_SCORE, None, None, None),
        (
            {"rule": "greedy", "min_project_score_threshold": "5"},
            Rule.GREEDY_SCORE,
            None,
            None,
            None,
        ),
        (
            {"rule": "greedy-threshold", "min_project_score_threshold": "300"},
            Rule.GREEDY_THRESHOLD,
            None,
            300,
            None,
        ),
        (
            {"rule": "greedy-no-skip", "min_project_score_threshold": "1000"},
            Rule.GREEDY_NO_SKIP,
            None,
            1000,
            None,
        ),
        ({"rule": "greedy-exclusive"}, Rule.GREEDY_EXCLUSIVE, None, None, None),
        (
            {"rule": "greedy-custom", "comment": "#1: at least 80% of that project"},
            Rule.GREEDY_CUSTOM,
            None,
            None,
            Fraction(4, 5),
        ),
        ({"rule": "equalshares"}, Rule.MES, Completion.NONE, None, None),
        ({"rule": "equalshares/add1"}, Rule.MES, Completion.ADD1, None, None),
        ({"rule": "equalshares/add1-comparison"}, Rule.MES_ADD1_COMPARISON, None, None, None),
        ({"rule": "mes/add1-greedy"}, Rule.MES, Completion.ADD1_GREEDY, None, None),
    ],
)
def test_the_rule_a_file_records(
    meta: dict[str, str],
    rule: Rule,
    completion: Completion | None,
    threshold: int | None,
    reserve: Fraction | None,
) -> None:
    found = recorded_rule(Instance(1, (), meta))
    assert (found.rule, found.completion, found.threshold, found.reserve) == (
        rule,
        completion,
        threshold,
        reserve,
    )


@pytest.mark.parametrize("name", ["unknown", "", "equalshares-comparison", "mes/add2"])
def test_a_rule_the_engine_has_not_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match="choose one"):
        recorded_rule(Instance(1, (), {"rule": name}))


def test_a_broken_threshold_names_the_field() -> None:
    with pytest.raises(ValueError, match="min_project_score_threshold"):
        recorded_rule(
            Instance(1, (), {"rule": "greedy-threshold", "min_project_score_threshold": "many"})
        )
