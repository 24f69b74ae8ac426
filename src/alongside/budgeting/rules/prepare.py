"""Turn an election and a satisfaction measure into exact integer arrays for the rules.

Every satisfaction the engine knows is additive and of the form

    u(voter, project) = weight(voter, project) × scale(project)

with an integer weight per voter and project and an integer scale per project:

==============  ===============================================  =====================
satisfaction    weight                                           scale
==============  ===============================================  =====================
cost            1 if the ballot names the project                the project's cost
cardinality     1 if the ballot names the project                1
cost-points     the points given to the project                  the project's cost
borda           ballot length - position - 1 (ordinal ballots)   1
==============  ===============================================  =====================

This matches pabutools: ``Cost_Sat`` (``cost × [project in ballot]``), ``Cardinality_Sat``,
an ``AdditiveSatisfaction`` with ``points × cost``, and ``Additive_Borda_Sat``. Multiplying
every utility by the same positive number changes neither rule, so money is scaled to integers
(``money_scale``: costs with decimals are multiplied by the smallest power-free common
denominator) and fractional points are scaled the same way.

Voters whose weights are identical are merged into one *group* with a multiplicity: they get
identical treatment from both rules at every step, so the rules work on groups.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from itertools import chain

import numpy as np
import numpy.typing as npt

from alongside.budgeting.rules.model import BallotKind, Election, Number

IntArray = npt.NDArray[np.int64]


class Satisfaction(StrEnum):
    """How much a voter gains from a funded project (see the module docstring)."""

    COST = "cost"
    CARDINALITY = "cardinality"
    COST_POINTS = "cost-points"
    BORDA = "borda"


def default_satisfaction(kind: BallotKind, rule: str) -> Satisfaction:
    """``cost`` for approval, ``cost-points`` for points; for rankings Borda under greedy."""
    if kind.has_points:
        return Satisfaction.COST_POINTS
    if kind is BallotKind.ORDINAL and rule == "greedy":
        return Satisfaction.BORDA
    return Satisfaction.COST


def check_satisfaction(kind: BallotKind, satisfaction: Satisfaction) -> None:
    """Raise ``ValueError`` when a satisfaction makes no sense for the ballots."""
    if satisfaction is Satisfaction.COST_POINTS and not kind.has_points:
        raise ValueError(f"cost-points needs cumulative or scoring ballots, not {kind.value}")
    if satisfaction is Satisfaction.BORDA and kind is not BallotKind.ORDINAL:
        raise ValueError(f"borda needs ordinal ballots, not {kind.value}")


def _lcm_of_denominators(values: list[Number]) -> int:
    scale = 1
    for value in values:
        if isinstance(value, Fraction):
            scale = math.lcm(scale, value.denominator)
    return scale


@dataclass(frozen=True, slots=True)
class Prepared:
    """An election as the rules see it: exact integers, projects by index, voters in groups."""

    satisfaction: Satisfaction
    ids: tuple[str, ...]
    """Project ids in instance order; project ``i`` below is ``ids[i]``."""
    money_scale: int
    """Costs and budget below are the real amounts times this (1 unless there are decimals)."""
    point_scale: int
    """Points are multiplied by this to make them whole (cost-points only; else 1)."""
    budget: int
    costs: tuple[int, ...]
    util_scale: tuple[int, ...]
    """The project factor of the utility: the scaled cost, or 1."""
    n_voters: int
    """All ballots, including empty ones: each voter's equal share is budget / n_voters."""
    mult: IntArray
    """Voters in each group."""
    sup_ptr: IntArray
    """Project ``p``'s supporters (positive weight): ``sup_grp[sup_ptr[p]:sup_ptr[p+1]]``."""
    sup_grp: IntArray
    sup_w: IntArray
    grp_ptr: IntArray
    """Group ``g`` supports projects ``grp_proj[grp_ptr[g]:grp_ptr[g+1]]``."""
    grp_proj: IntArray
    total_weight: tuple[int, ...]
    """Sum over voters of the weight for each project (negative scores included)."""
    votes: tuple[int, ...]
    """Ballots naming each project."""
    points: tuple[Number, ...] | None
    """Total points per project (cumulative and scoring ballots)."""
    overflow_safe: bool
    """Whether every sum of multiplicity × weight fits comfortably in a signed 64-bit integer."""

    @property
    def n_projects(self) -> int:
        return len(self.ids)

    def supporters(self, project: int) -> tuple[IntArray, IntArray]:
        lo, hi = int(self.sup_ptr[project]), int(self.sup_ptr[project + 1])
        return self.sup_grp[lo:hi], self.sup_w[lo:hi]

    def weights_of(
        self, projects: tuple[str, ...], points: tuple[Number, ...] | None
    ) -> dict[int, int]:
        """A ballot's weights by project index (zero weights left out)."""
        index = {pid: i for i, pid in enumerate(self.ids)}
        named = np.array([len(projects)], dtype=np.int64)
        weights = _entry_weights([(projects, points)], named, self.satisfaction, self.point_scale)
        # A project named twice keeps its last non-zero weight, as prepare() does.
        return {index[p]: int(w) for p, w in zip(projects, weights.tolist(), strict=True) if w}

    def total_utility(self, project: int) -> int:
        """Sum of all voters' satisfaction from the project, in scaled units."""
        return self.total_weight[project] * self.util_scale[project]


