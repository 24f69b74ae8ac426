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
a block of consecutive rounds fund its projects in another order (:meth:`_Run.block`, which
proves it): when the projects of a block share only supporters who pay each of them in full
(or have nothing left), each one's price is the same whatever the others did first, the block
ends in the same state in any order, and that state still grows with ``beta``. add1 searches
for the next increment whose set may differ by certificates alone, doubling the stride after a
success and halving it after a failure, and the failed certificate of the last increment goes
on as that increment's run (its proven rounds are that run's first rounds).

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
  otherwise (:meth:`_Run.verify_split`). The proposed split only chooses what to prove: the
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

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from operator import mul

import numpy as np
import numpy.typing as npt

from alongside.budgeting.rules.prepare import IntArray, Prepared

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
_Priced = tuple[Fraction, Fraction, BoolArray, BoolArray]

_U = 2.3e-16
"""Twice float64's unit roundoff: the unit of every error margin below."""
_TINY = 1e-290
_SAFETY = 1.0 - 1e-9
NEVER = 2**62
_ZERO = Fraction(0)
_PATIENCE = 4
"""The most successes add1 waits for before trying a longer stride again."""
"""A jump meaning "no decision of this run changes however far the budget grows"."""
_PRICED, _GONE, _WORSE = 0, 1, 2


def _down(x: float) -> float:
    """The float just below ``x`` (a proven lower bound of anything ``x`` rounds)."""
    return math.nextafter(x, -math.inf)


def _up(x: float) -> float:
    return math.nextafter(x, math.inf)


@dataclass(frozen=True, slots=True)
class MesRound:
    """One funded project."""

    project: int
    tau: Fraction
    """Price per unit of weight: a supporter who can afford it pays ``tau × weight``."""
    rho: Fraction
    """Price per unit of satisfaction (``tau / scale``), the number MES minimises."""
    supporters: int
    """Voters with positive satisfaction from the project."""
    payers: int
    """Supporters who paid something (the others had nothing left)."""
    exhausted: int
    """Payers who paid everything they had left (could not afford the full price)."""


@dataclass(slots=True)
class MesRun:
    """The outcome of MES for one per-voter budget ``beta`` (in scaled money)."""

    beta: Fraction
    free: list[int]
    """Free projects with supporters, funded first (in tie-breaking order)."""
    rounds: list[MesRound]
    jump: int = 0
    """Further budget increments that provably give this same run (``add1`` skips them)."""
    left: dict[int, Fraction] = field(default_factory=dict)
    """With ``trace``: for each candidate not funded, what its supporters had left at the end."""
    poor: list[IntArray] = field(default_factory=list, repr=False, compare=False)
    """For each round, the groups that paid all they had left (the certificates read it)."""

    @property
    def selected(self) -> list[int]:
        return [*self.free, *(r.project for r in self.rounds)]


