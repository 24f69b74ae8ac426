"""Every float lower bound on a price that the engine keeps is a lower bound.

The bounds (``_Run.lb_f``) only order the search and let it skip rivals: one above a project's
real price could skip the winner and change the outcome. They come from several places (the
price with unlimited budgets, a water-filling split, the concavity of what supporters pay in
:meth:`_Run.raise_bound`); this checks all of them against exact prices before every payment,
in plain runs, certificates and replayed runs, on elections whose add1 takes many increments.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings

from alongside.budgeting.rules import Election
from alongside.budgeting.rules.mes import MesRound, _Priced, _Run, mes_add1
from alongside.budgeting.rules.prepare import Satisfaction, prepare
from alongside.budgeting.rules.tiebreak import tie_break_ranks
from tests.budgeting.rules.helpers import scaled_mes_cases
from tests.hypothesis_profiles import examples

CASES = scaled_mes_cases([1, 40, 300])


@contextmanager
def bounds_checked() -> Iterator[list[int]]:
    """Check every active project's lower bound against its exact price before each payment
    (and count the bounds checked)."""
    pay = _Run.pay
    checked = [0]

    def checking(self: _Run, p: int, priced: _Priced) -> MesRound:
        for q in self.active.nonzero()[0].tolist():
            s = self.e.sup[q]
            if self.exact_total(s.idx, s.m) < s.cost:
                continue  # unaffordable: any bound is right
            _, tau = self.exact_split(s, s.idx, s.w, s.m)
            assert self.lb_f[q] <= tau / s.scale, (q, self.lb_f[q], tau / s.scale)
            checked[0] += 1
        return pay(self, p, priced)

    with patch.object(_Run, "pay", checking):
        yield checked


@given(CASES)
@settings(examples(0.5), suppress_health_check=[HealthCheck.too_slow])
def test_lower_bounds_never_exceed_prices(case: tuple[str, Election]) -> None:
    # Given an election whose add1 takes many increments
    satisfaction, el = case
    prep = prepare(el, Satisfaction(satisfaction))
    ranks = tie_break_ranks(prep.ids, None)
    # When add1 runs (runs, certificates, replayed opening rounds), checked before each payment
    with bounds_checked():
        # Then no project's lower bound is above its exact price (checked inside)
        mes_add1(prep, ranks)
