"""add1 with skipping (jumps and certified gallops) lands where every-increment add1 lands.

Scaling every cost and the budget by the same factor leaves plain MES unchanged but makes add1
take that many times more (smaller, relative) increments: the situation skipping is for.
"""

from __future__ import annotations

from fractions import Fraction
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings

from alongside.budgeting.rules import Election
from alongside.budgeting.rules.mes import MesEngine, MesRun, mes_add1
from alongside.budgeting.rules.prepare import Satisfaction, prepare
from alongside.budgeting.rules.tiebreak import tie_break_ranks
from tests.budgeting.rules.helpers import scaled_mes_cases
from tests.hypothesis_profiles import examples

CASES = scaled_mes_cases([1, 25, 97, 250, 600])


# Every-increment add1 runs MES once per increment, on elections scaled to need many: the
# reference is computed once an example and both skipping paths are held to it (two tests
# each computing it cost nearly twice as much for the same evidence).
@given(CASES)
@settings(examples(0.8), suppress_health_check=[HealthCheck.too_slow])
def test_skipping_lands_where_every_increment_lands(case: tuple[str, Election]) -> None:
    # Given an election whose add1 completion takes many increments
    satisfaction, el = case
    prep = prepare(el, Satisfaction(satisfaction))
    ranks = tie_break_ranks(prep.ids, None)
    # When add1 computes every increment as pabutools does
    slow = mes_add1(prep, ranks, skip=False)
    # Then add1 with skipping (jumps and certified gallops) stops at the same increment with
    # the same run
    fast = mes_add1(prep, ranks)
    assert fast.increments == slow.increments
    assert fast.run.selected == slow.run.selected
    assert fast.run.rounds == slow.run.rounds
    # And so does add1 with runs that never prove a jump, so that every skip is a certified
    # gallop: the certificates alone land there too
    run = MesEngine.run

    def no_jump(
        self: MesEngine, beta: Fraction, *, increment: int = 0, trace: bool = False
    ) -> MesRun:
        return run(self, beta, trace=trace)

    with patch.object(MesEngine, "run", no_jump):
        gallops = mes_add1(prep, ranks)
    assert gallops.increments == slow.increments
    assert gallops.run.rounds == slow.run.rounds
