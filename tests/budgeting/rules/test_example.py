"""The demo's youth budget example (docs/examples): the two rules give different outcomes."""

from __future__ import annotations

from alongside.budgeting.rules import read_pabulib, tally
from tests.budgeting.rules.helpers import REPO

EXAMPLE = REPO / "docs" / "examples" / "riverside-youth-budget-2026.pb"


def test_greedy_and_equal_shares_fund_different_projects_in_the_example() -> None:
    election = read_pabulib(EXAMPLE)

    greedy = tally(election, "greedy").selected
    equal_shares = tally(election, "mes", completion="add1-greedy").selected

    # Greedy spends £3,200 on the majority's bus; equal shares gives each voter the same share,
    # so the bus's supporters, who already paid for wi-fi and mental health sessions, cannot
    # afford it, and football coaching and the cooking club are funded instead.
    assert greedy == ["wifi", "mind", "bus", "studio"]
    assert equal_shares == ["wifi", "mind", "studio", "football", "kitchen"]