class _Exact:
    """Exact sums over numbers of the form ``sum_j row_j * num_j / den`` (with ``row`` ints)."""

    __slots__ = ("den", "nums")

    def __init__(self) -> None:
        self.nums: list[int] = []
        self.den = 1

    def append(self, value: Fraction) -> None:
        den = math.lcm(self.den, value.denominator)
        if den != self.den:
            factor = den // self.den
            self.nums = [n * factor for n in self.nums]
            self.den = den
        self.nums.append(value.numerator * (den // value.denominator))

    def dot(self, row: Sequence[int]) -> int:
        """Numerator (over ``den``) of ``sum_j row_j * value_j``."""
        return sum(map(mul, row, self.nums))

    def copy(self) -> _Exact:
        out = _Exact()
        out.nums = list(self.nums)
        out.den = self.den
        return out


@dataclass(frozen=True, slots=True)
class _Supporters:
    """One project's supporters and the constants every evaluation of it reads: built once
    per engine, since add1 evaluates each project thousands of times and slicing the shared
    arrays again each time costs more than the arithmetic on a few hundred groups."""

    idx: IntArray
    """The supporting groups."""
    w: IntArray
    m: IntArray
    w_f: FloatArray
    m_f: FloatArray
    mw: IntArray | npt.NDArray[np.object_]
    """Multiplicity times weight (Python ints when int64 could overflow)."""
    cost: int
    scale: int
    unit: bool
    """Whether every supporter has weight 1 (cost and cardinality)."""
    voters: int
    """Supporters (voters, not groups)."""
    voters_f: float
    mw_f: float
    """Total supporter weight, as a float (an error term)."""
    mw_fa: FloatArray
    """Multiplicity times weight, as floats."""


@dataclass(frozen=True, slots=True)
class _Paid:
    """One round of a run that proved jumps, as :meth:`MesEngine.freeze` keeps it."""

    project: int
    tau: Fraction
    tau_slope: Fraction
    """d tau / d beta while the run's decisions stay the same."""
    poor: BoolArray
    """Which supporters paid all they had."""
    jump: int
    """The least jump bound proven by this round and all earlier ones."""


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """The state after the first ``count`` frozen rounds when every supporter paid each of
    them in full at a price that does not move with ``beta``: then each group has paid a
    fixed amount and holds ``beta`` less that, and a run loads it in a few array operations
    instead of paying round by round.

    The float budgets are ``fl(fl(beta) - fl(paid))``, within ``3u·beta`` of the exact ones
    (``paid <= beta`` for every voter with money), less than ``err_b()`` after ``count``
    rounds. A group paying exactly all it had would not count as a payer; that happens only
    at the budgets in ``critical`` (what some supporter had paid after a round), which
    replay round by round."""

    count: int
    projects: list[int]
    ws: IntArray | npt.NDArray[np.object_]
    """The payment rows' first ``count`` columns."""
    tau: _Exact
    paid_f: FloatArray
    """What each group has paid, correctly rounded."""
    rounds: list[MesRound]
    poor: list[IntArray]
    critical: frozenset[Fraction]


@dataclass(frozen=True, slots=True)
class _Frozen:
    beta: Fraction
    """The budget the rounds were proven at."""
    increment: int
    rounds: list[_Paid]
    """Each holds (with all before it) for its ``jump`` increments beyond ``beta``."""
    snapshot: _Snapshot | None


class MesEngine:
    """Runs MES on a prepared election for any per-voter budget; reusable across runs."""

    def __init__(self, prep: Prepared, ranks: Sequence[int], *, exact: bool = False) -> None:
        self.prep = prep
        self.ranks = list(ranks)
        self.exact = exact
        """Exact-only: no floating-point proposal; every number that decides is a rational."""
        n_groups = len(prep.mult)
        self.n_groups = n_groups
        self.mult = prep.mult
        self.mult_f = prep.mult.astype(np.float64)
        self.sup_m = prep.mult[prep.sup_grp]
        if prep.overflow_safe:
            self.sup_mw = self.sup_m * prep.sup_w
        else:
            self.sup_mw = self.sup_m.astype(object) * prep.sup_w.astype(object)
        self.sup_m_f = self.sup_m.astype(np.float64)
        self.sup_mw_f = [
            float(prep.sup_w[lo:hi].astype(np.float64) @ self.sup_m_f[lo:hi])
            for lo, hi in zip(prep.sup_ptr[:-1].tolist(), prep.sup_ptr[1:].tolist(), strict=True)
        ]
        """Each project's total supporter weight, as a float (an error term below)."""
        self.sup_m_total_f = [
            float(self.sup_m_f[lo:hi].sum())
            for lo, hi in zip(prep.sup_ptr[:-1].tolist(), prep.sup_ptr[1:].tolist(), strict=True)
        ]
        """Each project's supporters (voters, not groups), as a float."""
        self.unit_weights = [
            bool((prep.sup_w[lo:hi] == 1).all())
            for lo, hi in zip(prep.sup_ptr[:-1].tolist(), prep.sup_ptr[1:].tolist(), strict=True)
        ]
        """Whether every supporter of a project has weight 1 (cost and cardinality)."""
        self.sup_w_f = prep.sup_w.astype(np.float64)
        has_sup = np.diff(prep.sup_ptr) > 0
        self.candidates = [
            p for p in range(prep.n_projects) if prep.costs[p] > 0 and bool(has_sup[p])
        ]
        self.free = sorted(
            (p for p in range(prep.n_projects) if prep.costs[p] == 0 and bool(has_sup[p])),
            key=lambda p: self.ranks[p],
        )
        self.initial_rho: dict[int, Fraction] = {}
        for p in self.candidates:
            lo, hi = int(prep.sup_ptr[p]), int(prep.sup_ptr[p + 1])
            total_w = int(self.sup_mw[lo:hi].sum())
            self.initial_rho[p] = Fraction(prep.costs[p], total_w * prep.util_scale[p])
        self.dtype: type = np.int64 if prep.overflow_safe else object
        self.ws = np.zeros((n_groups, max(1, len(self.candidates))), dtype=self.dtype)
        self.ws_used = 0
        self._neighbours: dict[int, IntArray] = {}
        self.sup = [self._supporters(p) for p in range(prep.n_projects)]
        self.frozen: _Frozen | None = None
        """Opening rounds proven the same for every budget from some ``beta`` up (see
        :meth:`freeze`); runs at those budgets replay them instead of searching."""
        self.opening: list[_Paid] = []
        """The last run that proved jumps: each round, and the jump proven up to it."""

    def _supporters(self, p: int) -> _Supporters:
        prep = self.prep
        lo, hi = int(prep.sup_ptr[p]), int(prep.sup_ptr[p + 1])
        return _Supporters(
            idx=prep.sup_grp[lo:hi],
            w=prep.sup_w[lo:hi],
            m=self.sup_m[lo:hi],
            w_f=self.sup_w_f[lo:hi],
            m_f=self.sup_m_f[lo:hi],
            mw=self.sup_mw[lo:hi],
            cost=prep.costs[p],
            scale=prep.util_scale[p],
            unit=self.unit_weights[p],
            voters=int(self.sup_m[lo:hi].sum()),
            voters_f=self.sup_m_total_f[p],
            mw_f=self.sup_mw_f[p],
            mw_fa=self.sup_mw[lo:hi].astype(np.float64),
        )

    def neighbours(self, p: int) -> IntArray:
        """The projects sharing a supporter with ``p`` (``p`` included); computed once, as
        add1 runs MES many times with the same winners."""
        found = self._neighbours.get(p)
        if found is None:
            prep = self.prep
            lo, hi = int(prep.sup_ptr[p]), int(prep.sup_ptr[p + 1])
            groups = prep.sup_grp[lo:hi]
            starts = prep.grp_ptr[groups]
            lens = prep.grp_ptr[groups + 1] - starts
            offsets = np.repeat(starts - (np.cumsum(lens) - lens), lens)
            projects = prep.grp_proj[np.arange(int(lens.sum())) + offsets]
            found = np.flatnonzero(np.bincount(projects, minlength=prep.n_projects))
            self._neighbours[p] = found
        return found

    def freeze(self, run: MesRun, increment: int) -> None:
        """Keep the opening rounds of ``run`` (the last run that proved jumps) whose
        decisions provably stay the same for at least one more increment.

        A run that proves jumps bounds, round by round, how far the budget may grow before a
        decision of that round could change (a winner's lead, a poor/rich split, a project
        staying unaffordable); the jump of the whole run is the least bound over all rounds.
        The induction behind it (see the module docstring) goes round by round, so the least
        bound over the first ``r`` rounds alone proves that, that many increments on, those
        rounds fund the same projects with the same splits: their prices are affine in
        ``beta`` there, and a run at such a budget may pay them at those prices without
        looking at any rival. With fine-grained money the later rounds change at nearly
        every increment while the opening ones (whose supporters can all afford the full
        price) change rarely or never."""
        frozen = []
        for paid in self.opening:
            if paid.jump < 1:
                break
            frozen.append(paid)
        self.frozen = (
            _Frozen(run.beta, increment, frozen, self._snapshot(frozen)) if frozen else None
        )

    def _snapshot(self, frozen: list[_Paid]) -> _Snapshot | None:
        """The :class:`_Snapshot` of the frozen rounds' longest opening whose prices are
        fixed and whose supporters all paid in full (``None`` when there is none)."""
        count = 0
        for paid in frozen:
            if paid.tau_slope or paid.poor.any():
                break
            count += 1
        if count == 0:
            return None
        ws: IntArray | npt.NDArray[np.object_] = np.zeros((self.n_groups, count), dtype=self.dtype)
        tau = _Exact()
        rounds, poor = [], []
        critical: set[Fraction] = set()
        paid_by = [_ZERO] * self.n_groups
        for r, paid in enumerate(frozen[:count]):
            s = self.sup[paid.project]
            ws[s.idx, r] = s.w
            tau.append(paid.tau)
            # Every supporter is live and pays in full: all of them are payers, none exhausted.
            rho = paid.tau / s.scale
            rounds.append(MesRound(paid.project, paid.tau, rho, s.voters, s.voters, 0))
            poor.append(s.idx[:0])
            for g, w in zip(s.idx.tolist(), s.w.tolist(), strict=True):
                paid_by[g] += paid.tau * w
                critical.add(paid_by[g])
        return _Snapshot(
            count=count,
            projects=[paid.project for paid in frozen[:count]],
            ws=ws,
            tau=tau,
            paid_f=np.array([float(x) for x in paid_by]),
            rounds=rounds,
            poor=poor,
            critical=frozenset(critical),
        )

    def frozen_rounds(self, beta: Fraction) -> list[_Paid]:
        """The frozen rounds that hold at ``beta`` (none below the budget they were proven
        at; each holds for as many increments as its jump)."""
        frozen = self.frozen
        if frozen is None or beta < frozen.beta:
            return []
        steps = (beta - frozen.beta) / frozen.increment
        held = 0
        for paid in frozen.rounds:
            if paid.jump < steps:
                break
            held += 1
        return frozen.rounds[:held]

    # ------------------------------------------------------------------ public

    def run(self, beta: Fraction, *, increment: int = 0, trace: bool = False) -> MesRun:
        """MES with per-voter budget ``beta``; with ``increment`` also compute ``jump`` (its
        bounds are floating-point ones, so never in exact-only mode)."""
        return _Run(self, beta, 0 if self.exact else increment, trace).execute()

    def certify(
        self, beta: Fraction, bar: MesRun, *, or_run: bool = False
    ) -> tuple[MesRun | None, bool]:
        """``(run at beta, True)`` if the run at ``beta`` provably funds the same projects as
        the run ``bar`` at a smaller budget, in the same order but for blocks whose order may
        differ (see :meth:`_Run.block`) -- and then so does every budget in between. Else
        ``(None, False)``, which proves nothing, or with ``or_run`` ``(run at beta, False)``,
        the run going on from the first round the certificate could not prove."""
        return _Run(self, beta, 0, False).certify(bar, or_run)


class _Run:
    """The state of one MES run (see the module docstring for the representation)."""

    def __init__(self, engine: MesEngine, beta: Fraction, increment: int, trace: bool) -> None:
        self.e = engine
        self.exact = engine.exact
        self.prep = engine.prep
        self.beta = beta
        self.beta_n = beta.numerator
        self.beta_d = beta.denominator
        self.beta_f = float(beta)
        self.increment = increment
        self.want_jump = increment > 0
        self.trace = trace
        n = engine.n_groups
        self.b = np.full(n, self.beta_f)
        self.zeroed = np.zeros(n, dtype=bool)
        self.empty = np.zeros(n, dtype=bool)
        if self.want_jump:
            self.sig = np.ones(n)
            self.mu = np.ones(n)
            engine.opening = []
        engine.ws[:, : engine.ws_used] = 0
        engine.ws_used = 0
        self.nsel = 0
        self.tau = _Exact()
        self.slope = _Exact()
        self.t = 0
        self.eb = self.err_b()
        self.jump = NEVER
        self.poor_log: list[IntArray] = []
        n_projects = self.prep.n_projects
        # lb_f: a float that is proven <= the project's current price (orders the search).
        # aff, aff_slope: an exact lower bound on the price, affine in beta (for jumps); it is
        # the exact current price when ``fresh``.
        self.lb_f = np.full(n_projects, np.inf)
        self.aff: list[Fraction] = [Fraction(0)] * n_projects
        self.aff_f = np.zeros(n_projects)
        self.aff_slope: list[Fraction] = [Fraction(0)] * n_projects
        self.aff_slope_f = np.zeros(n_projects)
        self.fresh = np.zeros(n_projects, dtype=bool)
        self.active = np.zeros(n_projects, dtype=bool)
        for p in engine.candidates:
            self.active[p] = True
            self.aff[p] = engine.initial_rho[p]
            self.aff_f[p] = float(self.aff[p])
            self.lb_f[p] = _down(self.aff_f[p])
        # Cached evaluation of each fresh project: (tau, tau slope, poor mask over supporters,
        # mask of the rich who may pay exactly all they have).
        self.cache: dict[int, _Priced] = {}

    # -------------------------------------------------------------- helpers

    def err_b(self) -> float:
        """Bound on |float budget - exact budget| for any voter who still has money (kept in
        ``eb``, updated each round)."""
        return (3 * self.t + 4) * _U * self.beta_f

    def _live_rows(self, groups: IntArray) -> tuple[list[int], list[list[int]], list[int]]:
        """Positions of live groups, their distinct payment rows, and each one's row."""
        live = (~self.zeroed[groups]).nonzero()[0]
        if len(live) == 0:
            return [], [], []
        if self.nsel == 0:
            return live.tolist(), [[]], [0] * len(live)
        rows = self.e.ws[groups[live], : self.nsel]
        if rows.dtype == object:
            seen: dict[tuple[int, ...], int] = {}
            inverse = [seen.setdefault(tuple(r), len(seen)) for r in rows.tolist()]
            return live.tolist(), [list(r) for r in seen], inverse
        uniq, inv = np.unique(rows, axis=0, return_inverse=True)
        return live.tolist(), uniq.tolist(), inv.reshape(-1).tolist()

    def exact_budgets(self, groups: IntArray) -> list[Fraction]:
        """Exact budgets of the given groups (deduplicated by their payment history)."""
        nums, den = self.exact_numerators(groups)
        return [Fraction(n, den) for n in nums]

    def exact_numerators(self, groups: IntArray) -> tuple[list[int], int]:
        """Exact budgets of the given groups as integers over one common denominator."""
        out = [0] * len(groups)
        positions, rows, inverse = self._live_rows(groups)
        den = self.tau.den
        values = [self.beta_n * den - self.beta_d * self.tau.dot(row) for row in rows]
        for pos, inv in zip(positions, inverse, strict=True):
            out[pos] = values[inv]
        return out, self.beta_d * den

    def exact_slopes(self, groups: IntArray) -> list[Fraction]:
        """Exact d(budget)/d(beta) of the given groups."""
        out: list[Fraction] = [Fraction(0)] * len(groups)
        positions, rows, inverse = self._live_rows(groups)
        den = self.slope.den
        values = [Fraction(den - self.slope.dot(row), den) for row in rows]
        for pos, inv in zip(positions, inverse, strict=True):
            out[pos] = values[inv]
        return out

    def weighted_rows(self, groups: IntArray, m: IntArray) -> tuple[list[int], int]:
        """For live groups among ``groups``: (sum of m × payment row, sum of m)."""
        live = ~self.zeroed[groups]
        if not live.any():
            return [0] * self.nsel, 0
        g = groups[live]
        mm = m[live]
        total_m = int(mm.sum())
        if self.nsel == 0:
            return [], total_m
        a = mm @ self.e.ws[g, : self.nsel]
        return [int(x) for x in a.tolist()], total_m

    def exact_total(self, groups: IntArray, m: IntArray) -> Fraction:
        """Exact sum of m × budget over the groups."""
        a, total_m = self.weighted_rows(groups, m)
        den = self.tau.den
        return Fraction(
            self.beta_n * total_m * den - self.beta_d * self.tau.dot(a), self.beta_d * den
        )

    def exact_total_slope(self, groups: IntArray, m: IntArray) -> Fraction:
        a, total_m = self.weighted_rows(groups, m)
        den = self.slope.den
        return Fraction(total_m * den - self.slope.dot(a), den)

    def steps(self, distance: float) -> int:
        """Whole increments within a (float, already conservative) distance in beta."""
        if not distance < math.inf:
            return NEVER
        if distance <= 0:
            return 0
        s = distance * _SAFETY / self.increment
        return NEVER if s >= NEVER else int(s)

    def exact_steps(self, distance: Fraction, strict: bool) -> int:
        """Increments within an exact distance; ``strict`` excludes the boundary itself."""
        q = distance / self.increment
        if strict:
            return max(0, math.ceil(q) - 1)
        return max(0, math.floor(q))

    def bound(self, steps: int) -> None:
        if steps < self.jump:
            self.jump = steps

    # -------------------------------------------------------------- evaluation

    def evaluate(self, p: int, best_hi: float = math.inf) -> int:
        """Price ``p`` exactly: ``_PRICED``; or ``_GONE`` if unaffordable (now inactive); or
        ``_WORSE`` when a proven float lower bound already exceeds ``best_hi`` (only when
        jumps are not needed: the price is then not computed exactly)."""
        s = self.e.sup[p]
        idx, m, cost = s.idx, s.m, s.cost
        if self.exact:
            return self.evaluate_exact(p, s)
        m_f = s.m_f
        bt = self.b[idx]
        total_f = float(m_f @ bt)
        eb = self.eb
        # Every supporter's multiplicity, live or not: a bound at least as large, one call less.
        err_total = s.voters_f * eb + (len(idx) + 2) * _U * total_f + _TINY
        if total_f + err_total < cost:
            affordable = False
        elif total_f - err_total >= cost:
            affordable = True
        else:
            affordable = self.exact_total(idx, m) >= cost
        if not affordable:
            self.active[p] = False
            self.fresh[p] = False
            if self.want_jump:
                self.bound_unaffordable(p, idx, m, m_f, bt, ~self.zeroed[idx], total_f)
            return _GONE

        scale = s.scale
        if 0 < best_hi < math.inf:
            # Priced above best_hi for sure when its supporters, each paying at most best_hi
            # per unit of satisfaction, cannot cover its cost: one pass, no sorting.
            t_hi = best_hi * scale * (1 + 4 * _U)  # >= best_hi * scale (see the docstring)
            tw = t_hi if s.unit else t_hi * s.w_f
            f = float(m_f @ np.minimum(bt, tw))
            err = s.voters_f * eb + (len(idx) + 2) * _U * (f + t_hi * s.mw_f)
            if f + err + _TINY < cost:
                self.raise_bound(p, s, bt, tw, t_hi, f + err + _TINY, best_hi)
                return _WORSE

        # Propose the poor/rich split from the float budgets (water-filling) ...
        w, w_f = s.w, s.w_f
        live = ~self.zeroed[idx]
        ratio = bt if s.unit else bt / w_f
        order = np.argsort(ratio, kind="stable")
        mb = (m_f * bt)[order]
        prefix = np.cumsum(mb) - mb
        mw_sorted = s.mw[order]
        suffix = np.cumsum(mw_sorted[::-1])[::-1].astype(np.float64)
        tau_k = (cost - prefix) / suffix
        ok = (tau_k <= ratio[order]).nonzero()[0]
        k = int(ok[0]) if len(ok) else len(order) - 1
        # Whatever the split, (cost - what its poor hold) / (rich weight) is a lower bound on
        # the price: a proven float version of it may already rule the project out.
        if best_hi < math.inf:
            err = float(m_f[live].sum()) * eb + (k + 2) * _U * float(prefix[k]) + _TINY
            low = (cost - float(prefix[k]) - err) / float(suffix[k]) / scale * (1 - 8 * _U)
            if low > self.lb_f[p]:
                self.lb_f[p] = low
            if low > best_hi:
                return _WORSE
        poor = np.zeros(len(idx), dtype=bool)
        poor[order[:k]] = True
        # ... then prove it exactly, or fall back to an exact split.
        rows = self.weighted_rows(idx[poor], m[poor])
        tau = self.exact_tau(s, poor, rows)
        maybe_empty = self.verify_split(idx, w, w_f, bt, live, poor, tau)
        if maybe_empty is None:
            poor, tau = self.exact_split(s, idx, w, m)
            rows = self.weighted_rows(idx[poor], m[poor])
            maybe_empty = live & ~poor
        rho = tau / scale
        self.aff[p] = rho
        self.aff_f[p] = float(rho)
        self.lb_f[p] = _down(self.aff_f[p])
        tau_slope = _ZERO
        if self.want_jump:
            # Only runs that prove jumps read the slopes (their exact fractions cost).
            tau_slope = self.exact_tau_slope(rows, int(s.mw[~poor].sum()))
            self.aff_slope[p] = tau_slope / scale
            self.aff_slope_f[p] = float(self.aff_slope[p])
        self.fresh[p] = True
        self.cache[p] = (tau, tau_slope, poor, maybe_empty)
        return _PRICED

    def raise_bound(
        self,
        p: int,
        s: _Supporters,
        bt: FloatArray,
        tw: FloatArray | float,
        t_hi: float,
        short: float,
        best_hi: float,
    ) -> None:
        """After proving ``p``'s supporters pay less than its cost at ``t_hi`` per unit of
        weight (``short`` bounds what they pay from above), raise its lower bound past it.

        What supporters pay at ``t``, ``G(t) = sum_i m_i·min(b_i, t·w_i)``, is concave in
        ``t``, so beyond ``t_hi`` it grows at most at its slope there, the weight ``D`` of the
        supporters who can pay more (``b_i > t_hi·w_i``): the price ``tau`` has
        ``cost = G(tau) <= G(t_hi) + D·(tau - t_hi)``, so ``tau >= t_hi + (cost - G(t_hi))/D``.
        Later rounds only take money away, so the bound holds for the rest of the run, and a
        rival proven above one round's winner is often proven above the next ones' without
        being looked at again. In floats: a supporter counted in ``D`` when its float budget
        is within its error of ``t_hi·w`` (a larger ``D``, a smaller bound); the sums carry
        ``(n + 4)·_U`` relative, each later operation one rounding, which ``(1 - 8·_U)``
        covers."""
        bound = best_hi
        rich = bt + (self.eb + _TINY) >= tw * (1 - 2 * _U)
        d = float(s.mw_fa @ rich) * (1 + (len(s.idx) + 4) * _U)
        gap = (float(s.cost) * (1 - 2 * _U) - short * (1 + 2 * _U)) * (1 - 2 * _U)
        if d > 0 and gap > 0:
            bound = max(bound, (t_hi + gap / d) / s.scale * (1 - 8 * _U))
        if bound > self.lb_f[p]:
            self.lb_f[p] = bound

    def evaluate_exact(self, p: int, s: _Supporters) -> int:
        """:meth:`evaluate` in exact-only mode: ``_PRICED`` or ``_GONE``."""
        if self.exact_total(s.idx, s.m) < s.cost:
            self.active[p] = False
            self.fresh[p] = False
            return _GONE
        poor, tau = self.exact_split(s, s.idx, s.w, s.m)
        self.aff[p] = tau / s.scale
        self.fresh[p] = True
        self.cache[p] = (tau, _ZERO, poor, ~self.zeroed[s.idx] & ~poor)
        return _PRICED

    def by_lower_bound(self) -> list[int]:
        """The active projects, by a proven lower bound on their price (smallest first)."""
        act = self.active.nonzero()[0]
        if self.exact:
            return sorted(act.tolist(), key=lambda p: self.aff[p])
        ranked: list[int] = act[np.argsort(self.lb_f[act], kind="stable")].tolist()
        return ranked

    def above(self, p: int, limit: Fraction, limit_hi: float) -> bool:
        """Whether ``p``'s lower bound proves it priced above ``limit`` (``limit_hi``: a
        float proven >= limit)."""
        if self.exact:
            return bool(self.aff[p] > limit)
        return bool(self.lb_f[p] > limit_hi)

    def exact_tau(self, s: _Supporters, poor: BoolArray, rows: tuple[list[int], int]) -> Fraction:
        """The price per unit of weight when ``poor`` pay all they have (``rows`` sums them)."""
        d_rich = int(s.mw[~poor].sum())
        a, total_m = rows
        den = self.tau.den
        cost = s.cost
        num = cost * self.beta_d * den - self.beta_n * total_m * den + self.beta_d * self.tau.dot(a)
        return Fraction(num, self.beta_d * den * d_rich)

    def exact_tau_slope(self, rows: tuple[list[int], int], d_rich: int) -> Fraction:
        a, total_m = rows
        den = self.slope.den
        return Fraction(self.slope.dot(a) - total_m * den, den * d_rich)

    def verify_split(
        self,
        idx: IntArray,
        w: IntArray,
        w_f: FloatArray,
        bt: FloatArray,
        live: BoolArray,
        poor: BoolArray,
        tau: Fraction,
    ) -> BoolArray | None:
        """Prove budget <= tau × w for the poor and >= for the rich (exactly): ``None`` when
        that fails, else the rich who may be left with exactly nothing (the others are proven
        to keep some money, so paying need not check them: see :meth:`mark_empty`)."""
        if len(idx) == 0:
            return None
        tau_f = float(tau)
        pay = tau_f * w_f
        h = bt - pay
        margin = live * self.eb + 2 * _U * (pay + np.abs(bt)) + _TINY
        sure = np.where(poor, h <= -margin, h >= margin)
        # h > margin proves the exact budget after paying is positive (the same bound).
        maybe_empty = live & ~poor & (h <= margin)
        unsure = (~sure).nonzero()[0]
        if len(unsure) == 0:
            return maybe_empty
        budgets = self.exact_budgets(idx[unsure])
        for j, budget in zip(unsure.tolist(), budgets, strict=True):
            diff = budget - tau * int(w[j])
            if (poor[j] and diff > 0) or (not poor[j] and diff < 0):
                return None
        return maybe_empty

    def exact_split(
        self, s: _Supporters, idx: IntArray, w: IntArray, m: IntArray
    ) -> tuple[BoolArray, Fraction]:
        """Water-filling on exact budgets (slow; only when floats cannot settle the split, and
        in exact-only mode). Budgets are integers over one denominator, so every comparison
        is between integers: ``tau = (cost - paid) / rest`` and ``tau * w <= budget`` reads
        ``(cost * den - paid) * w <= budget * rest``."""
        nums, den = self.exact_numerators(idx)
        ws = [int(x) for x in w.tolist()]
        ms = [int(x) for x in m.tolist()]
        if all(x == 1 for x in ws):
            order = sorted(range(len(ws)), key=nums.__getitem__)
        else:
            order = sorted(range(len(ws)), key=lambda j: Fraction(nums[j], ws[j]))
        need = s.cost * den
        paid = 0
        rest = sum(mm * ww for mm, ww in zip(ms, ws, strict=True))
        poor = np.zeros(len(ws), dtype=bool)
        for pos, j in enumerate(order):
            if (need - paid) * ws[j] <= nums[j] * rest or pos == len(order) - 1:
                break
            poor[j] = True
            paid += ms[j] * nums[j]
            rest -= ms[j] * ws[j]
        return poor, Fraction(need - paid, den * rest)

    # -------------------------------------------------------------- jump bounds

    def bound_unaffordable(
        self,
        p: int,
        idx: IntArray,
        m: IntArray,
        m_f: FloatArray,
        bt: FloatArray,
        live: BoolArray,
        total_f: float,
    ) -> None:
        """``p`` must stay unaffordable: its supporters' total stays below its cost."""
        cost = self.prep.costs[p]
        sig = self.sig[idx]
        slope_f = float(m_f @ sig)
        err_slope = (
            float(m_f[live] @ self.mu[idx][live]) * (3 * self.t + 4) * _U
            + (len(idx) + 2) * _U * float(m_f @ np.abs(sig))
            + _TINY
        )
        if slope_f + err_slope <= 0:
            return
        err_total = float(m_f[live].sum()) * self.err_b() + (len(idx) + 2) * _U * total_f + _TINY
        gap = cost - total_f - err_total
        if gap > 0:
            self.bound(self.steps(gap / (slope_f + err_slope)))
            return
        exact_gap = cost - self.exact_total(idx, m)
        exact_slope = self.exact_total_slope(idx, m)
        if exact_slope > 0:
            self.bound(self.exact_steps(exact_gap / exact_slope, strict=True))

    def bound_dominance(self, winner: int, rho: Fraction, rho_slope: Fraction) -> None:
        """Every other active project's lower bound must stay above the winner's price."""
        others = self.active.nonzero()[0]
        others = others[others != winner]
        if len(others) == 0:
            return
        lb = self.aff_f[others]
        lbs = self.aff_slope_f[others]
        r, rs = float(rho), float(rho_slope)
        gap = lb - r
        err_gap = 2 * _U * (np.abs(lb) + abs(r)) + _TINY
        slope = lbs - rs
        err_slope = 2 * _U * (np.abs(lbs) + abs(rs)) + _TINY
        rising_sure = slope - err_slope >= 0
        sure_gap = gap - err_gap > 0
        candidates = ~rising_sure
        quick = candidates & sure_gap
        if quick.any():
            dist = (gap[quick] - err_gap[quick]) / (np.maximum(-slope[quick], 0) + err_slope[quick])
            self.bound(self.steps(float(dist.min())))
        ranks = self.e.ranks
        for p in others[candidates & ~sure_gap].tolist():
            exact_gap = self.aff[p] - rho
            exact_slope = self.aff_slope[p] - rho_slope
            strict = ranks[p] < ranks[winner]
            if exact_gap < 0 or (strict and exact_gap == 0):
                self.bound(0)  # a stale bound that no longer proves anything
            elif exact_slope < 0:
                self.bound(self.exact_steps(exact_gap / -exact_slope, strict))

    def bound_split(
        self,
        idx: IntArray,
        w: IntArray,
        w_f: FloatArray,
        poor: BoolArray,
        tau: Fraction,
        tau_slope: Fraction,
    ) -> None:
        """The winner's poor must stay poor and its rich stay rich."""
        bt = self.b[idx]
        live = ~self.zeroed[idx]
        sig = self.sig[idx]
        tau_f, g_f = float(tau), float(tau_slope)
        h = bt - tau_f * w_f
        err_h = np.where(live, self.err_b(), 0.0) + 2 * _U * (tau_f * w_f + np.abs(bt)) + _TINY
        eta = sig - g_f * w_f
        err_eta = (
            np.where(live, (3 * self.t + 4) * _U * self.mu[idx], 0.0)
            + 2 * _U * (abs(g_f) * w_f + np.abs(sig))
            + _TINY
        )
        # Poor: h <= 0 must hold, at risk when eta may be > 0. Rich: h >= 0, at risk when eta < 0.
        at_risk = np.where(poor, eta + err_eta > 0, eta - err_eta < 0)
        if not at_risk.any():
            return
        room = np.where(poor, -h, h) - err_h
        speed = np.where(poor, eta, -eta) + err_eta
        sure = at_risk & (room > 0)
        if sure.any():
            self.bound(self.steps(float((room[sure] / speed[sure]).min())))
        unsure = (at_risk & ~(room > 0)).nonzero()[0]
        if len(unsure) == 0:
            return
        budgets = self.exact_budgets(idx[unsure])
        slopes = self.exact_slopes(idx[unsure])
        for j, budget, slope in zip(unsure.tolist(), budgets, slopes, strict=True):
            wj = int(w[j])
            h0 = budget - tau * wj
            eta0 = slope - tau_slope * wj
            if poor[j]:
                if eta0 > 0:
                    self.bound(self.exact_steps(-h0 / eta0, strict=False))
            elif eta0 < 0:
                self.bound(self.exact_steps(h0 / -eta0, strict=False))

    # -------------------------------------------------------------- the run

    def replay(self, bar: MesRun | None = None) -> list[MesRound]:
        """Pay the engine's frozen opening rounds (:meth:`MesEngine.freeze`) that hold at
        this budget (and at ``bar``'s, for a certificate), at their prices here: the same
        payments a search would make, without pricing any rival. Rivals keep their first
        lower bounds (cost over total weight), which stay lower bounds whatever was paid."""
        frozen = self.e.frozen
        if frozen is None or self.want_jump or self.exact:
            return []
        if bar is not None and bar.beta < frozen.beta:
            return []
        held = self.e.frozen_rounds(self.beta)
        rounds: list[MesRound] = []
        snap = frozen.snapshot
        if snap is not None and len(held) >= snap.count and self.beta not in snap.critical:
            self.load(snap)
            rounds.extend(snap.rounds)
            held = held[snap.count :]
        for paid in held:
            p = paid.project
            tau = paid.tau
            if paid.tau_slope:
                tau += paid.tau_slope * (self.beta - frozen.beta)  # affine while it holds
            self.aff[p] = tau / self.e.sup[p].scale
            self.active[p] = False
            live = ~self.zeroed[self.e.sup[p].idx]
            rounds.append(self.pay(p, (tau, _ZERO, paid.poor, live & ~paid.poor)))
        return rounds

    def load(self, snap: _Snapshot) -> None:
        """Start from the snapshot's state (this run has paid nothing yet)."""
        count = snap.count
        self.e.ws[:, :count] = snap.ws
        self.nsel = count
        self.tau = snap.tau.copy()
        self.b = self.beta_f - snap.paid_f
        self.poor_log.extend(snap.poor)
        self.active[snap.projects] = False
        self.t = count
        self.eb = self.err_b()

    def execute(self, rounds: list[MesRound] | None = None) -> MesRun:
        """The run (going on after ``rounds``, this run's first rounds, when given)."""
        e = self.e
        rounds = self.replay() if rounds is None else rounds
        ranks = e.ranks
        while True:
            if self.want_jump and self.jump == 0:
                # No later round can prove more than nothing: price the rest as a plain run.
                self.want_jump = False
            order = self.by_lower_bound()
            if not order:
                break
            best: Fraction | None = None
            best_hi = math.inf  # a float proven >= best
            tied: list[int] = []
            quick = not self.want_jump
            for p in order:
                if best is not None and self.above(p, best, best_hi):
                    break
                if not self.fresh[p]:
                    status = self.evaluate(p, best_hi if quick else math.inf)
                    if status != _PRICED:
                        continue
                rho = self.aff[p]
                if best is None or rho < best:
                    best, best_hi, tied = rho, _up(float(rho)), [p]
                elif rho == best:
                    tied.append(p)
            if best is None:
                break
            winner = min(tied, key=lambda q: ranks[q])
            priced = self.cache.pop(winner)
            self.active[winner] = False
            self.fresh[winner] = False
            if self.want_jump:
                self.bound_dominance(winner, best, self.aff_slope[winner])
            rounds.append(self.pay(winner, priced))
        run = MesRun(
            self.beta, list(e.free), rounds, self.jump if self.want_jump else 0, poor=self.poor_log
        )
        if self.trace:
            self.finish_trace(run)
        e.ws_used = self.nsel
        return run

    def certify(self, bar: MesRun, or_run: bool) -> tuple[MesRun | None, bool]:
        """Follow ``bar``'s winners; at each round prove that every other project is
        unaffordable or priced above the winner's price in ``bar`` (equal only when the
        winner comes first in tie-breaking order), or that the round starts a block of rounds
        that fund the same projects in some order (see :meth:`block`); and at the end that
        nothing is affordable."""
        try:
            rounds, proven = self._certify(bar)
            if proven:
                return MesRun(self.beta, list(self.e.free), rounds, poor=self.poor_log), True
            # The rounds so far are this run's first rounds (they were proven): go on.
            return (self.execute(rounds) if or_run else None), False
        finally:
            self.e.ws_used = self.nsel

    def _certify(self, bar: MesRun) -> tuple[list[MesRound], bool]:
        # The frozen rounds that hold here hold at bar's budget too, and at every one between.
        rounds = self.replay(bar)
        order = bar.rounds
        i = len(rounds)
        if [r.project for r in rounds] != [r.project for r in order[:i]]:  # pragma: no cover
            raise AssertionError("frozen rounds differ from the run they hold for")
        while i < len(order):
            w, limit = order[i].project, order[i].rho
            if not self.active[w]:
                return rounds, False  # pragma: no cover - more money keeps it affordable
            rival = self.undercut(limit, {w}, w)
            if rival is not None:
                end = self.block(bar, i, rival)
                if end is None:
                    return rounds, False
                rounds.extend(self.pay_block(order[i : end + 1]))
                i = end + 1
                continue
            if not self.fresh[w] and self.evaluate(w) != _PRICED:
                return rounds, False  # pragma: no cover - more money keeps it affordable
            if self.aff[w] > limit:
                return rounds, False  # pragma: no cover - more money never raises its price
            # Every rival is priced above the limit >= w's price (or ties and ranks after w):
            # w is this run's winner too.
            priced = self.cache.pop(w)
            self.active[w] = False
            self.fresh[w] = False
            rounds.append(self.pay(w, priced))
            i += 1
        for q in self.active.nonzero()[0].tolist():
            # With an upper limit of -inf, evaluate says _GONE exactly when unaffordable.
            if self.fresh[q] or self.evaluate(q, -math.inf) != _GONE:
                return rounds, False
        return rounds, True

    def undercut(self, limit: Fraction, exclude: set[int], winner: int | None) -> int | None:
        """An affordable project outside ``exclude`` priced below ``limit`` now (or at it,
        when ``winner`` is ``None`` or it comes before ``winner`` in tie-breaking order);
        ``None`` when there is none."""
        ranks = self.e.ranks
        limit_hi = _up(float(limit))  # a float proven >= limit
        for q in self.by_lower_bound():
            if self.above(q, limit, limit_hi):
                break  # this one and all later ones are priced above the limit
            if q in exclude:
                continue
            if not self.fresh[q] and self.evaluate(q, limit_hi) != _PRICED:
                continue  # unaffordable, or proven priced above the limit
            rho = self.aff[q]
            if rho < limit or (rho == limit and (winner is None or ranks[q] < ranks[winner])):
                return int(q)
        return None

    def block(self, bar: MesRun, start: int, rival: int) -> int | None:
        """The last round of a block of ``bar``'s rounds from ``start`` that this run funds
        too, in some order, or ``None``.

        Rounds ``start..end`` of ``bar`` (the run at a smaller budget ``beta1``) fund a set
        ``T``; this run's budget is ``beta2``. Suppose (C): every voter who supports two
        projects of ``T`` either paid the full price of each project of ``T`` after the first
        of them they support (in ``bar``) or has nothing left before the block in this run.
        Then at every budget in between, each project of ``T`` costs what it costs before the
        block whichever others of ``T`` were funded first (its shared supporters pay the full
        price, or nothing), so the block ends in the same state in any order. Those prices
        are at most ``L``, the largest of them in ``bar``, and the voters who must pay in full
        can, since budgets before the block only grow with ``beta`` and prices only fall.
        Every rival priced above ``L`` in this run before the block (or unaffordable) is so at
        every budget in between and throughout the block. So every budget in between funds
        ``T`` in rounds ``start..end`` (in the order of its prices there) and reaches one
        state after it, which grows with ``beta``: the argument of the module docstring
        goes on from there. A rival that undercuts is taken into the block when ``bar``
        funds it later; otherwise the outcome may change in between and there is no block.
        """
        order = bar.rounds
        position = {r.project: j for j, r in enumerate(order)}
        end = start
        members = {order[start].project}
        while True:
            at = position.get(rival)
            if at is None or at <= end:
                return None
            for r in order[end + 1 : at + 1]:
                if not self.active[r.project]:
                    return None  # pragma: no cover - more money keeps it affordable
                members.add(r.project)
            end = at
            limit = max(r.rho for r in order[start : end + 1])
            found = self.undercut(limit, members, None)
            if found is None:
                break
            rival = found
        if not self.commutes(bar, start, end):
            return None
        return end

    def commutes(self, bar: MesRun, start: int, end: int) -> bool:
        """Condition (C) of :meth:`block` for rounds ``start..end`` of ``bar``."""
        prep = self.prep
        shared = np.zeros(self.e.n_groups, dtype=bool)
        for t in range(start, end + 1):
            poor = bar.poor[t]
            later = poor[shared[poor]]
            if len(later) and not (self.zeroed[later] | self.empty[later]).all():
                return False
            p = bar.rounds[t].project
            shared[prep.sup_grp[prep.sup_ptr[p] : prep.sup_ptr[p + 1]]] = True
        return True

    def pay_block(self, block: Sequence[MesRound]) -> list[MesRound]:
        """Fund a block (see :meth:`block`) in the order of its prices now, each at its price
        before the block, which condition (C) makes its price whatever was funded first."""
        ranks = self.e.ranks
        for r in block:
            if not self.fresh[r.project] and self.evaluate(r.project) != _PRICED:
                raise AssertionError("a block project became unaffordable")  # pragma: no cover
        found = {r.project: self.cache.pop(r.project) for r in block}
        rounds = []
        for p in sorted(found, key=lambda q: (self.aff[q], ranks[q])):
            self.active[p] = False
            self.fresh[p] = False
            rounds.append(self.pay(p, found[p]))
        return rounds

    def pay(self, p: int, priced: _Priced) -> MesRound:
        """Fund ``p`` at its price now (``priced``, from :meth:`evaluate`)."""
        tau, tau_slope, poor, maybe_empty = priced
        rho = self.aff[p]  # the exact tau / scale, set when p was priced
        s = self.e.sup[p]
        idx, w, w_f, m = s.idx, s.w, s.w_f, s.m
        if self.want_jump:
            self.bound_split(idx, w, w_f, poor, tau, tau_slope)
            self.e.opening.append(_Paid(p, tau, tau_slope, poor, self.jump))
        live = ~self.zeroed[idx]
        paying = live & ~self.empty[idx]
        payers = int(m[paying].sum())
        exhausted = int(m[poor & paying].sum())
        # Record the payment row, charge the rich, empty the poor.
        self.e.ws[idx, self.nsel] = w
        g_poor = idx[poor]
        self.poor_log.append(g_poor)
        self.nsel += 1
        self.tau.append(tau)
        rich = ~poor
        g_rich = idx[rich]
        self.b[g_rich] -= w_f[rich] * float(tau)
        self.b[g_poor] = 0.0
        self.zeroed[g_poor] = True
        if self.want_jump:
            self.slope.append(tau_slope)
            g_f = float(tau_slope)
            self.sig[g_rich] -= w_f[rich] * g_f
            self.mu[g_rich] += w_f[rich] * abs(g_f)
            self.sig[g_poor] = 0.0
        self.t += 1
        self.eb = self.err_b()
        if maybe_empty.any():
            self.mark_empty(idx[maybe_empty], w[maybe_empty], tau)
        # Projects sharing a supporter who paid now need a fresh price (also those sharing
        # only supporters who had nothing left: a spare evaluation, not a wrong one).
        if live.any():
            self.fresh[self.e.neighbours(p)] = False
        return MesRound(p, tau, rho, s.voters, payers, exhausted)

    def mark_empty(self, groups: IntArray, w: IntArray, tau: Fraction) -> None:
        """Note the groups that just paid exactly all they had (``tau × w`` of it): they pay
        nothing from now on, so the round counts must not count them as payers. Budgets are
        left as they are (0 in exact terms); only the counts read ``empty``."""
        if len(groups) == 0:
            return
        if self.exact:
            budgets = self.exact_budgets(groups)
            self.empty[groups[[b == 0 for b in budgets]]] = True
            return
        after = self.b[groups]
        margin = self.eb + 2 * _U * float(tau) * w.astype(np.float64) + _TINY
        maybe = (np.abs(after) <= margin).nonzero()[0]
        if len(maybe) == 0:
            return
        budgets = self.exact_budgets(groups[maybe])
        self.empty[groups[maybe[[b == 0 for b in budgets]]]] = True

    def finish_trace(self, run: MesRun) -> None:
        prep = self.prep
        selected = set(run.selected)
        for p in self.e.candidates:
            if p in selected:
                continue
            lo, hi = int(prep.sup_ptr[p]), int(prep.sup_ptr[p + 1])
            run.left[p] = self.exact_total(prep.sup_grp[lo:hi], self.e.sup_m[lo:hi])


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
