"""What makes a ballot valid for a round, in pure Python (no database), so that the online
form, the kiosk, the paper entry and the API all apply the same rule from one home.

A ballot names proposals by their number in the round (the Pabulib file's project ids). The
round's ballot kind says what a voter may do:

- choose up to ``max_choices`` projects (at least one);
- choose exactly one;
- choose projects whose costs add up to no more than the budget (approval within budget);
- share out ``points_to_share`` points, each project given at least one point, in total no
  more than the points to share;
- rank up to ``max_choices`` projects, best first.

Each problem is returned as a sentence a twelve-year-old can act on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """The same values as ``Round.BallotKind`` (a test keeps the two the same)."""

    CHOOSE_UP_TO = "choose_up_to"
    CHOOSE_ONE = "choose_one"
    APPROVAL_WITHIN_BUDGET = "approval_budget"
    POINTS = "points"
    RANK = "rank"


@dataclass(frozen=True, slots=True)
class BallotRules:
    kind: Kind
    costs: Mapping[int, int]
    """The pence each proposal on this voter's ballot paper costs, by number."""
    budget_pence: int
    max_choices: int | None = None
    points_to_share: int | None = None

    @property
    def limit(self) -> int:
        """How many projects a voter may name."""
        if self.kind is Kind.CHOOSE_ONE:
            return 1
        if self.kind in (Kind.CHOOSE_UP_TO, Kind.RANK) and self.max_choices:
            return self.max_choices
        return len(self.costs)


class BallotProblem(ValueError):
    """A ballot the round's rules do not allow, with the sentence to show the voter."""


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def ballot_problem(
    rules: BallotRules, choices: Sequence[int], points: Sequence[int] | None = None
) -> str | None:
    """The first reason this ballot is not allowed, or None when it is."""
    if not choices:
        return "Choose at least one project."
    if len(set(choices)) != len(choices):
        return "You chose the same project twice. Choose each project once."
    if any(number not in rules.costs for number in choices):
        return "One of the projects you chose is not on this ballot. Go back and choose again."
    if rules.kind is Kind.CHOOSE_ONE and len(choices) != 1:
        return "Choose one project."
    if len(choices) > rules.limit:
        return f"You can choose up to {_plural(rules.limit, 'project', 'projects')}."
    if rules.kind is Kind.APPROVAL_WITHIN_BUDGET:
        total = sum(rules.costs[number] for number in choices)
        if total > rules.budget_pence:
            return "The projects you chose cost more than the budget. Take one off and try again."
    if rules.kind is Kind.POINTS:
        if points is None or len(points) != len(choices):
            return "Give each project you chose some points."
        if any(p < 1 for p in points):
            return "Give each project you chose at least 1 point."
        available = rules.points_to_share or 0
        if sum(points) > available:
            return f"You can share out up to {_plural(available, 'point', 'points')} in all."
    elif points is not None:
        return "This ballot does not use points."
    return None


def check_ballot(
    rules: BallotRules, choices: Sequence[int], points: Sequence[int] | None = None
) -> None:
    """Raise ``BallotProblem`` unless the ballot is allowed."""
    problem = ballot_problem(rules, choices, points)
    if problem is not None:
        raise BallotProblem(problem)


def running_total(rules: BallotRules, choices: Sequence[int]) -> int:
    """The pence the chosen projects cost together (shown as the voter chooses)."""
    return sum(rules.costs.get(number, 0) for number in choices)


def canonical(
    rules: BallotRules, choices: Sequence[int], points: Sequence[int] | None
) -> tuple[tuple[int, ...], tuple[int, ...] | None]:
    """The one way a ballot is stored and compared: ranked ballots keep their order, others
    are sorted by number (with their points beside), so two entries of the same paper
    compare equal however they were typed."""
    if rules.kind is Kind.RANK:
        return tuple(choices), None
    if points is None:
        return tuple(sorted(choices)), None
    pairs = sorted(zip(choices, points, strict=True))
    return tuple(n for n, _ in pairs), tuple(p for _, p in pairs)


def age_band(age: int) -> str:
    """The band turnout is shown by, never an exact age: 11-13, 14-16, 17-19, 20-25, other."""
    for low, high in ((11, 13), (14, 16), (17, 19), (20, 25)):
        if low <= age <= high:
            return f"{low}-{high}"
    return "other"
