"""The Method of Equal Shares, exactly as pabutools 1.2.3 computes it, and fast.

Definition (pabutools' ``method_of_equal_shares``, resolute, lexicographic tie-breaking):

* Every voter starts with an equal share ``beta`` of the budget (budget / number of ballots).
* A project ``p`` with cost ``c`` is *affordable* when its supporters (voters with positive
  satisfaction ``u(i, p)``) hold at least ``c`` between them. Its price ``rho`` is the least
  number such that ``sum_i min(budget_i, rho * u(i, p)) >= c``: supporters who can pay
  ``rho * u`` do, the others pay all they have left.
* Each round funds the affordable project with the least ``rho`` (ties: tie-breaking order),
  and charges its supporters ``min(budget_i, rho * u(i, p))``. Stop when none is affordable.
* Free projects with supporters are funded first; free projects without supporters never are.

Exactness. Every decision above compares exact rationals. To be fast the engine keeps a float
copy of each budget with a proven error bound, uses it to *propose* (which voters are poor, which
project looks cheapest), and proves each proposal exactly: prices are exact ``Fraction``\\ s built
from integer sums, and any float comparison closer than its error bound is redone exactly. The
float copy never decides anything.

Budgets are kept in a form that makes exact work cheap: a voter who has never run out of money
holds ``beta - sum_s w(i, s) * tau_s`` where ``tau_s`` is the price per unit of weight paid for
the ``s``-th funded project (``rho * scale``, see :mod:`.prepare`); a voter who ran out holds 0.
So an exact sum over any set of voters needs one integer matrix product and one dot product with
the ``tau``\\ s.

Completion by ``add1`` (``voter_budget_increment=1``): run MES with ``beta``, ``beta + 1``,
``beta + 2``, ... (one currency unit at a time) and stop at the first outcome that is exhaustive
among the candidate projects (returned) or over budget (the previous outcome is returned).
The outcome is a piecewise-constant function of ``beta``: every quantity in a run is affine in
``beta`` as long as the run's decisions stay the same, and each decision is a sign condition on
an affine function. A run therefore also returns how many further increments provably give the
same run (``MesRun.jump``), computed conservatively; the loop skips those and lands on exactly
the increment where pabutools' loop would stop.

With many voter groups some group's split changes at nearly every increment, so jumps are often
0. The loop then gallops on a second, coarser proof that only needs the *winners* to stay the
same (:meth:`MesEngine.certify`). Fix a sequence of winners ``w_1, w_2, ...`` and follow it from
any ``beta``. Along it every voter's budget before each round is non-decreasing in ``beta``
(induction over rounds: ``p``'s price, the least ``rho`` with ``sum_i min(b_i, rho u_i) >= c``,
is non-increasing in every ``b_i``; a supporter keeps ``max(0, b_i - rho u_i)``, non-decreasing
in ``b_i`` and non-increasing in ``rho``; the others keep ``b_i``). So more money keeps every
project at least as affordable and at most as expensive. Let ``beta1 < beta2``, the run at
``beta1`` fund ``w_1, w_2, ...`` at prices ``rho_1, rho_2, ...``, and the run at ``beta2``,
following the same winners, find at each round ``r`` every other project unaffordable or
priced above ``rho_r`` (or at ``rho_r`` but after ``w_r`` in tie-breaking order), and nothing
affordable at the end. Then every ``beta`` in between funds exactly the same projects in the
same order: by induction, at round ``r`` ``w_r`` costs at most ``rho_r`` and any rival
affordable at ``beta`` is affordable at ``beta2`` and costs at least its price there; and
nothing affordable at ``beta2`` at the end means nothing affordable at ``beta``. The same
outcome means the same stop decision, so the loop skips the whole interval.

Only the *set* decides whether add1 stops, and most changes of outcome between increments are
two projects (or a few) trading places, which leave the set as it is. So a certificate may let
a block of consecutive rounds fund its projects in another order (:func:`.mes_certify.block`,
which proves it): when the projects of a block share only supporters who pay each of them in
full (or have nothing left), each one's price is the same whatever the others did first, the
block ends in the same state in any order, and that state still grows with ``beta``. add1
searches for the next increment whose set may differ by certificates alone, doubling the stride
after a success and halving it after a failure (and, after a failure, waiting for more
successes before doubling again: where the outcome changes every few increments a failed
certificate costs most of a run for nothing), and the failed certificate of the last increment
goes on as that increment's run (its proven rounds are that run's first rounds).

Frozen opening rounds. The jump bounds of add1's first run hold round by round: the least bound
over the first ``r`` rounds proves those rounds fund the same projects with the same splits for
that many increments (:meth:`.mes_engine.MesEngine.freeze`). With fine-grained money the later
rounds change at nearly every increment while the opening ones, whose supporters can all pay in
full, change rarely or never; every later run and certificate pays them at their (affine)
prices without pricing any rival, or, when every supporter paid in full at a fixed price, loads
the state after them in one step (:class:`.mes_data._Snapshot`).

Rivals and the search. Within a run budgets only fall, so prices only rise, and a lower bound on
a project's price holds for the rest of the run. The search takes projects by their lower
bounds and stops at the first one above the best price found; a rival proven unable to pay at
the best price gets a bound well above it from the concavity of what its supporters pay
(:meth:`.mes_run._Run.raise_bound`), so it is rarely looked at again.

Layout: :mod:`.mes_data` (records and margins), :mod:`.mes_engine` (what every run reads),
:mod:`.mes_run` (one run), :mod:`.mes_bounds` (jumps), :mod:`.mes_certify` (certificates), and
here ``mes`` and ``mes_add1``.

Exact-only mode (``MesEngine(..., exact=True)``) proposes nothing in floating point: prices are
found by exact water-filling on integer numerators over one common denominator, projects are
ordered by exact lower bounds on their prices, and runs prove no jumps (their bounds are
floating-point ones), so add1 skips by certificates only. It must select exactly what the fast
engine selects, which the tests check on generated elections and small real files and
``make bench`` on every file.

Floating-point error bounds. ``u = 2**-53`` is float64's unit roundoff: every correctly rounded
operation returns ``(x op y)(1 + d)`` with ``|d| <= u`` (results in the normal range; any
underflow adds less than ``2**-1074`` per operation, covered by ``_TINY = 1e-290``).
``_U = 2.3e-16`` is just over ``2u``. ``float()`` of a ``Fraction`` or an ``int`` is
correctly rounded.

* Budgets. A voter's float budget starts at ``fl(beta)``, within ``u·beta``. A rich payer's
  is updated ``b' = fl(b - fl(w · fl(tau)))``: with ``e`` the error before, the exact update
  ``b - w·tau`` is off by at most ``e + w·tau·(2u + u²) + u·|b'|``, and ``w·tau <= b <= beta``,
  ``|b'| <= beta + e``, so ``e' <= e(1 + u) + 3u·beta(1 + u)``. After ``t`` rounds
  ``e_t <= ((3t + 1)u·beta)(1 + u)^t``, which ``err_b() = (3t + 4)·_U·beta`` exceeds while
  ``t·u < 1/2`` (it is about twice as large). A voter who paid all they had is 0 exactly in
  both; one who paid exactly all while rich is within ``e_t`` of 0.
* Sums. Any summation order of ``n`` products ``m_i·x_i`` (numpy's dot is blocked and may use
  FMA) is off by at most ``gamma_(n+1)·sum |m_i·x_i|`` with ``gamma_k = k·u/(1 - k·u)``; for
  non-negative terms that is at most ``(n + 2)·_U·total`` for the computed ``total`` (while
  ``n·u < 1/2``). With the budgets' own errors, a supporters' total is within
  ``err_total = sum_i m_i·err_b() + (n + 2)·_U·total + _TINY`` of its exact value (the
  first sum may run over the live supporters only, who alone have an error; the code takes
  all, a bound at least as large):
  ``total_f + err_total < cost`` proves unaffordable, ``total_f - err_total >= cost`` proves
  affordable, anything in between is decided exactly.
* Splits. ``h = fl(b - fl(tau·w))`` is within ``err_b() + 2·_U·(tau·w + |b|) + _TINY`` of
  ``b - tau·w`` (one product, one difference, the budget's error); a voter is proven poor when
  ``h`` is below minus that margin, rich when above it, and the exact budget is computed
  otherwise (:meth:`.mes_run._Run.verify_split`). The proposed split only chooses what to prove: the
  price is computed exactly from it.
* Price bounds without pricing. ``F(t) = sum_i m_i·min(b_i, t·w_i)`` is what the supporters
  pay at ``t`` per unit of weight; the price is above ``t`` when ``F(t) < cost``. Computed in
  floats, ``min`` is off by at most the larger error of its arguments, so the sum is within
  ``sum_i m_i·err_b() + (n + 2)·_U·(F + t·W) + _TINY`` with ``W = sum m_i·w_i``; ``t`` is
  taken as ``best·scale·(1 + 4·_U)``, at least the exact ``best·scale`` after its three
  roundings. The lower bound ``(cost - poor total - error) / rich weight`` on the price, and
  the jump bounds, carry their margins the same way (each subtraction or division adds at most
  ``u`` relative, ``(1 - 8·_U)`` covers the chain).

Each comparison whose float difference is within its bound is redone in rationals, and the
exact price of every project that can win is a ``Fraction``: floating point chooses what to
prove and what to skip, and never decides alone what it cannot prove.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from alongside.budgeting.rules.mes_data import NEVER, MesRound, MesRun, _Priced
from alongside.budgeting.rules.mes_engine import MesEngine
from alongside.budgeting.rules.mes_run import _Run
from alongside.budgeting.rules.prepare import Prepared

__all__ = [
    "NEVER",
    "Add1Result",
    "MesEngine",
    "MesRound",
    "MesRun",
    "_Priced",
    "_Run",
    "mes",
    "mes_add1",
]

_PATIENCE = 4
"""The most successes add1 waits for before trying a longer stride again."""


@dataclass(slots=True)
class Add1Result:
    run: MesRun
    """The MES run whose outcome is returned (traced when asked)."""
    increments: int
    """How many currency units were added to each voter's share."""
    runs: int
    """MES runs computed to find it, certificates included (pabutools computes
    ``increments + 1`` or ``+ 2``)."""


