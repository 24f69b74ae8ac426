"""Exact-only mode (``tally(..., exact=True)``, ``--exact``) gives what the fast engine gives.

The fast engine proposes with floating point and proves each proposal (``mes.py``'s module
docstring derives the error bounds); exact-only mode proposes nothing in floating point. Same
rounds (projects, exact prices, payers) on generated elections, and the reference selections
on the small real files here; ``make bench`` runs it on every file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.budgeting.rules import BallotKind, Election, tally
from tests.budgeting.rules.helpers import election, elections, expected
from tests.hypothesis_profiles import examples

COMBINATIONS = [
    ("cost", BallotKind.APPROVAL),
    ("cardinality", BallotKind.APPROVAL),
    ("cost-points", BallotKind.CUMULATIVE),
    ("cost-points", BallotKind.SCORING),
    ("borda", BallotKind.ORDINAL),
]


@st.composite
def scaled_elections(draw: st.DrawFn, kind: BallotKind) -> Election:
    """Elections whose add1 takes many increments (costs and budget scaled up together)."""
    el = draw(elections(kind=kind, max_voters=10, decimals=True))
    factor = draw(st.sampled_from([1, 40, 300]))
    projects = tuple(replace(p, cost=p.cost * factor) for p in el.instance.projects)
    return replace(
        el, instance=replace(el.instance, budget=el.instance.budget * factor, projects=projects)
    )


@given(
    st.sampled_from(COMBINATIONS).flatmap(
        lambda c: st.tuples(st.just(c[0]), scaled_elections(c[1]))
    ),
    st.sampled_from(["none", "add1", "add1-greedy"]),
    st.sampled_from([None, "vote night"]),
)
@settings(examples(0.6), suppress_health_check=[HealthCheck.too_slow])
def test_exact_only_gives_the_same_rounds(
    case: tuple[str, Election], completion: str, seed: str | None
) -> None:
    # Given any election, tallied by the fast engine and in exact-only mode
    satisfaction, el = case
    fast = tally(el, "mes", satisfaction, completion, tie_break_seed=seed)
    exact = tally(el, "mes", satisfaction, completion, tie_break_seed=seed, exact=True)
    # Then both select the same projects in the same order, at the same increment, and every
    # round has the same exact price and payers
    assert exact.selected == fast.selected
    assert exact.add1_increments == fast.add1_increments
    assert exact.mes_run is not None
    assert fast.mes_run is not None
    assert exact.mes_run.rounds == fast.mes_run.rounds


SMALL = sorted(name for name, entry in expected().items() if entry["voters"] <= 200)
"""The real files CI tallies in exact-only mode (a few seconds in all; make bench does all)."""


@pytest.mark.parametrize("name", SMALL or ["the-conformance-set-is-missing"])
def test_exact_only_reproduces_the_small_real_files(pb: Path, name: str) -> None:
    # Given a small real file and every MES selection pabutools made for it
    selections = expected()[name]["selections"]
    keys = sorted(k for k in selections if k.startswith("mes") and not k.endswith(" add1"))
    assert keys
    for key in keys:
        _, satisfaction, completion = key.split()
        # When it is tallied in exact-only mode
        result = tally(election(name), "mes", satisfaction, completion, exact=True)
        # Then it selects what pabutools selected (add1 is add1-greedy's equal-shares stage)
        assert sorted(result.selected) == sorted(selections[key]), key
        add1 = selections.get(f"mes {satisfaction} add1")
        if completion == "add1-greedy" and add1 is not None:
            assert result.mes_run is not None
            stage = [result.prep.ids[p] for p in result.mes_run.selected]
            assert sorted(stage) == sorted(add1), f"mes {satisfaction} add1"
