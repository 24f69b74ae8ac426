"""The ballot rules, with no database: what each ballot kind allows, and that a ballot's stored
form does not depend on how it was typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.budgeting.ballot_paper import (
    BallotRules,
    Kind,
    age_band,
    ballot_problem,
    canonical,
    running_total,
)
from alongside.budgeting.models import Round

COSTS = {1: 1_000_000, 2: 2_000_000, 3: 3_000_000, 4: 500_000}


def rules(kind: Kind, **kwargs: int) -> BallotRules:
    return BallotRules(kind=kind, costs=COSTS, budget_pence=5_000_000, **kwargs)


def test_the_pure_kinds_are_the_rounds_ballot_kinds() -> None:
    assert {k.value for k in Kind} == set(Round.BallotKind.values)


def test_choose_up_to_refuses_more_than_the_limit() -> None:
    assert ballot_problem(rules(Kind.CHOOSE_UP_TO, max_choices=2), [1, 2]) is None
    assert ballot_problem(rules(Kind.CHOOSE_UP_TO, max_choices=2), [1, 2, 3]) == (
        "You can choose up to 2 projects."
    )


def test_choose_one_needs_exactly_one() -> None:
    assert ballot_problem(rules(Kind.CHOOSE_ONE), [1]) is None
    assert ballot_problem(rules(Kind.CHOOSE_ONE), [1, 2]) == "Choose one project."


def test_approval_within_budget_refuses_what_costs_more_than_the_budget() -> None:
    assert ballot_problem(rules(Kind.APPROVAL_WITHIN_BUDGET), [2, 3]) is None
    assert "cost more than the budget" in (
        ballot_problem(rules(Kind.APPROVAL_WITHIN_BUDGET), [1, 2, 3]) or ""
    )


def test_points_must_be_given_and_add_up_to_no_more_than_the_points_to_share() -> None:
    share = rules(Kind.POINTS, points_to_share=10)
    assert ballot_problem(share, [1, 2], [4, 6]) is None
    assert ballot_problem(share, [1, 2]) == "Give each project you chose some points."
    assert ballot_problem(share, [1, 2], [0, 6]) == "Give each project you chose at least 1 point."
    assert ballot_problem(share, [1, 2], [5, 6]) == "You can share out up to 10 points in all."


def test_points_on_a_ballot_without_points_are_refused() -> None:
    assert ballot_problem(rules(Kind.CHOOSE_UP_TO), [1], [3]) == "This ballot does not use points."


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ([], "Choose at least one project."),
        ([1, 1], "You chose the same project twice. Choose each project once."),
        ([9], "One of the projects you chose is not on this ballot. Go back and choose again."),
    ],
)
def test_every_kind_refuses_empty_repeated_and_unknown(choices: list[int], message: str) -> None:
    for kind in Kind:
        assert ballot_problem(rules(kind, points_to_share=10), choices, None) == message


@given(st.permutations([1, 2, 3, 4]), st.integers(min_value=1, max_value=4))
def test_canonical_form_does_not_depend_on_typing_order(order: list[int], size: int) -> None:
    chosen = order[:size]
    for kind in (Kind.CHOOSE_UP_TO, Kind.APPROVAL_WITHIN_BUDGET):
        assert canonical(rules(kind), chosen, None) == canonical(rules(kind), sorted(chosen), None)
    points = [n * 2 for n in chosen]
    pairs = dict(zip(chosen, points, strict=True))
    stored, stored_points = canonical(rules(Kind.POINTS), chosen, points)
    assert stored == tuple(sorted(chosen))
    assert stored_points == tuple(pairs[n] for n in stored)
    # A ranking is its order: never sorted.
    assert canonical(rules(Kind.RANK), chosen, None) == (tuple(chosen), None)


@given(st.lists(st.sampled_from(sorted(COSTS)), unique=True))
def test_running_total_is_the_sum_of_the_chosen_costs(chosen: list[int]) -> None:
    assert running_total(rules(Kind.CHOOSE_UP_TO), chosen) == sum(COSTS[n] for n in chosen)


@given(st.integers(min_value=0, max_value=120))
def test_every_age_has_one_band(age: int) -> None:
    band = age_band(age)
    if band != "other":
        low, high = (int(x) for x in band.split("-"))
        assert low <= age <= high
    else:
        assert age < 11 or age > 25
