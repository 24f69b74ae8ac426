"""Shared test helpers: the conformance set, small-election strategies, a pabutools bridge.

pabutools is a test-only dependency (it imports gurobipy): only the bridge functions import it,
lazily, so tests that do not compare with pabutools never load it.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import strategies as st

from alongside.budgeting.rules import (
    Ballot,
    BallotKind,
    Election,
    Instance,
    Profile,
    Project,
    read_pabulib,
)
from alongside.budgeting.rules.model import Number

T = TypeVar("T")

REPO = Path(__file__).resolve().parents[3]


def pb_dir() -> Path:
    """The conformance folder: ``$ALONGSIDE_PB_DIR`` or ``../shared/pb`` next to the repo."""
    return Path(os.environ.get("ALONGSIDE_PB_DIR") or REPO.parent / "shared" / "pb")


def pb_missing() -> str | None:
    """Why the conformance set cannot be used, in words that name it; None when it can."""
    folder = pb_dir()
    where = f"the Pabulib conformance set {folder} is missing"
    hint = "(it is ../shared/pb beside the repository; ALONGSIDE_PB_DIR points elsewhere)"
    if not folder.is_dir():
        return f"{where}: there is no such folder {hint}"
    if not (folder / "expected.json").is_file():
        return f"{where}: the folder has no expected.json {hint}"
    if not any(folder.glob("*.pb")):
        return f"{where}: the folder has no .pb files {hint}"
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_pb() -> Path:
    """The conformance folder, or the test stops here naming what is missing: it fails under
    CI=true (CI must never pass without the real files), and is skipped elsewhere."""
    reason = pb_missing()
    if reason is not None:
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return pb_dir()


@cache
def expected() -> dict[str, Any]:
    """The reference selections, or nothing when the set is missing (see ``require_pb``)."""
    path = pb_dir() / "expected.json"
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def election(name: str) -> Election:
    return read_pabulib(pb_dir() / name)


# ----------------------------------------------------------------- strategies

PROJECT_IDS = ["p1", "p2", "p10", "p11", "a", "B", "3", "20", "x_y", "Ą"]
COSTS = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12]
CENTS = [0, 1, 5, 25]

# Why one draw stands for a whole list below: each draw costs Hypothesis about 0.1 ms on a
# shared CI core whatever its range, and drawing elections element by element cost more than
# tallying them with both engines (four fifths of the pabutools comparisons' time). One integer
# decoded into an arrangement, a subset or a row of digits reaches exactly the same elections,
# and shrinks to 0: the first ids in order, the first choice everywhere, nobody approving.


def arrangement(draw: st.DrawFn, items: list[T], k: int) -> list[T]:
    """``k`` of ``items`` in some order (any of the n!/(n-k)! orders), from one draw: the
    index in the mixed radix n, n-1, ..., n-k+1 picks each next item among those left."""
    total = math.perm(len(items), k)
    index = draw(st.integers(0, total - 1)) if total > 1 else 0
    left = list(items)
    out: list[T] = []
    for _ in range(k):
        index, i = divmod(index, len(left))
        out.append(left.pop(i))
    return out


def digits(draw: st.DrawFn, base: int, count: int) -> list[int]:
    """``count`` digits each in ``range(base)`` (any row of them), from one draw."""
    total = base**count
    index = draw(st.integers(0, total - 1)) if total > 1 else 0
    out = []
    for _ in range(count):
        index, d = divmod(index, base)
        out.append(d)
    return out


def subset(draw: st.DrawFn, items: list[T]) -> list[T]:
    """Any subset of ``items``, in any order, from two draws (which, then their order)."""
    mask = draw(st.integers(0, 2 ** len(items) - 1))
    chosen = [item for i, item in enumerate(items) if mask >> i & 1]
    return arrangement(draw, chosen, len(chosen))


@st.composite
def elections(
    draw: st.DrawFn,
    kind: BallotKind = BallotKind.APPROVAL,
    max_projects: int = 6,
    max_voters: int = 7,
    max_budget: int = 40,
    decimals: bool = False,
) -> Election:
    """Small elections full of ties: few distinct costs, budgets equal to costs, empty ballots."""
    n = draw(st.integers(1, max_projects))
    ids = arrangement(draw, PROJECT_IDS, n)
    # One to three distinct costs, or (0) all of them.
    pool_size = draw(st.integers(0, 3))
    cost_pool = arrangement(draw, COSTS, pool_size) if pool_size else COSTS
    costs: list[Number] = [cost_pool[d] for d in digits(draw, len(cost_pool), n)]
    if decimals and draw(st.booleans()):
        costs = [
            c + Fraction(CENTS[d], 100) for c, d in zip(costs, digits(draw, 4, n), strict=True)
        ]
    budget: Number = draw(
        st.integers(0, max_budget) | st.sampled_from([c for c in costs if c >= 0] or [0])
    )
    if decimals and draw(st.booleans()):
        budget = budget + Fraction(draw(st.sampled_from([1, 50])), 100)
    projects = tuple(Project(pid, cost) for pid, cost in zip(ids, costs, strict=True))
    n_voters = draw(st.integers(0, max_voters))
    ballots: list[Ballot] = []
    for v in range(n_voters):
        style = draw(st.sampled_from(["random", "random", "nothing", "everything"]))
        if style == "nothing":
            chosen: list[str] = []
        elif style == "everything":
            chosen = arrangement(draw, ids, n)
        else:
            chosen = subset(draw, ids)
        if kind.has_points:
            points = tuple(digits(draw, 4, len(chosen)))
            ballots.append(Ballot(f"v{v}", tuple(chosen), points))
        else:
            ballots.append(Ballot(f"v{v}", tuple(chosen)))
    instance = Instance(budget, projects, {"vote_type": kind.value})
    return Election(instance, Profile(kind, tuple(ballots)))


# ----------------------------------------------------------------- pabutools bridge


def to_pabutools(el: Election) -> tuple[Any, Any]:
    """The same election as pabutools objects (built directly, not through a file)."""
    from pabutools.election import (
        ApprovalBallot,
        ApprovalProfile,
        CumulativeBallot,
        CumulativeProfile,
        OrdinalBallot,
        OrdinalProfile,
    )
    from pabutools.election import Instance as PInstance
    from pabutools.election import Project as PProject
    from pabutools.fractions import frac

    instance = PInstance()
    projects = {}
    for project in el.instance.projects:
        p = PProject(project.id, frac(project.cost))
        p.cost = frac(project.cost)
        projects[project.id] = p
        instance.add(p)
    instance.budget_limit = frac(el.instance.budget)
    kind = el.profile.kind
    if kind is BallotKind.APPROVAL:
        profile: Any = ApprovalProfile(
            [ApprovalBallot({projects[i] for i in b.projects}) for b in el.profile.ballots]
        )
    elif kind is BallotKind.CUMULATIVE:
        profile = CumulativeProfile(
            [
                CumulativeBallot(
                    {
                        projects[i]: frac(pt)
                        for i, pt in zip(b.projects, b.points or (), strict=True)
                    }
                )
                for b in el.profile.ballots
            ]
        )
    elif kind is BallotKind.ORDINAL:
        profile = OrdinalProfile(
            [OrdinalBallot([projects[i] for i in b.projects]) for b in el.profile.ballots]
        )
    else:  # pragma: no cover
        raise ValueError(f"no bridge to pabutools for {kind.value} ballots")
    return instance, profile


def pabutools_sat_class(satisfaction: str) -> Any:
    from pabutools.election import (
        Additive_Borda_Sat,
        AdditiveSatisfaction,
        Cardinality_Sat,
        Cost_Sat,
    )

    if satisfaction == "cost":
        return Cost_Sat
    if satisfaction == "cardinality":
        return Cardinality_Sat
    if satisfaction == "borda":
        return Additive_Borda_Sat

    class CostPointsSat(AdditiveSatisfaction):  # type: ignore[misc]
        def __init__(self, instance: Any, profile: Any, ballot: Any) -> None:
            super().__init__(
                instance, profile, ballot, lambda inst, prof, b, p, pre: b.get(p, 0) * p.cost
            )

    return CostPointsSat


def pabutools_tally(
    el: Election,
    rule: str,
    satisfaction: str,
    completion: str,
    tie_break_order: list[str] | None = None,
) -> list[str]:
    """Selected project ids in pabutools' selection order."""
    instance, profile = to_pabutools(el)
    return _pabutools_rule(instance, profile, rule, satisfaction, completion, tie_break_order)


