"""Load and spread signals from minutes given, as pure functions (no Django).

``gini`` and ``top_share`` say how evenly contribution is spread; ``flags`` says whether one
person's recent weeks are more than an organisation thinks is good for them. The pages read a
few pre-summed rows (WeeklyHours, GroupHours) and hand the numbers here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol


def gini(values: Sequence[int]) -> Fraction:
    """The Gini coefficient, exactly: 0 when everyone gave the same (or nobody gave anything),
    near 1 when one person gave nearly all of it. Sorted form, so one pass, not every pair."""
    n = len(values)
    total = sum(values)
    if n == 0 or total == 0:
        return Fraction(0)
    ordered = sorted(values)
    weighted = sum((2 * i - n - 1) * v for i, v in enumerate(ordered, start=1))
    return Fraction(weighted, n * total)


def top_share(values: Sequence[int], fraction: Fraction = Fraction(1, 10)) -> Fraction:
    """Share of the total given by the busiest ``fraction`` of contributors (at least one
    person: the count is rounded up), exactly; 0 when nothing was given."""
    total = sum(values)
    if not values or total == 0:
        return Fraction(0)
    count = max(1, math.ceil(len(values) * Fraction(fraction)))
    return Fraction(sum(sorted(values, reverse=True)[:count]), total)


class Limits(Protocol):
    """What ``flags`` reads from CreditSettings (duck-typed, so this module stays pure)."""

    week_limit_minutes: int
    steady_limit_minutes: int
    steady_weeks: int


@dataclass(frozen=True)
class Flags:
    over_week: bool  # this week is over the week limit
    long_run: bool  # more than steady_weeks weeks in a row over the steady limit, up to now

    @property
    def any(self) -> bool:
        return self.over_week or self.long_run


def trailing_run(weeks: Sequence[int], limit: int) -> int:
    """Weeks in a row over ``limit`` ending at the latest week, or at the week before it when
    the latest (this week, still going) is not yet over: a run is not broken by a Monday."""
    run = 0
    items = list(weeks)
    if items and items[-1] <= limit:
        items.pop()
    for minutes in reversed(items):
        if minutes <= limit:
            break
        run += 1
    return run


def flags(weeks: Sequence[int], settings: Limits) -> Flags:
    """``weeks`` is minutes given per week, oldest first, one entry for every week (0 for a week
    with none), the last being this week."""
    over_week = bool(weeks) and weeks[-1] > settings.week_limit_minutes
    long_run = trailing_run(weeks, settings.steady_limit_minutes) > settings.steady_weeks
    return Flags(over_week=over_week, long_run=long_run)