def mes(
    prep: Prepared, ranks: Sequence[int], *, trace: bool = False, exact: bool = False
) -> MesRun:
    """Plain MES: each voter starts with budget / number of ballots."""
    engine = MesEngine(prep, ranks, exact=exact)
    if prep.n_voters == 0:
        return MesRun(Fraction(0), [], [])
    return engine.run(Fraction(prep.budget, prep.n_voters), trace=trace)


def mes_add1(
    prep: Prepared,
    ranks: Sequence[int],
    *,
    trace: bool = False,
    skip: bool = True,
    stop_when_exhaustive: bool = True,
    exact: bool = False,
) -> Add1Result:
    """MES completed by ``add1`` (pabutools' ``voter_budget_increment=1``).

    With ``skip=False`` every increment is computed, as pabutools does (for tests). With
    ``stop_when_exhaustive=False`` an exhaustive outcome does not stop the raising, only an
    outcome over budget does (equalshares.net's Add1 without its "exhaustive" option), or one
    that funds every candidate, which more money cannot change. With ``exact`` no
    floating-point number is used to propose anything (see :class:`MesEngine`).
    """
    engine = MesEngine(prep, ranks, exact=exact)
    if prep.n_voters == 0:
        return Add1Result(MesRun(Fraction(0), [], []), 0, 0)
    increment = prep.money_scale  # one currency unit
    beta0 = Fraction(prep.budget, prep.n_voters)
    costs = prep.costs
    candidates = engine.candidates

    def stops(run: MesRun) -> str:
        """Whether add1 stops at this run: "over" (over budget), "done" (no more to do) or ""
        (go on); the run's set alone decides."""
        chosen = run.selected
        spent = sum(costs[p] for p in chosen)
        if spent > prep.budget:
            return "over"
        in_outcome = set(chosen)
        if stop_when_exhaustive:
            exhaustive = all(p in in_outcome or spent + costs[p] > prep.budget for p in candidates)
        else:
            exhaustive = in_outcome.issuperset(candidates)
        return "done" if exhaustive else ""

    k = 0
    hold, patience = 0, 1  # successes to wait before doubling the stride (see below)
    run = engine.run(beta0, increment=increment if skip else 0)
    runs = 1
    if skip and not exact:
        # Later runs (all at larger budgets) replay the opening rounds this one proves fixed.
        engine.freeze(run, increment)
    stride = 2
    while True:
        verdict = stops(run)
        if verdict:
            last_ok: int | None = k if verdict == "done" else k - 1
            break
        # Every increment up to ``last_ok`` funds the set ``run`` funds (so goes on too).
        last_ok = k + run.jump
        if run.jump >= NEVER:  # pragma: no cover - cannot happen (see module docstring)
            raise RuntimeError("add1 did not terminate")
        if not skip:
            k, run = k + 1, engine.run(beta0 + (k + 1) * increment)
            runs += 1
            continue
        # Search for the next increment whose set may differ: certificates from the last
        # proven run, doubling the stride after a success, halving it after a failure; the
        # first increment after the last proven one is then run (the failed certificate
        # going on as a plain run).
        bar = run
        start = last_ok
        while True:
            probe, whole = engine.certify(
                beta0 + (last_ok + stride) * increment, bar, or_run=stride == 1
            )
            runs += 1
            if whole:
                assert probe is not None
                last_ok += stride
                bar = probe
                if stride > 1:
                    patience = max(1, patience // 2)
                if hold:
                    hold -= 1
                else:
                    stride *= 2
            elif stride == 1:
                break
            else:
                # A failed certificate costs most of a run and proves nothing: where the
                # outcome changes every few increments, wait for more successes before trying
                # a longer stride again (backing off further after each failure).
                stride //= 2
                hold = patience
                patience = min(_PATIENCE, 2 * patience)
        assert probe is not None
        k, run = last_ok + 1, probe
        # The next search starts from about half this one's reach.
        stride = max(1, (last_ok - start) // 2)
    if last_ok is None or last_ok < 0:
        # The very first run was over budget: impossible with exact arithmetic, but mirror
        # pabutools (which would return the empty initial allocation).
        return Add1Result(MesRun(beta0, list(engine.free), []), 0, runs)
    final = engine.run(beta0 + last_ok * increment, trace=trace)
    return Add1Result(final, last_ok, runs + 1)