def pabutools_file_tally(path: Path, rule: str, satisfaction: str, completion: str) -> list[str]:
    """:func:`pabutools_tally` on a Pabulib file as pabutools itself reads it."""
    from pabutools.election import parse_pabulib

    instance, profile = parse_pabulib(str(path))
    return _pabutools_rule(instance, profile, rule, satisfaction, completion, None)


def _pabutools_rule(
    instance: Any,
    profile: Any,
    rule: str,
    satisfaction: str,
    completion: str,
    tie_break_order: list[str] | None,
) -> list[str]:
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
    from pabutools.tiebreaking import TieBreakingRule

    sat = pabutools_sat_class(satisfaction)
    tie = None
    if tie_break_order is not None:
        position = {pid: i for i, pid in enumerate(tie_break_order)}
        tie = TieBreakingRule(lambda inst, prof, proj: position[proj.name])
    if rule == "greedy":
        out = greedy_utilitarian_welfare(instance, profile, sat_class=sat, tie_breaking=tie)
    else:
        increment = None if completion == "none" else 1
        out = method_of_equal_shares(
            instance, profile, sat_class=sat, voter_budget_increment=increment, tie_breaking=tie
        )
        if completion == "add1-greedy":
            out = greedy_utilitarian_welfare(
                instance, profile, sat_class=sat, initial_budget_allocation=out, tie_breaking=tie
            )
    return [p.name for p in out]


