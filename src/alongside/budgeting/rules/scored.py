"""Greedy by score: the rules most cities announce their results by.

Projects are taken in decreasing order of their *score*, ties by the tie-breaking order, and
each is funded when it fits in what is left of the budget. The score is what the city counts:

==================  ========================================================================
ballots             score
==================  ========================================================================
approval, choose-1  the number of ballots naming the project (its votes)
cumulative,         the total points given to it
scoring
ordinal             points by position: first place gets ``L`` points, second ``L - 1``, and
                    so on, where ``L`` is META's ``max_length`` (else the longest ballot);
                    Kraków's 3, 2 and 1 points for a first, second and third choice
==================  ========================================================================

These are the ``score`` (or, for approval, ``votes``) column of every Pabulib file in the
conformance set. Unlike utilitarian greedy (:mod:`.greedy`) the score is not divided by the
cost: a city ranks projects by support alone.

The variants are Pabulib's rule names, and each is a few lines of :func:`scored_greedy`:

* ``threshold``: projects scoring less are not eligible (``greedy-threshold``, META's
  ``min_project_score_threshold``). They score less than every eligible project, so they all
  come last and never stop the count.
* ``stop_at_misfit``: counting stops at the first eligible project that does not fit
  (``greedy-no-skip``); everything after it is not reached.
* ``exclusive``: groups of mutually exclusive projects (two proposals for the same site); once
  one of a group is funded the others are excluded (``greedy-exclusive``).
* ``reserve``: Poznań's ``greedy-custom``: counting stops at the first project that does not
  fit, and that project is funded too, from reserve funds, when what is left is at least this
  share of its cost. The outcome can then cost more than the budget, by design.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from alongside.budgeting.rules.model import BallotKind, Election, Number, exact, parse_number
from alongside.budgeting.rules.prepare import Prepared


class ScoreBasis(StrEnum):
    """What a project's score counts."""

    VOTES = "votes"
    POINTS = "points"
    POINTS_BY_RANK = "points-by-rank"


def score_basis(kind: BallotKind) -> ScoreBasis:
    if kind.has_points:
        return ScoreBasis.POINTS
    if kind is BallotKind.ORDINAL:
        return ScoreBasis.POINTS_BY_RANK
    return ScoreBasis.VOTES


def project_scores(election: Election, prep: Prepared) -> tuple[Number, ...]:
    """Each project's score (see the module docstring), in instance order."""
    kind = election.profile.kind
    if kind.has_points:
        assert prep.points is not None
        return tuple(exact(Fraction(points)) for points in prep.points)
    if kind is not BallotKind.ORDINAL:
        return prep.votes
    ballots = Counter(ballot.projects for ballot in election.profile.ballots)
    top = _max_length(election.instance.meta) or max(map(len, ballots), default=0)
    index = {pid: i for i, pid in enumerate(prep.ids)}
    scores = [0] * prep.n_projects
    for ranking, count in ballots.items():
        for position, pid in enumerate(ranking):
            scores[index[pid]] += max(top - position, 0) * count
    return tuple(scores)


def _max_length(meta: Mapping[str, str]) -> int:
    text = meta.get("max_length", "").strip()
    return int(text) if text.isdigit() else 0


class Outcome(StrEnum):
    """What happened to a project when the count reached it."""

    FUNDED = "funded"
    FUNDED_FROM_RESERVE = "funded-from-reserve"
    DID_NOT_FIT = "did-not-fit"
    BELOW_THRESHOLD = "below-threshold"
    EXCLUDED = "excluded"
    """Mutually exclusive with a project funded before it."""
    NOT_REACHED = "not-reached"
    """Counting had stopped at an earlier project (``stop_at_misfit``)."""


@dataclass(frozen=True, slots=True)
class ScoredOptions:
    threshold: Number | None = None
    stop_at_misfit: bool = False
    exclusive: tuple[frozenset[int], ...] = ()
    """Groups of project indices; at most one project of each group is funded."""
    reserve: Fraction | None = None
    """With ``stop_at_misfit``: fund the first misfit when what is left is at least this share
    of its cost."""


