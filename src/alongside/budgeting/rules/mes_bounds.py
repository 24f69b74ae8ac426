"""Jump bounds: how many more increments provably leave a run's decisions as they are.

A run that proves jumps (add1's first) calls these at each decision: the winner must keep
its lead, its poor must stay poor and its rich rich, and what was unaffordable must stay so.
Each bound only lowers ``run.jump``; the margins are those of :mod:`.mes`'s module docstring.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from alongside.budgeting.rules.mes_data import _SAFETY, _TINY, _U, NEVER, BoolArray, FloatArray
from alongside.budgeting.rules.prepare import IntArray

if TYPE_CHECKING:
    from alongside.budgeting.rules.mes_run import _Run


def steps(run: _Run, distance: float) -> int:
    """Whole increments within a (float, already conservative) distance in beta."""
    if not distance < math.inf:
        return NEVER
    if distance <= 0:
        return 0
    s = distance * _SAFETY / run.increment
    return NEVER if s >= NEVER else int(s)


def exact_steps(run: _Run, distance: Fraction, strict: bool) -> int:
    """Increments within an exact distance; ``strict`` excludes the boundary itself."""
    q = distance / run.increment
    if strict:
        return max(0, math.ceil(q) - 1)
    return max(0, math.floor(q))


def bound(run: _Run, steps: int) -> None:
    if steps < run.jump:
        run.jump = steps


def bound_unaffordable(
    run: _Run,
    p: int,
    idx: IntArray,
    m: IntArray,
    m_f: FloatArray,
    bt: FloatArray,
    live: BoolArray,
    total_f: float,
) -> None:
    """``p`` must stay unaffordable: its supporters' total stays below its cost."""
    cost = run.prep.costs[p]
    sig = run.sig[idx]
    slope_f = float(m_f @ sig)
    err_slope = (
        float(m_f[live] @ run.mu[idx][live]) * (3 * run.t + 4) * _U
        + (len(idx) + 2) * _U * float(m_f @ np.abs(sig))
        + _TINY
    )
    if slope_f + err_slope <= 0:
        return
    err_total = float(m_f[live].sum()) * run.err_b() + (len(idx) + 2) * _U * total_f + _TINY
    gap = cost - total_f - err_total
    if gap > 0:
        bound(run, steps(run, gap / (slope_f + err_slope)))
        return
    exact_gap = cost - run.exact_total(idx, m)
    exact_slope = run.exact_total_slope(idx, m)
    if exact_slope > 0:
        bound(run, exact_steps(run, exact_gap / exact_slope, strict=True))


def bound_dominance(run: _Run, winner: int, rho: Fraction, rho_slope: Fraction) -> None:
    """Every other active project's lower bound must stay above the winner's price."""
    others = run.active.nonzero()[0]
    others = others[others != winner]
    if len(others) == 0:
        return
    lb = run.aff_f[others]
    lbs = run.aff_slope_f[others]
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
        bound(run, steps(run, float(dist.min())))
    ranks = run.e.ranks
    for p in others[candidates & ~sure_gap].tolist():
        exact_gap = run.aff[p] - rho
        exact_slope = run.aff_slope[p] - rho_slope
        strict = ranks[p] < ranks[winner]
        if exact_gap < 0 or (strict and exact_gap == 0):
            bound(run, 0)  # a stale bound that no longer proves anything
        elif exact_slope < 0:
            bound(run, exact_steps(run, exact_gap / -exact_slope, strict))


def bound_split(
    run: _Run,
    idx: IntArray,
    w: IntArray,
    w_f: FloatArray,
    poor: BoolArray,
    tau: Fraction,
    tau_slope: Fraction,
) -> None:
    """The winner's poor must stay poor and its rich stay rich."""
    bt = run.b[idx]
    live = ~run.zeroed[idx]
    sig = run.sig[idx]
    tau_f, g_f = float(tau), float(tau_slope)
    h = bt - tau_f * w_f
    err_h = np.where(live, run.err_b(), 0.0) + 2 * _U * (tau_f * w_f + np.abs(bt)) + _TINY
    eta = sig - g_f * w_f
    err_eta = (
        np.where(live, (3 * run.t + 4) * _U * run.mu[idx], 0.0)
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
        bound(run, steps(run, float((room[sure] / speed[sure]).min())))
    unsure = (at_risk & ~(room > 0)).nonzero()[0]
    if len(unsure) == 0:
        return
    budgets = run.exact_budgets(idx[unsure])
    slopes = run.exact_slopes(idx[unsure])
    for j, budget, slope in zip(unsure.tolist(), budgets, slopes, strict=True):
        wj = int(w[j])
        h0 = budget - tau * wj
        eta0 = slope - tau_slope * wj
        if poor[j]:
            if eta0 > 0:
                bound(run, exact_steps(run, -h0 / eta0, strict=False))
        elif eta0 < 0:
            bound(run, exact_steps(run, h0 / -eta0, strict=False))