def _entry_weights(
    distinct: list[tuple[tuple[str, ...], tuple[Number, ...] | None]],
    named: IntArray,
    satisfaction: Satisfaction,
    point_scale: int,
) -> IntArray:
    """The weight each entry (a project a ballot names) gives; 0 means none. The one place
    the table in the module docstring is written down."""
    n_entries = int(named.sum())
    if satisfaction is Satisfaction.COST_POINTS:
        values = chain.from_iterable(points or () for _, points in distinct)
        return np.fromiter((int(v * point_scale) for v in values), dtype=np.int64, count=n_entries)
    if satisfaction is Satisfaction.BORDA:
        position = np.arange(n_entries, dtype=np.int64) - np.repeat(np.cumsum(named) - named, named)
        return np.repeat(named, named) - position - 1
    return np.ones(n_entries, dtype=np.int64)


def _one_per_pair(ballot: IntArray, project: IntArray, *, last: bool) -> IntArray:
    """Positions of one entry per (ballot, project) pair, the first or the last a ballot
    gives, sorted by ballot then project."""
    order = np.lexsort((np.arange(len(ballot)), project, ballot))
    b, p = ballot[order], project[order]
    edge = np.ones(len(order), dtype=bool)
    differs = (b[1:] != b[:-1]) | (p[1:] != p[:-1])
    if last:
        edge[:-1] = differs
    else:
        edge[1:] = differs
    return order[edge]


def point_scale_of(election: Election) -> int:
    """The common denominator of all points (1 when every point is whole)."""
    if not election.profile.kind.has_points:
        return 1
    scale = 1
    for ballot in election.profile.ballots:
        for value in ballot.points or ():
            if isinstance(value, Fraction):
                scale = math.lcm(scale, value.denominator)
    return scale


