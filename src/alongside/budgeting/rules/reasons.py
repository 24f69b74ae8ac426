"""Why each project was or was not funded, as data: a reason code and the exact amounts.

A results page renders these in any language (:mod:`.explain` renders English); nothing here
is words. Money is real money, exact: ``int`` when whole, else ``Fraction`` (so for a budget
kept in pence, amounts are pence).

Codes, and the fields each sets beyond ``project_id``, ``code``, ``stage``, ``votes``, ``cost``
(and ``points``, ``borda``, ``score`` where the count has them):

========================================  =======================================================
code                                      fields
========================================  =======================================================
``funded_free``                           (costs nothing; supported)
``funded_by_equal_shares``                ``round``, ``supporters``, ``payers``, ``exhausted``,
                                          ``price`` (per unit of satisfaction)
``funded_in_completion``                  ``remaining`` (left after equal shares when reached)
``funded``                                ``remaining`` (greedy, or a rule by score)
``funded_from_reserve``                   ``remaining``, ``reserve`` (greedy-custom)
``no_supporters``                         nobody gains from it under the satisfaction
``over_budget``                           ``budget``; ``stopped_at`` as for ``did_not_fit``
``shares_below_cost``                     ``supporters``, ``supporters_shares``: even their whole
                                          equal shares came to less than its cost
``not_enough_supporters_money``           ``supporters``, ``supporters_shares``,
                                          ``supporters_left``: what they had left after paying
                                          for projects they preferred
``did_not_fit``                           ``remaining``; ``stopped_at`` (its own id) when the
                                          count stopped at it (greedy-no-skip)
``below_threshold``                       ``score``, ``threshold``
``excluded_by_conflict``                  ``conflict`` (the funded project it excludes),
                                          ``remaining``
``not_reached``                           ``stopped_at`` (the project the count stopped at),
                                          ``stopped_funded`` (it was funded from reserve funds),
                                          ``remaining``
========================================  =======================================================

After equal shares and a greedy completion (``add1-greedy``), a project neither funded gets
its equal-shares reason and ``left_over``: the money left over when the completion reached it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from fractions import Fraction

from alongside.budgeting.rules.mes import MesRound
from alongside.budgeting.rules.model import Number, exact, format_number
from alongside.budgeting.rules.prepare import Satisfaction
from alongside.budgeting.rules.scored import Outcome, ScoreBasis, score_basis
from alongside.budgeting.rules.tally import Completion, Stage, TallyResult


class ReasonCode(StrEnum):
    FUNDED_FREE = "funded_free"
    FUNDED_BY_EQUAL_SHARES = "funded_by_equal_shares"
    FUNDED_IN_COMPLETION = "funded_in_completion"
    FUNDED = "funded"
    FUNDED_FROM_RESERVE = "funded_from_reserve"
    NO_SUPPORTERS = "no_supporters"
    OVER_BUDGET = "over_budget"
    SHARES_BELOW_COST = "shares_below_cost"
    NOT_ENOUGH_SUPPORTERS_MONEY = "not_enough_supporters_money"
    DID_NOT_FIT = "did_not_fit"
    BELOW_THRESHOLD = "below_threshold"
    EXCLUDED_BY_CONFLICT = "excluded_by_conflict"
    NOT_REACHED = "not_reached"


@dataclass(frozen=True, slots=True)
class ProjectReason:
    """One project's outcome and the exact numbers behind it (see the module docstring)."""

    project_id: str
    code: ReasonCode
    stage: Stage | None
    """How it was funded (None when it was not)."""
    votes: int
    """Ballots naming it."""
    cost: Number
    points: Number | None = None
    """Total points (points ballots, or points by rank in a count by score)."""
    borda: int | None = None
    """Borda score (under borda satisfaction)."""
    score: Number | None = None
    """The score a rule by score ranked it by."""
    round: int | None = None
    supporters: int | None = None
    """Voters who gain from it (equal shares)."""
    payers: int | None = None
    """Supporters who paid something towards it."""
    exhausted: int | None = None
    """Payers who paid everything they had left."""
    price: Fraction | None = None
    remaining: Number | None = None
    supporters_shares: Number | None = None
    supporters_left: Number | None = None
    budget: Number | None = None
    threshold: Number | None = None
    reserve: Fraction | None = None
    conflict: str | None = None
    stopped_at: str | None = None
    stopped_funded: bool = False
    left_over: Number | None = None

    @property
    def funded(self) -> bool:
        return self.stage is not None

    def as_dict(self) -> dict[str, object]:
        """The fields that are set, exact numbers as JSON (whole numbers, else text)."""
        out: dict[str, object] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None or (item.name == "stopped_funded" and not value):
                continue
            if isinstance(value, int | Fraction) and not isinstance(value, bool):
                value = exact(value)
                out[item.name] = value if isinstance(value, int) else format_number(value)
            else:
                out[item.name] = str(value) if isinstance(value, StrEnum) else value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ProjectReason:
        """The reason :meth:`as_dict` gave (as a count stores it), exact numbers and all."""
        values: dict[str, object] = {}
        for name, value in data.items():
            if name in _TEXT:
                values[name] = str(value)
            elif name in _WHOLE:
                values[name] = int(str(value))
            elif name == "code":
                values[name] = ReasonCode(str(value))
            elif name == "stage":
                values[name] = Stage(str(value))
            elif name == "stopped_funded":
                values[name] = bool(value)
            elif name in _RATIOS:
                values[name] = Fraction(str(value))
            else:
                values[name] = exact(Fraction(str(value)))
        values.setdefault("stage", None)
        return cls(**values)  # type: ignore[arg-type]


