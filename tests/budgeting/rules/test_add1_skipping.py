"""add1 with skipping (jumps and certified gallops) lands where every-increment add1 lands.

Scaling every cost and the budget by the same factor leaves plain MES unchanged but makes add1
take that many times more (smaller, relative) increments: the situation skipping is for.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.budgeting.rules import BallotKind, Election
from alongside.budgeting.rules.mes import MesEngine, MesRun, mes_add1
from alongside.budgeting.rules.prepare import Satisfaction, prepare
from alongside.budgeting.rules.tiebreak import tie_break_ranks
from tests.budgeting.rules.helpers import elections
from tests.hypothesis_profiles import examples

COMBINATIONS = [
    ("cost", BallotKind.APPROVAL),
    ("cardinality", BallotKind.APPROVAL),
    ("cost-points", BallotKind.CUMULATIVE),
    ("borda", BallotKind.ORDINAL),
]


@st.composite
def scaled_elections(draw: st.DrawFn, kind: BallotKind) -> Election:
    el = draw(elections(kind=kind, max_voters=12, decimals=True))
    factor = draw(st.sampled_from([1, 25, 97, 250, 600]))
    projects = tuple(replace(p, cost=p.cost * factor) for p in el.instance.projects)
    return replace(
        el, instance=replace(el.instance, budget=el.instance.budget * factor, projects=projects)
    )


CASES = st.sampled_from(COMBINATIONS).flatmap(
    lambda c: st.tuples(st.just(c[0]), scaled_elections(c[1]))
)


# Every-increment add1 runs MES once per increment, on elections scaled to need many.
@given(CASES)
@settings(examples(0.8), suppress_health_check=[HealthCheck.too_slow])
def test_skipping_lands_where_every_increment_lands(case: tuple[str, Election]) -> None:
    # Given an election whose add1 completion takes many increments
    satisfaction, el = case
    prep = prepare(el, Satisfaction(satisfaction))
    ranks = tie_break_ranks(prep.ids, None)
    # When add1 skips, and when it computes every increment as pabutools does
    fast = mes_add1(prep, ranks)
    slow = mes_add1(prep, ranks, skip=False)
    # Then both stop at the same increment with the same run
    assert fast.increments == slow.increments
    assert fast.run.selected == slow.run.selected
    assert fast.run.rounds == slow.run.rounds


@given(CASES)
@settings(examples(0.6), suppress_health_check=[HealthCheck.too_slow])
def test_certificates_alone_land_where_every_increment_lands(case: tuple[str, Election]) -> None:
    # Given an election whose add1 completion takes many increments, and runs that never
    # prove a jump (so that every skip is a certified gallop)
    satisfaction, el = case
    prep = prepare(el, Satisfaction(satisfaction))
    ranks = tie_break_ranks(prep.ids, None)
    run = MesEngine.run

    def no_jump(
        self: MesEngine, beta: Fraction, *, increment: int = 0, trace: bool = False
    ) -> MesRun:
        return run(self, beta, trace=trace)

    # When add1 skips by certificates alone, and when it computes every increment
    with patch.object(MesEngine, "run", no_jump):
        fast = mes_add1(prep, ranks)
    slow = mes_add1(prep, ranks, skip=False)
    # Then both stop at the same increment with the same run
    assert fast.increments == slow.increments
    assert fast.run.rounds == slow.run.rounds
