"""One run of MES at one per-voter budget: pricing, paying, replaying frozen rounds.

The representation of budgets and every floating-point margin used here are explained in
:mod:`.mes`'s module docstring; the jump bounds are in :mod:`.mes_bounds` and certificates in
:mod:`.mes_certify`.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from alongside.budgeting.rules.mes_bounds import (
    bound_dominance,
    bound_split,
    bound_unaffordable,
)
from alongside.budgeting.rules.mes_data import (
    _GONE,
    _PRICED,
    _TINY,
    _U,
    _WORSE,
    _ZERO,
    NEVER,
    BoolArray,
    FloatArray,
    MesRound,
    MesRun,
    _down,
    _Exact,
    _Paid,
    _Priced,
    _Snapshot,
    _Supporters,
    _up,
)
from alongside.budgeting.rules.prepare import IntArray

if TYPE_CHECKING:
    from alongside.budgeting.rules.mes_engine import MesEngine


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
        # Every run starts from the price each candidate would have if its supporters had
        # unlimited money (built once by the engine: add1 starts hundreds of runs).
        start = engine.start
        self.lb_f = start.lb_f.copy()
        self.aff: list[Fraction] = list(start.aff)
        self.aff_f = start.aff_f.copy()
        self.aff_slope: list[Fraction] = [_ZERO] * n_projects
        self.aff_slope_f = np.zeros(n_projects)
        self.fresh = np.zeros(n_projects, dtype=bool)
        self.active = start.active.copy()
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
                bound_unaffordable(self, p, idx, m, m_f, bt, ~self.zeroed[idx], total_f)
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
                bound_dominance(self, winner, best, self.aff_slope[winner])
            rounds.append(self.pay(winner, priced))
        run = MesRun(
            self.beta, list(e.free), rounds, self.jump if self.want_jump else 0, poor=self.poor_log
        )
        if self.trace:
            self.finish_trace(run)
        e.ws_used = self.nsel
        return run

    def pay(self, p: int, priced: _Priced) -> MesRound:
        """Fund ``p`` at its price now (``priced``, from :meth:`evaluate`)."""
        tau, tau_slope, poor, maybe_empty = priced
        rho = self.aff[p]  # the exact tau / scale, set when p was priced
        s = self.e.sup[p]
        idx, w, w_f, m = s.idx, s.w, s.w_f, s.m
        if self.want_jump:
            bound_split(self, idx, w, w_f, poor, tau, tau_slope)
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
