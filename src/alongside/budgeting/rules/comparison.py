"""The comparison step of equalshares.net, after Equal Shares: does greedy please more voters?

As the Equal Shares compute tool defines it (``comparisonStep`` with ``satisfaction``, the mode
the Pabulib checker uses for ``equalshares/add1-comparison``): compute the greedy outcome (most
votes first, skipping what does not fit); a voter *prefers* an outcome that funds more of the
projects on their ballot. When more voters prefer the greedy outcome than prefer the Equal
Shares one, the greedy outcome is taken instead. Voters who approve none of either outcome's
projects count as preferring neither (0 against 0), as they do in the checker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from alongside.budgeting.rules.greedy import GreedyResult
from alongside.budgeting.rules.model import Election


@dataclass(frozen=True, slots=True)
class Comparison:
    equal_shares: tuple[int, ...]
    """The Equal Shares outcome compared (project indices, in selection order)."""
    greedy: GreedyResult
    prefer_equal_shares: int
    """Voters with more of their projects funded by Equal Shares than by greedy."""
    prefer_greedy: int

    @property
    def kept_equal_shares(self) -> bool:
        return self.prefer_greedy <= self.prefer_equal_shares


def compare(
    election: Election, ids: Sequence[str], equal_shares: Sequence[int], greedy: GreedyResult
) -> Comparison:
    """Count the voters preferring each outcome (approval ballots)."""
    mes_ids = {ids[p] for p in equal_shares}
    greedy_ids = {ids[p] for p in greedy.selected}
    prefer_mes = prefer_greedy = 0
    for projects, count in Counter(frozenset(b.projects) for b in election.profile.ballots).items():
        mine, theirs = len(projects & mes_ids), len(projects & greedy_ids)
        if mine > theirs:
            prefer_mes += count
        elif theirs > mine:
            prefer_greedy += count
    return Comparison(tuple(equal_shares), greedy, prefer_mes, prefer_greedy)
