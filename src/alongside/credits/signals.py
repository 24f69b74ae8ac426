"""Load and spread signals from minutes given, as pure functions (no Django).

``gini`` and ``top_share`` say how evenly contribution is spread; ``flags`` says whether one
person's recent weeks are more than an organisation thinks is good for them. The pages read a
few pre-summed rows (WeeklyHours, GroupHours) and hand the numbers here.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol


def gini(values: Sequence[int]) -> Fraction:
    """The Gini coefficient, exactly: 0 when everyone gave the same (or nobody gave anything),
    near 1 when one person gave nearly all of it."""
    return gini_counted(Counter(values))


def gini_counted(counts: Mapping[int, int]) -> Fraction:
    """``gini`` of a group given as how many people gave each amount ({60: 12, 90: 3}): what a
    grouped query returns, a few rows however many people. Sorted form: the people giving
    ``v`` hold ranks r+1 to r+c, whose weights (2i - n - 1) sum to c(2r + c - n)."""
    n = sum(counts.values())
    total = sum(v * c for v, c in counts.items())
    if n == 0 or total == 0:
        return Fraction(0)
    weighted, before = 0, 0
    for value in sorted(counts):
        c = counts[value]
        weighted += value * c * (2 * before + c - n)
        before += c
    return Fraction(weighted, n * total)


def top_share(values: Sequence[int], fraction: Fraction = Fraction(1, 10)) -> Fraction:
    """Share of the total given by the busiest ``fraction`` of contributors (at least one
    person: the count is rounded up), exactly; 0 when nothing was given."""
    return top_share_counted(Counter(values), fraction)


def top_share_counted(counts: Mapping[int, int], fraction: Fraction = Fraction(1, 10)) -> Fraction:
    """``top_share`` of a group given as how many people gave each amount."""
    n = sum(counts.values())
    total = sum(v * c for v, c in counts.items())
    if n == 0 or total == 0:
        return Fraction(0)
    left = max(1, math.ceil(n * Fraction(fraction)))
    top = 0
    for value in sorted(counts, reverse=True):
        taken = min(left, counts[value])
        top += value * taken
        left -= taken
        if not left:
            break
    return Fraction(top, total)


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