_TEXT = frozenset({"project_id", "conflict", "stopped_at"})
_WHOLE = frozenset({"votes", "borda", "round", "supporters", "payers", "exhausted"})
_RATIOS = frozenset({"price", "reserve"})


def project_reasons(result: TallyResult) -> dict[str, ProjectReason]:
    """One reason per project, in instance order."""
    if result.scored_run is not None:
        return _scored_reasons(result)
    rounds: dict[int, tuple[int, MesRound]] = {}
    if result.mes_run is not None:
        rounds = {r.project: (i, r) for i, r in enumerate(result.mes_run.rounds, 1)}
    considered: dict[int, int] = {}
    if result.greedy_run is not None:
        considered = {step.project: step.remaining_before for step in result.greedy_run.steps}
    return {
        project.id: _reason(result, p, rounds, considered)
        for p, project in enumerate(result.election.instance.projects)
    }


def _money(result: TallyResult, scaled: Number) -> Number:
    return exact(result.money(scaled))


def _reason(
    result: TallyResult,
    p: int,
    rounds: dict[int, tuple[int, MesRound]],
    considered: dict[int, int],
) -> ProjectReason:
    prep = result.prep
    project = result.election.instance.projects[p]
    stage = result.stages.get(p)
    base = ProjectReason(
        project.id,
        ReasonCode.FUNDED,
        stage,
        prep.votes[p],
        project.cost,
        points=prep.points[p] if prep.points is not None else None,
        borda=prep.total_weight[p] if prep.satisfaction is Satisfaction.BORDA else None,
    )
    if stage is Stage.FREE:
        return replace(base, code=ReasonCode.FUNDED_FREE)
    if stage is Stage.EQUAL_SHARES:
        number, mes_round = rounds[p]
        return replace(
            base,
            code=ReasonCode.FUNDED_BY_EQUAL_SHARES,
            round=number,
            supporters=mes_round.supporters,
            payers=mes_round.payers,
            exhausted=mes_round.exhausted,
            price=mes_round.rho * prep.money_scale,
        )
    if stage in (Stage.COMPLETION, Stage.GREEDY):
        code = ReasonCode.FUNDED_IN_COMPLETION if stage is Stage.COMPLETION else ReasonCode.FUNDED
        return replace(base, code=code, remaining=_money(result, considered[p]))
    if prep.costs[p] > prep.budget:
        return replace(base, code=ReasonCode.OVER_BUDGET, budget=result.election.instance.budget)
    if result.greedy_outcome:
        return replace(base, code=ReasonCode.DID_NOT_FIT, remaining=_money(result, considered[p]))
    if p in considered and result.completion is Completion.ADD1_GREEDY:
        base = replace(base, left_over=_money(result, considered[p]))
    return _not_funded_by_equal_shares(result, p, base)


