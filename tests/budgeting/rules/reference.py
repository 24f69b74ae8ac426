"""A deliberately naive, exact reference: the rules' definitions, written out voter by voter.

Independent of the engine (no grouping, no floats, no laziness, no jumps): used to check the
engine on elections too large to run through pabutools thousands of times.
"""

from __future__ import annotations

from fractions import Fraction

from alongside.budgeting.rules import Election


def utilities(el: Election, satisfaction: str) -> list[dict[str, Fraction]]:
    costs = {p.id: Fraction(p.cost) for p in el.instance.projects}
    out: list[dict[str, Fraction]] = []
    for ballot in el.profile.ballots:
        u: dict[str, Fraction] = {}
        if satisfaction == "cost":
            u = {pid: costs[pid] for pid in ballot.projects}
        elif satisfaction == "cardinality":
            u = dict.fromkeys(ballot.projects, Fraction(1))
        elif satisfaction == "cost-points":
            assert ballot.points is not None
            for pid, pts in zip(ballot.projects, ballot.points, strict=True):
                u[pid] = Fraction(pts) * costs[pid]
        elif satisfaction == "borda":
            n = len(ballot.projects)
            u = {pid: Fraction(n - i - 1) for i, pid in enumerate(ballot.projects)}
        out.append(u)
    return out


def greedy(el: Election, satisfaction: str, initial: list[str] | None = None) -> list[str]:
    costs = {p.id: Fraction(p.cost) for p in el.instance.projects}
    util = utilities(el, satisfaction)
    chosen = list(initial or [])
    left = Fraction(el.instance.budget) - sum((costs[p] for p in chosen), Fraction(0))
    inf = Fraction(10**100)

    def density(pid: str) -> Fraction:
        total = sum((u.get(pid, Fraction(0)) for u in util), Fraction(0))
        if satisfaction == "borda":
            return inf if costs[pid] == 0 else total / costs[pid]
        if total > 0:
            return inf if costs[pid] == 0 else total / costs[pid]
        return Fraction(0)

    for pid in sorted((p for p in costs if p not in chosen), key=lambda p: (-density(p), p)):
        if costs[pid] <= left:
            chosen.append(pid)
            left -= costs[pid]
    return chosen


def mes(el: Election, satisfaction: str, beta: Fraction | None = None) -> list[str]:
    costs = {p.id: Fraction(p.cost) for p in el.instance.projects}
    util = utilities(el, satisfaction)
    n = len(util)
    if n == 0:
        return []
    share = Fraction(el.instance.budget) / n if beta is None else beta
    budgets = [share] * n
    supporters = {pid: [i for i in range(n) if util[i].get(pid, 0) > 0] for pid in costs}
    selected = sorted(p for p in costs if costs[p] == 0 and supporters[p])
    remaining = {p for p in costs if costs[p] > 0 and supporters[p]}
    while True:
        best: tuple[Fraction, str] | None = None
        for pid in sorted(remaining):
            sup = supporters[pid]
            if sum(budgets[i] for i in sup) < costs[pid]:
                continue
            # Least rho with sum_i min(b_i, rho * u_i) >= cost.
            order = sorted(sup, key=lambda i: budgets[i] / util[i][pid])
            paid = Fraction(0)
            rest = sum(util[i][pid] for i in sup)
            rho = Fraction(0)
            for i in order:
                rho = (costs[pid] - paid) / rest
                if rho * util[i][pid] <= budgets[i]:
                    break
                paid += budgets[i]
                rest -= util[i][pid]
            if best is None or (rho, pid) < best:
                best = (rho, pid)
        if best is None:
            return selected
        rho, pid = best
        selected.append(pid)
        remaining.discard(pid)
        for i in supporters[pid]:
            budgets[i] -= min(budgets[i], rho * util[i][pid])


def mes_add1(el: Election, satisfaction: str) -> list[str]:
    costs = {p.id: Fraction(p.cost) for p in el.instance.projects}
    util = utilities(el, satisfaction)
    n = len(util)
    if n == 0:
        return []
    budget = Fraction(el.instance.budget)
    available = [p for p in costs if costs[p] > 0 and any(u.get(p, 0) > 0 for u in util)]
    beta = budget / n
    previous: list[str] = []
    while True:
        outcome = mes(el, satisfaction, beta)
        spent = sum((costs[p] for p in outcome), Fraction(0))
        if spent > budget:
            return previous
        if all(p in outcome or spent + costs[p] > budget for p in available):
            return outcome
        previous = outcome
        beta += 1