def prepare(election: Election, satisfaction: Satisfaction) -> Prepared:
    """Build the integer arrays for ``satisfaction`` (see :func:`check_satisfaction`)."""
    instance, profile = election.instance, election.profile
    check_satisfaction(profile.kind, satisfaction)
    ids = tuple(p.id for p in instance.projects)
    index = {pid: i for i, pid in enumerate(ids)}
    n_projects = len(ids)

    money_scale = _lcm_of_denominators([instance.budget, *(p.cost for p in instance.projects)])
    budget = int(instance.budget * money_scale)
    costs = tuple(int(p.cost * money_scale) for p in instance.projects)
    if satisfaction in (Satisfaction.COST, Satisfaction.COST_POINTS):
        util_scale = costs
    else:
        util_scale = (1,) * n_projects
    point_scale = point_scale_of(election) if satisfaction is Satisfaction.COST_POINTS else 1

    # Count identical ballots first (a C-speed pass), then handle the distinct ones as flat
    # arrays with one entry per project a ballot names.
    raw = Counter((b.projects, b.points) for b in profile.ballots)
    distinct = list(raw)
    count = np.fromiter(raw.values(), dtype=np.int64, count=len(distinct))
    named = np.fromiter((len(p) for p, _ in distinct), dtype=np.int64, count=len(distinct))
    n_entries = int(named.sum())
    ent_ballot = np.repeat(np.arange(len(distinct), dtype=np.int64), named)
    ent_proj = np.fromiter(
        map(index.__getitem__, chain.from_iterable(p for p, _ in distinct)),
        dtype=np.int64,
        count=n_entries,
    )
    ent_w = _entry_weights(distinct, named, satisfaction, point_scale)

    once = _one_per_pair(ent_ballot, ent_proj, last=False)
    votes = np.zeros(n_projects, dtype=np.int64)
    np.add.at(votes, ent_proj[once], count[ent_ballot[once]])
    points_total: list[Number] | None = None
    if profile.kind.has_points:
        points_total = [0] * n_projects
        for (projects, points), n in raw.items():
            for pid, value in zip(projects, points or (), strict=True):
                points_total[index[pid]] += value * n

    # A ballot's weight for a project is the last non-zero one it gives (as a dict keeps it).
    nonzero = np.flatnonzero(ent_w)
    kept = nonzero[_one_per_pair(ent_ballot[nonzero], ent_proj[nonzero], last=True)]
    k_ballot, k_proj, k_w = ent_ballot[kept], ent_proj[kept], ent_w[kept]
    max_abs_w = int(np.abs(k_w).max(initial=0))
    exact_type = np.int64 if max_abs_w * len(profile.ballots) < 2**62 else object
    total_weight = np.zeros(n_projects, dtype=exact_type)
    np.add.at(total_weight, k_proj, k_w.astype(exact_type) * count[k_ballot].astype(exact_type))

    # Ballots with the same positive weights form a group. Each ballot's (project, weight)
    # pairs, sorted, as big-endian bytes: equal bytes are equal ballots, and bytes sort as the
    # pairs do, so groups come out in the same order whatever order the ballots came in.
    positive = k_w > 0
    p_ballot = k_ballot[positive]
    pairs = np.empty(2 * len(p_ballot), dtype=">i8")
    pairs[0::2] = k_proj[positive]
    pairs[1::2] = k_w[positive]
    buf = pairs.tobytes()
    ends = np.cumsum(np.bincount(p_ballot, minlength=len(distinct))) * 16
    starts = np.concatenate(([0], ends[:-1])) if len(ends) else ends
    by_key: Counter[bytes] = Counter()
    for lo, hi, n in zip(starts.tolist(), ends.tolist(), count.tolist(), strict=True):
        if hi > lo:
            by_key[buf[lo:hi]] += n
    keys = sorted(by_key)
    mult = np.fromiter((by_key[key] for key in keys), dtype=np.int64, count=len(keys))
    lengths = np.fromiter((len(key) // 16 for key in keys), dtype=np.int64, count=len(keys))
    grp_ptr = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=grp_ptr[1:])
    nnz = int(grp_ptr[-1])
    flat = np.frombuffer(b"".join(keys), dtype=">i8").astype(np.int64)
    grp_proj = flat[0::2]
    grp_w = flat[1::2]
    grp_of_entry = np.repeat(np.arange(len(keys), dtype=np.int64), lengths)

    # Supporters in MES need a positive utility: positive weight and positive scale.
    positive = np.array([s > 0 for s in util_scale], dtype=bool)
    keep = positive[grp_proj] if nnz else np.zeros(0, dtype=bool)
    if keep.all():
        ent_proj, ent_grp, ent_w = grp_proj, grp_of_entry, grp_w
    else:
        ent_proj, ent_grp, ent_w = grp_proj[keep], grp_of_entry[keep], grp_w[keep]
    order = np.lexsort((ent_grp, ent_proj))
    sup_grp = ent_grp[order]
    sup_w = ent_w[order]
    counts = np.bincount(ent_proj, minlength=n_projects).astype(np.int64)
    sup_ptr = np.zeros(n_projects + 1, dtype=np.int64)
    np.cumsum(counts, out=sup_ptr[1:])
    # Group -> projects, restricted to the same supporting entries.
    rorder = np.lexsort((ent_proj, ent_grp))
    r_proj = ent_proj[rorder]
    gcounts = np.bincount(ent_grp, minlength=len(keys)).astype(np.int64)
    r_ptr = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(gcounts, out=r_ptr[1:])

    max_w = int(grp_w.max()) if nnz else 0
    overflow_safe = profile_bound_ok(len(profile.ballots), max_w, int(lengths.max()) if nnz else 0)
    return Prepared(
        satisfaction=satisfaction,
        ids=ids,
        money_scale=money_scale,
        point_scale=point_scale,
        budget=budget,
        costs=costs,
        util_scale=tuple(util_scale),
        n_voters=len(profile.ballots),
        mult=mult,
        sup_ptr=sup_ptr,
        sup_grp=sup_grp,
        sup_w=sup_w,
        grp_ptr=r_ptr,
        grp_proj=r_proj,
        total_weight=tuple(int(x) for x in total_weight.tolist()),
        votes=tuple(votes.tolist()),
        points=tuple(points_total) if points_total is not None else None,
        overflow_safe=overflow_safe,
    )


def profile_bound_ok(n_voters: int, max_weight: int, max_len: int) -> bool:
    """True when n_voters × max_weight × (ballot length + 1) stays below 2**62."""
    return n_voters * max(max_weight, 1) * (max_len + 1) < 2**62
