"""``prepare`` builds its arrays for all ballots at once; they must say what each ballot says.

The reference here is the per-ballot definition (:meth:`Prepared.weights_of`, the one the
explanations use): the groups, their sizes, the supporters of each project, the totals.
Ballots may name a project twice (the model allows it; a dict keeps the last non-zero weight)
and scoring ballots may give negative points.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from fractions import Fraction
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.budgeting.rules import Ballot, BallotKind, Election, Instance, Profile, Project
from alongside.budgeting.rules.prepare import Prepared, Satisfaction, prepare
from tests.budgeting.rules.helpers import digits
from tests.hypothesis_profiles import examples

IDS = ["p1", "p2", "p10", "a", "B"]
SATISFACTIONS = {
    BallotKind.APPROVAL: [Satisfaction.COST, Satisfaction.CARDINALITY],
    BallotKind.CUMULATIVE: [Satisfaction.COST, Satisfaction.COST_POINTS],
    BallotKind.SCORING: [Satisfaction.COST_POINTS],
    BallotKind.ORDINAL: [Satisfaction.COST, Satisfaction.BORDA],
}


@st.composite
def cases(draw: st.DrawFn) -> tuple[Election, Satisfaction]:
    kind = draw(st.sampled_from(list(SATISFACTIONS)))
    satisfaction = draw(st.sampled_from(SATISFACTIONS[kind]))
    # Rows of choices in one draw each (helpers.digits: a draw costs more than prepare does).
    cost_pool = [0, 3, 5, Fraction(7, 2)]
    costs = [cost_pool[d] for d in digits(draw, len(cost_pool), len(IDS))]
    projects = tuple(Project(pid, cost) for pid, cost in zip(IDS, costs, strict=True))
    low = -2 if kind is BallotKind.SCORING else 0
    points: list[int | Fraction] = [*range(low, 4), Fraction(1, 2), Fraction(5, 3)]
    ballots = []
    for v in range(draw(st.integers(0, 12))):
        length = draw(st.integers(0, 7))
        named = tuple(IDS[d] for d in digits(draw, len(IDS), length))  # repeats allowed
        values = (
            tuple(points[d] for d in digits(draw, len(points), length)) if kind.has_points else None
        )
        ballots.append(Ballot(f"v{v}", named, values))
    election = Election(Instance(10, projects), Profile(kind, tuple(ballots)))
    return election, satisfaction


def groups_of(prep: Prepared) -> Counter[tuple[tuple[int, int], ...]]:
    out: Counter[tuple[tuple[int, int], ...]] = Counter()
    for g, n in enumerate(prep.mult.tolist()):
        lo, hi = int(prep.grp_ptr[g]), int(prep.grp_ptr[g + 1])
        key = tuple(
            (int(p), int(prep.sup_w[_position(prep, int(p), g)]))
            for p in prep.grp_proj[lo:hi].tolist()
        )
        if key:  # a group naming only projects nobody gets utility from supports nothing
            out[key] += n
    return out


def _position(prep: Prepared, project: int, group: int) -> int:
    lo, hi = int(prep.sup_ptr[project]), int(prep.sup_ptr[project + 1])
    found = [lo + i for i, g in enumerate(prep.sup_grp[lo:hi].tolist()) if g == group]
    assert len(found) == 1, "a group supports a project once"
    return found[0]


# prepare() and the per-ballot reference, on up to 12 ballots, per example.
@settings(examples(0.8))
@given(cases())
def test_arrays_say_what_each_ballot_says(case: tuple[Election, Satisfaction]) -> None:
    election, satisfaction = case
    prep = prepare(election, satisfaction)
    index = {pid: i for i, pid in enumerate(prep.ids)}
    want_groups: Counter[tuple[tuple[int, int], ...]] = Counter()
    total = [0] * len(IDS)
    votes = [0] * len(IDS)
    for ballot in election.profile.ballots:
        weights = prep.weights_of(ballot.projects, ballot.points)
        # Only positive utilities make a supporter: a free project has none under cost.
        positive = tuple(
            sorted((p, w) for p, w in weights.items() if w > 0 and prep.util_scale[p] > 0)
        )
        if positive:
            want_groups[positive] += 1
        for p, w in weights.items():
            total[p] += w
        for pid in set(ballot.projects):
            votes[index[pid]] += 1
    assert groups_of(prep) == want_groups
    assert list(prep.total_weight) == total
    assert list(prep.votes) == votes
    assert prep.n_voters == len(election.profile.ballots)
    for p in range(len(IDS)):
        supporters = prep.sup_grp[int(prep.sup_ptr[p]) : int(prep.sup_ptr[p + 1])].tolist()
        assert supporters == sorted(set(supporters))


# Two prepare() runs per example.
@settings(examples(0.4))
@given(cases(), st.randoms(use_true_random=False))
def test_ballot_order_does_not_change_the_arrays(
    case: tuple[Election, Satisfaction], random: Random
) -> None:
    election, satisfaction = case
    ballots = list(election.profile.ballots)
    random.shuffle(ballots)
    shuffled = replace(election, profile=replace(election.profile, ballots=tuple(ballots)))
    one, other = prepare(election, satisfaction), prepare(shuffled, satisfaction)
    for name in ("mult", "sup_ptr", "sup_grp", "sup_w", "grp_ptr", "grp_proj"):
        assert getattr(one, name).tolist() == getattr(other, name).tolist(), name


def test_weights_too_large_for_64_bits_are_summed_exactly() -> None:
    big = 2**61
    ballots = tuple(Ballot(f"v{v}", ("a",), (big,)) for v in range(8))
    election = Election(Instance(10, (Project("a", 1),)), Profile(BallotKind.CUMULATIVE, ballots))
    prep = prepare(election, Satisfaction.COST_POINTS)
    assert prep.total_weight == (8 * big,)
    assert not prep.overflow_safe
