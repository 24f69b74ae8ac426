"""Certificates: a run at a larger budget that proves every budget in between funds the same
projects as a run at a smaller one (see :mod:`.mes`'s module docstring and ADR 0017).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

from alongside.budgeting.rules.mes_data import _GONE, _PRICED, MesRound, MesRun, _up

if TYPE_CHECKING:
    from alongside.budgeting.rules.mes_run import _Run


def certify(run: _Run, bar: MesRun, or_run: bool) -> tuple[MesRun | None, bool]:
    """Follow ``bar``'s winners; at each round prove that every other project is
    unaffordable or priced above the winner's price in ``bar`` (equal only when the
    winner comes first in tie-breaking order), or that the round starts a block of rounds
    that fund the same projects in some order (see :func:`block`); and at the end that
    nothing is affordable."""
    try:
        rounds, proven = prove_rounds(run, bar)
        if proven:
            return MesRun(run.beta, list(run.e.free), rounds, poor=run.poor_log), True
        # The rounds so far are this run's first rounds (they were proven): go on.
        return (run.execute(rounds) if or_run else None), False
    finally:
        run.e.ws_used = run.nsel


def prove_rounds(run: _Run, bar: MesRun) -> tuple[list[MesRound], bool]:
    # The frozen rounds that hold here hold at bar's budget too, and at every one between.
    rounds = run.replay(bar)
    order = bar.rounds
    i = len(rounds)
    if [r.project for r in rounds] != [r.project for r in order[:i]]:  # pragma: no cover
        raise AssertionError("frozen rounds differ from the run they hold for")
    while i < len(order):
        w, limit = order[i].project, order[i].rho
        if not run.active[w]:
            return rounds, False  # pragma: no cover - more money keeps it affordable
        rival = undercut(run, limit, {w}, w)
        if rival is not None:
            end = block(run, bar, i, rival)
            if end is None:
                return rounds, False
            rounds.extend(pay_block(run, order[i : end + 1]))
            i = end + 1
            continue
        if not run.fresh[w] and run.evaluate(w) != _PRICED:
            return rounds, False  # pragma: no cover - more money keeps it affordable
        if run.aff[w] > limit:
            return rounds, False  # pragma: no cover - more money never raises its price
        # Every rival is priced above the limit >= w's price (or ties and ranks after w):
        # w is this run's winner too.
        priced = run.cache.pop(w)
        run.active[w] = False
        run.fresh[w] = False
        rounds.append(run.pay(w, priced))
        i += 1
    for q in run.active.nonzero()[0].tolist():
        # With an upper limit of -inf, evaluate says _GONE exactly when unaffordable.
        if run.fresh[q] or run.evaluate(q, -math.inf) != _GONE:
            return rounds, False
    return rounds, True


def undercut(run: _Run, limit: Fraction, exclude: set[int], winner: int | None) -> int | None:
    """An affordable project outside ``exclude`` priced below ``limit`` now (or at it,
    when ``winner`` is ``None`` or it comes before ``winner`` in tie-breaking order);
    ``None`` when there is none."""
    ranks = run.e.ranks
    limit_hi = _up(float(limit))  # a float proven >= limit
    for q in run.by_lower_bound():
        if run.above(q, limit, limit_hi):
            break  # this one and all later ones are priced above the limit
        if q in exclude:
            continue
        if not run.fresh[q] and run.evaluate(q, limit_hi) != _PRICED:
            continue  # unaffordable, or proven priced above the limit
        rho = run.aff[q]
        if rho < limit or (rho == limit and (winner is None or ranks[q] < ranks[winner])):
            return int(q)
    return None


def block(run: _Run, bar: MesRun, start: int, rival: int) -> int | None:
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
            if not run.active[r.project]:
                return None  # pragma: no cover - more money keeps it affordable
            members.add(r.project)
        end = at
        limit = max(r.rho for r in order[start : end + 1])
        found = undercut(run, limit, members, None)
        if found is None:
            break
        rival = found
    if not commutes(run, bar, start, end):
        return None
    return end


def commutes(run: _Run, bar: MesRun, start: int, end: int) -> bool:
    """Condition (C) of :func:`block` for rounds ``start..end`` of ``bar``."""
    prep = run.prep
    shared = np.zeros(run.e.n_groups, dtype=bool)
    for t in range(start, end + 1):
        poor = bar.poor[t]
        later = poor[shared[poor]]
        if len(later) and not (run.zeroed[later] | run.empty[later]).all():
            return False
        p = bar.rounds[t].project
        shared[prep.sup_grp[prep.sup_ptr[p] : prep.sup_ptr[p + 1]]] = True
    return True


def pay_block(run: _Run, block: Sequence[MesRound]) -> list[MesRound]:
    """Fund a block (see :func:`block`) in the order of its prices now, each at its price
    before the block, which condition (C) makes its price whatever was funded first."""
    ranks = run.e.ranks
    for r in block:
        if not run.fresh[r.project] and run.evaluate(r.project) != _PRICED:
            raise AssertionError("a block project became unaffordable")  # pragma: no cover
    found = {r.project: run.cache.pop(r.project) for r in block}
    rounds = []
    for p in sorted(found, key=lambda q: (run.aff[q], ranks[q])):
        run.active[p] = False
        run.fresh[p] = False
        rounds.append(run.pay(p, found[p]))
    return rounds
