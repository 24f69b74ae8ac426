"""The engine that runs MES on one prepared election at any per-voter budget (see :mod:`.mes`).

It keeps what every run reads and nothing a run changes: each project's supporters, the
projects sharing a supporter, and the opening rounds add1's first run proved fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from alongside.budgeting.rules.mes_certify import certify
from alongside.budgeting.rules.mes_data import (
    _ZERO,
    MesRound,
    MesRun,
    _down,
    _Exact,
    _Frozen,
    _Paid,
    _Snapshot,
    _Start,
    _Supporters,
)
from alongside.budgeting.rules.mes_run import _Run
from alongside.budgeting.rules.prepare import IntArray, Prepared


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
        aff = [_ZERO] * prep.n_projects
        for p in self.candidates:
            aff[p] = self.initial_rho[p]
        aff_f = np.array([float(x) for x in aff])
        active = np.zeros(prep.n_projects, dtype=bool)
        active[self.candidates] = True
        lb_f = np.full(prep.n_projects, np.inf)
        lb_f[active] = [_down(x) for x in aff_f[active].tolist()]
        self.start = _Start(aff, aff_f, lb_f, active)
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
        differ (see :func:`.mes_certify.block`) -- and then so does every budget in between. Else
        ``(None, False)``, which proves nothing, or with ``or_run`` ``(run at beta, False)``,
        the run going on from the first round the certificate could not prove."""
        return certify(_Run(self, beta, 0, False), bar, or_run)