def same_outcome(ours: list[str], theirs: list[str], free: set[str]) -> bool:
    """Same set, and the same order for everything but free projects.

    pabutools funds free projects first in ``set`` iteration order (which depends on the hash
    seed); we fund them first in tie-breaking order.
    """
    if sorted(ours) != sorted(theirs):
        return False
    return [p for p in ours if p not in free] == [p for p in theirs if p not in free]


# Every rule a generated election is tallied by where a test asks "for any rule": the ones
# that give each kind of reason (equal shares with and without completion, the city rules).
RULES = st.sampled_from(
    [
        ("greedy", {}),
        ("mes", {"completion": "none"}),
        ("mes", {"completion": "add1"}),
        ("mes", {"completion": "add1-greedy"}),
        ("greedy-score", {}),
        ("greedy-threshold", {"threshold": 2}),
        ("greedy-no-skip", {}),
        ("greedy-custom", {"reserve": Fraction(4, 5)}),
    ]
)


# Satisfaction and ballot kind of each MES combination the add1 shortcuts are tried on.
MES_COMBINATIONS = [
    ("cost", BallotKind.APPROVAL),
    ("cardinality", BallotKind.APPROVAL),
    ("cost-points", BallotKind.CUMULATIVE),
    ("borda", BallotKind.ORDINAL),
]


@st.composite
def scaled_elections(draw: st.DrawFn, kind: BallotKind, factors: list[int]) -> Election:
    """Elections with many add1 increments: costs and budget scaled up together."""
    el = draw(elections(kind=kind, max_voters=12, decimals=True))
    factor = draw(st.sampled_from(factors))
    projects = tuple(replace(p, cost=p.cost * factor) for p in el.instance.projects)
    return replace(
        el, instance=replace(el.instance, budget=el.instance.budget * factor, projects=projects)
    )


def scaled_mes_cases(factors: list[int]) -> st.SearchStrategy[tuple[str, Election]]:
    """(satisfaction, election) for every combination, the election scaled by one of ``factors``."""
    return st.sampled_from(MES_COMBINATIONS).flatmap(
        lambda c: st.tuples(st.just(c[0]), scaled_elections(c[1], factors))
    )
