"""The pure signals against brute-force definitions: every pair for Gini, every subset for the
top share, every window for the run of heavy weeks."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from alongside.credits.signals import flags, gini, gini_counted, top_share, top_share_counted

minutes = st.lists(st.integers(min_value=0, max_value=5000), max_size=12)


@dataclass
class Limits:
    week_limit_minutes: int = 8 * 60
    steady_limit_minutes: int = 4 * 60
    steady_weeks: int = 4


def brute_gini(values: list[int]) -> Fraction:
    total = sum(values)
    if not values or total == 0:
        return Fraction(0)
    pairs = sum(abs(a - b) for a in values for b in values)
    return Fraction(pairs, 2 * len(values) * total)


@given(minutes)
def test_gini_is_the_mean_difference_over_every_pair(values: list[int]) -> None:
    assert gini(values) == brute_gini(values)
    assert 0 <= gini(values) < 1


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=20))
def test_gini_is_zero_when_everyone_gave_the_same(value: int, count: int) -> None:
    assert gini([value] * count) == 0


def test_gini_of_one_giver_among_four() -> None:
    assert gini([0, 0, 0, 100]) == Fraction(3, 4)


@given(minutes, st.sampled_from([Fraction(1, 10), Fraction(1, 4), Fraction(1, 2)]))
def test_top_share_is_the_best_subset_of_the_rounded_up_size(
    values: list[int], fraction: Fraction
) -> None:
    total = sum(values)
    if not values or total == 0:
        assert top_share(values, fraction) == 0
        return
    size = max(1, math.ceil(len(values) * fraction))
    best = max(sum(chosen) for chosen in combinations(values, size))
    assert top_share(values, fraction) == Fraction(best, total)


def test_top_share_of_eleven_people_counts_two() -> None:
    assert top_share([10] * 9 + [50, 50]) == Fraction(100, 190)


def brute_long_run(weeks: list[int], limits: Limits) -> bool:
    need = limits.steady_weeks + 1
    ends = [len(weeks)]
    if weeks and weeks[-1] <= limits.steady_limit_minutes:
        ends = [len(weeks) - 1]
    return any(
        end >= need and all(w > limits.steady_limit_minutes for w in weeks[end - need : end])
        for end in ends
    )


weeks_strategy = st.lists(st.sampled_from([0, 60, 240, 241, 300, 480, 481, 900]), max_size=10)


@given(weeks_strategy, st.integers(min_value=1, max_value=5))
def test_flags_match_the_definitions(weeks: list[int], steady_weeks: int) -> None:
    limits = Limits(steady_weeks=steady_weeks)
    result = flags(weeks, limits)
    assert result.over_week == (bool(weeks) and weeks[-1] > 480)
    assert result.long_run == brute_long_run(weeks, limits)
    assert result.any == (result.over_week or result.long_run)


def test_exactly_the_limit_is_not_over() -> None:
    assert not flags([480], Limits()).any
    assert flags([481], Limits()).over_week


def test_five_heavy_weeks_are_a_run_and_a_quiet_monday_does_not_break_it() -> None:
    assert flags([300] * 5, Limits()).long_run
    assert flags([300] * 5 + [0], Limits()).long_run
    assert not flags([300] * 4, Limits()).long_run
    assert not flags([300] * 5 + [0, 0], Limits()).long_run


@given(st.lists(st.integers(0, 600), max_size=60))
def test_counted_forms_are_the_same_as_the_plain_ones(values: list[int]) -> None:
    counts = Counter(values)
    assert gini_counted(counts) == brute_gini(values)
    assert top_share_counted(counts) == _top_share_by_sorting(values)


def _top_share_by_sorting(values: list[int]) -> Fraction:
    total = sum(values)
    if not values or total == 0:
        return Fraction(0)
    count = max(1, -(-len(values) // 10))
    return Fraction(sum(sorted(values, reverse=True)[:count]), total)