def _not_funded_by_equal_shares(result: TallyResult, p: int, base: ProjectReason) -> ProjectReason:
    prep = result.prep
    run = result.mes_run
    assert run is not None
    lo, hi = int(prep.sup_ptr[p]), int(prep.sup_ptr[p + 1])
    supporters = int(prep.mult[prep.sup_grp[lo:hi]].sum())
    if supporters == 0:
        return replace(base, code=ReasonCode.NO_SUPPORTERS)
    shares = _money(result, run.beta * supporters)
    if shares < base.cost:
        return replace(
            base, code=ReasonCode.SHARES_BELOW_COST, supporters=supporters, supporters_shares=shares
        )
    return replace(
        base,
        code=ReasonCode.NOT_ENOUGH_SUPPORTERS_MONEY,
        supporters=supporters,
        supporters_shares=shares,
        supporters_left=_money(result, run.left.get(p, Fraction(0))),
    )


_FROM_OUTCOME = {
    Outcome.FUNDED: ReasonCode.FUNDED,
    Outcome.FUNDED_FROM_RESERVE: ReasonCode.FUNDED_FROM_RESERVE,
    Outcome.DID_NOT_FIT: ReasonCode.DID_NOT_FIT,
    Outcome.BELOW_THRESHOLD: ReasonCode.BELOW_THRESHOLD,
    Outcome.EXCLUDED: ReasonCode.EXCLUDED_BY_CONFLICT,
    Outcome.NOT_REACHED: ReasonCode.NOT_REACHED,
}


def _scored_reasons(result: TallyResult) -> dict[str, ProjectReason]:
    run = result.scored_run
    assert run is not None
    prep = result.prep
    instance = result.election.instance
    by_points = score_basis(result.election.profile.kind) is not ScoreBasis.VOTES
    stopped_at = None if run.stopped_at is None else prep.ids[run.stopped_at]
    stopped_funded = run.stopped_at is not None and run.stopped_at in run.selected
    out: dict[str, ProjectReason] = {}
    for step in sorted(run.steps, key=lambda step: step.project):
        p = step.project
        project = instance.projects[p]
        reason = ProjectReason(
            project.id,
            _FROM_OUTCOME[step.outcome],
            result.stages.get(p),
            prep.votes[p],
            project.cost,
            points=run.scores[p] if by_points else None,
            score=run.scores[p],
            remaining=_money(result, step.remaining_before),
        )
        if p == run.stopped_at and reason.code is ReasonCode.DID_NOT_FIT:
            reason = replace(reason, stopped_at=project.id)
        match reason.code:
            case ReasonCode.DID_NOT_FIT if prep.costs[p] > prep.budget:
                reason = replace(
                    reason, code=ReasonCode.OVER_BUDGET, remaining=None, budget=instance.budget
                )
            case ReasonCode.BELOW_THRESHOLD:
                reason = replace(reason, remaining=None, threshold=run.options.threshold)
            case ReasonCode.FUNDED_FROM_RESERVE:
                reason = replace(reason, reserve=run.options.reserve)
            case ReasonCode.EXCLUDED_BY_CONFLICT:
                assert step.conflict is not None
                reason = replace(reason, conflict=prep.ids[step.conflict])
            case ReasonCode.NOT_REACHED:
                reason = replace(reason, stopped_at=stopped_at, stopped_funded=stopped_funded)
        out[project.id] = reason
    return out