@dataclass(frozen=True, slots=True)
class ScoredStep:
    """One project, in the order the count considered it."""

    project: int
    outcome: Outcome
    remaining_before: int
    """Scaled money left when the count reached the project."""
    conflict: int | None = None
    """For ``EXCLUDED``: the funded project it is mutually exclusive with."""


@dataclass(frozen=True, slots=True)
class ScoredResult:
    options: ScoredOptions
    scores: tuple[Number, ...]
    selected: tuple[int, ...]
    """In selection order."""
    steps: tuple[ScoredStep, ...]
    remaining: int
    """Scaled money left at the end (negative when reserve funds paid for the last project)."""
    stopped_at: int | None
    """With ``stop_at_misfit``: the project at which counting stopped."""


def scored_greedy(
    prep: Prepared, scores: Sequence[Number], ranks: Sequence[int], options: ScoredOptions
) -> ScoredResult:
    """Count the projects in decreasing score order under ``options``."""
    conflicts: dict[int, set[int]] = {}
    for group in options.exclusive:
        for p in group:
            conflicts.setdefault(p, set()).update(group - {p})
    order = sorted(range(prep.n_projects), key=lambda p: (-scores[p], ranks[p]))
    threshold = options.threshold
    remaining = prep.budget
    selected: list[int] = []
    steps: list[ScoredStep] = []
    stopped_at: int | None = None
    for p in order:
        cost = prep.costs[p]
        clash = next((q for q in selected if q in conflicts.get(p, ())), None)
        if threshold is not None and scores[p] < threshold:
            outcome = Outcome.BELOW_THRESHOLD
        elif stopped_at is not None:
            outcome = Outcome.NOT_REACHED
        elif clash is not None:
            steps.append(ScoredStep(p, Outcome.EXCLUDED, remaining, clash))
            continue
        elif cost <= remaining:
            outcome = Outcome.FUNDED
        elif options.reserve is not None and remaining >= options.reserve * cost:
            outcome, stopped_at = Outcome.FUNDED_FROM_RESERVE, p
        else:
            outcome = Outcome.DID_NOT_FIT
            if options.stop_at_misfit:
                stopped_at = p
        steps.append(ScoredStep(p, outcome, remaining))
        if outcome in (Outcome.FUNDED, Outcome.FUNDED_FROM_RESERVE):
            selected.append(p)
            remaining -= cost
    return ScoredResult(
        options, tuple(scores), tuple(selected), tuple(steps), remaining, stopped_at
    )


def exclusive_groups(prep: Prepared, groups: Iterable[Iterable[str]]) -> tuple[frozenset[int], ...]:
    """Groups of project ids as groups of indices; ``ValueError`` for an unknown id or a group
    of fewer than two projects."""
    index = {pid: i for i, pid in enumerate(prep.ids)}
    out: list[frozenset[int]] = []
    for group in groups:
        ids = list(dict.fromkeys(group))
        unknown = [pid for pid in ids if pid not in index]
        if unknown:
            raise ValueError(f"no project {unknown[0]!r} to make mutually exclusive")
        if len(ids) < 2:
            raise ValueError(f"a group of mutually exclusive projects needs two or more: {ids}")
        out.append(frozenset(index[pid] for pid in ids))
    return tuple(out)


def threshold_from_meta(meta: Mapping[str, str]) -> Number | None:
    """META's ``min_project_score_threshold``, exactly (``None`` when there is none)."""
    text = meta.get("min_project_score_threshold", "").strip()
    if not text or text.lower() == "none":
        return None
    try:
        return parse_number(text)
    except ValueError as exc:
        raise ValueError(f"META min_project_score_threshold: {exc}") from None


_RESERVE = re.compile(r"at least (\d+(?:[.,]\d+)?)\s*% of that project", re.IGNORECASE)


def reserve_from_comment(meta: Mapping[str, str]) -> Fraction | None:
    """The reserve share in a ``greedy-custom`` comment such as Poznań's ("if the remaining
    budget is enough to fund at least 80% of that project, we fund it as well"), or ``None``."""
    found = _RESERVE.search(meta.get("comment", ""))
    if found is None:
        return None
    return Fraction(parse_number(found.group(1))) / 100
