"""Utilitarian greedy: most satisfaction per unit of cost first, skipping what does not fit.

Exactly pabutools' ``greedy_utilitarian_welfare`` (resolute, lexicographic tie-breaking):

1. For each project not already selected, its *density* is total satisfaction / cost, compared
   exactly. With an additive satisfaction (``cost``, ``cardinality``, ``cost-points``) a project
   nobody is satisfied by has density 0 and a free project with supporters has density +inf
   (``greedy_utilitarian_scheme_additive``); with Borda (a positional satisfaction, which
   pabutools runs through its general scheme) every free project has density +inf.
2. Projects are taken in decreasing density, ties by the tie-breaking order; each is selected
   when its cost fits in what is left of the budget, otherwise skipped.

With ``cost`` satisfaction the density is simply the number of votes; projects nobody voted for
come last and are still funded when they fit (as in pabutools).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from alongside.budgeting.rules.prepare import Prepared, Satisfaction


@dataclass(frozen=True, slots=True)
class GreedyStep:
    """One project considered by greedy, in the order it was considered."""

    project: int
    selected: bool
    remaining_before: int
    """Scaled money left when the project was considered."""
    density: Fraction | None
    """Satisfaction per unit of (scaled) cost; ``None`` for +inf."""


@dataclass(frozen=True, slots=True)
class GreedyResult:
    selected: tuple[int, ...]
    """Projects selected by greedy, in selection order (not including the initial ones)."""
    steps: tuple[GreedyStep, ...]
    remaining: int


def density(prep: Prepared, project: int) -> Fraction | None:
    """A project's density (``None`` is +inf), as pabutools defines it for the satisfaction."""
    total = prep.total_utility(project)
    cost = prep.costs[project]
    if prep.satisfaction is Satisfaction.BORDA:
        return None if cost == 0 else Fraction(total, cost)
    if total > 0:
        return None if cost == 0 else Fraction(total, cost)
    return Fraction(0)


def greedy(prep: Prepared, ranks: Sequence[int], initial: Sequence[int] = ()) -> GreedyResult:
    """Run greedy on ``prep`` after the ``initial`` projects (already selected, in order)."""
    chosen = set(initial)
    remaining = prep.budget - sum(prep.costs[p] for p in initial)
    densities = {p: density(prep, p) for p in range(prep.n_projects) if p not in chosen}

    def key(p: int) -> tuple[int, Fraction, int]:
        d = densities[p]
        return (0, Fraction(0), ranks[p]) if d is None else (1, -d, ranks[p])

    selected: list[int] = []
    steps: list[GreedyStep] = []
    for p in sorted(densities, key=key):
        fits = prep.costs[p] <= remaining
        steps.append(GreedyStep(p, fits, remaining, densities[p]))
        if fits:
            selected.append(p)
            remaining -= prep.costs[p]
    return GreedyResult(tuple(selected), tuple(steps), remaining)
