"""One call from an election to an outcome: rule, satisfaction, completion, tie-breaking.

``tally(election, rule="mes", completion="add1-greedy")`` runs the rule and keeps everything
needed to explain the outcome (see :mod:`.explain`). The rules cities announce their results by
take their parameters as keywords::

    tally(election, "greedy-threshold", threshold=50)
    tally(election, "greedy-exclusive", exclusive=[("p3", "p7")])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from alongside.budgeting.rules.comparison import Comparison, compare
from alongside.budgeting.rules.greedy import GreedyResult, greedy
from alongside.budgeting.rules.mes import MesRun, mes, mes_add1
from alongside.budgeting.rules.model import BallotKind, Election, Number, exact
from alongside.budgeting.rules.prepare import (
    Prepared,
    Satisfaction,
    check_satisfaction,
    default_satisfaction,
    prepare,
)
from alongside.budgeting.rules.scored import (
    Outcome,
    ScoredOptions,
    ScoredResult,
    exclusive_groups,
    project_scores,
    reserve_from_comment,
    scored_greedy,
    threshold_from_meta,
)
from alongside.budgeting.rules.tiebreak import tie_break_ranks


class Rule(StrEnum):
    GREEDY = "greedy"
    """Utilitarian greedy, as pabutools computes it: satisfaction per unit of cost."""
    MES = "mes"
    GREEDY_SCORE = "greedy-score"
    """Most score first, skipping what does not fit (:mod:`.scored`): Pabulib's ``greedy``."""
    GREEDY_THRESHOLD = "greedy-threshold"
    GREEDY_NO_SKIP = "greedy-no-skip"
    GREEDY_EXCLUSIVE = "greedy-exclusive"
    GREEDY_CUSTOM = "greedy-custom"
    """Poznań's: greedy-no-skip, then the first misfit from reserve funds if nearly covered."""
    MES_ADD1_COMPARISON = "equalshares/add1-comparison"
    """Equal Shares completed by ``add1-to-budget``, then equalshares.net's comparison step."""

    @property
    def by_score(self) -> bool:
        return self in _BY_SCORE


_BY_SCORE = frozenset(
    {
        Rule.GREEDY_SCORE,
        Rule.GREEDY_THRESHOLD,
        Rule.GREEDY_NO_SKIP,
        Rule.GREEDY_EXCLUSIVE,
        Rule.GREEDY_CUSTOM,
    }
)


class Completion(StrEnum):
    """How MES's outcome is completed (MES alone often leaves money unspent)."""

    NONE = "none"
    ADD1 = "add1"
    """Raise every voter's share one currency unit at a time (pabutools'
    ``voter_budget_increment=1``) while the outcome stays within budget and is not exhaustive."""
    ADD1_GREEDY = "add1-greedy"
    """``add1``, then utilitarian greedy on what is left (as equalshares.net recommends)."""
    ADD1_TO_BUDGET = "add1-to-budget"
    """Like ``add1``, but an exhaustive outcome does not stop the raising, only one over budget
    does (equalshares.net's Add1 without its "exhaustive" option: Wieliczka 2023)."""


class Stage(StrEnum):
    """How a selected project came to be selected."""

    FREE = "free"
    EQUAL_SHARES = "equal-shares"
    COMPLETION = "completion"
    GREEDY = "greedy"
    RESERVE = "reserve"
    """Funded from reserve funds beyond the budget (greedy-custom)."""


@dataclass(frozen=True, slots=True)
class TallyResult:
    election: Election
    prep: Prepared
    rule: Rule
    satisfaction: Satisfaction
    completion: Completion
    tie_break_seed: str | None
    order: tuple[int, ...]
    """Selected project indices in selection order."""
    stages: dict[int, Stage]
    mes_run: MesRun | None
    """The MES run whose outcome was kept (with its trace)."""
    add1_increments: int
    greedy_run: GreedyResult | None
    """Greedy (the rule itself, the completion after add1, or the outcome a comparison kept)."""
    scored_run: ScoredResult | None = None
    """The count of a rule by score."""
    comparison: Comparison | None = None
    """The comparison step of ``equalshares/add1-comparison``."""

    @property
    def greedy_outcome(self) -> bool:
        """Whether the outcome is utilitarian greedy's (the rule, or a comparison's choice)."""
        if self.comparison is not None:
            return not self.comparison.kept_equal_shares
        return self.rule is Rule.GREEDY

    @property
    def selected(self) -> list[str]:
        """Selected project ids, in selection order."""
        return [self.prep.ids[p] for p in self.order]

    @property
    def budget_used(self) -> Number:
        """Exact total cost of the selected projects (in real money)."""
        scaled = sum(self.prep.costs[p] for p in self.order)
        return exact(Fraction(scaled, self.prep.money_scale))

    @property
    def equal_share(self) -> Fraction | None:
        """Each voter's starting share in MES (after add1 increments), in real money."""
        if self.mes_run is None:
            return None
        return self.mes_run.beta / self.prep.money_scale

    def money(self, scaled: Number) -> Fraction:
        """Scaled engine money back to real money."""
        return Fraction(scaled) / self.prep.money_scale


def tally(
    election: Election,
    rule: Rule | str = Rule.MES,
    satisfaction: Satisfaction | str | None = None,
    completion: Completion | str | None = None,
    tie_break_seed: str | None = None,
    *,
    threshold: Number | None = None,
    exclusive: Iterable[Iterable[str]] = (),
    reserve: Number | None = None,
    exact: bool = False,
) -> TallyResult:
    """Run a rule on an election.

    ``satisfaction`` defaults to ``cost`` for approval ballots, ``cost-points`` for cumulative
    and scoring ballots, and for ordinal ballots ``borda`` under greedy and ``cost`` (every
    ranked project counts as supported) under MES. ``completion`` defaults to ``add1-greedy``
    for MES; greedy takes no completion.

    The rules by score (:mod:`.scored`) take no satisfaction or completion, and:
    ``threshold``, the least score a project needs to be funded (any of them; greedy-threshold
    reads META's ``min_project_score_threshold`` when it is not given); ``exclusive``, groups
    of project ids of which at most one may be funded (greedy-exclusive); ``reserve``, the
    share of the first misfit's cost that what is left must cover for it to be funded from
    reserve funds (greedy-custom; read from META's comment when not given, as in Poznań's).

    ``exact`` runs Equal Shares in exact-only mode: rational arithmetic throughout, no
    floating-point proposals (much slower; the same outcome, which the tests check).

    Raises ``ValueError`` for combinations that make no sense.
    """
    rule = Rule(rule)
    if rule.by_score:
        return _tally_by_score(
            election, rule, satisfaction, completion, tie_break_seed, threshold, exclusive, reserve
        )
    if threshold is not None or reserve is not None or any(True for _ in exclusive):
        raise ValueError(f"{rule.value} takes no threshold, exclusive projects or reserve")
    if rule is Rule.MES_ADD1_COMPARISON:
        return _tally_compared(election, satisfaction, completion, tie_break_seed, exact)
    kind = election.profile.kind
    sat = (
        default_satisfaction(kind, rule.value)
        if satisfaction is None
        else Satisfaction(satisfaction)
    )
    check_satisfaction(kind, sat)
    if completion is None:
        comp = Completion.NONE if rule is Rule.GREEDY else Completion.ADD1_GREEDY
    else:
        comp = Completion(completion)
    if rule is Rule.GREEDY and comp is not Completion.NONE:
        raise ValueError("greedy is exhaustive already: use --completion none")
    prep = prepare(election, sat)
    ranks = tie_break_ranks(prep.ids, tie_break_seed)

    stages: dict[int, Stage] = {}
    run: MesRun | None = None
    increments = 0
    greedy_run: GreedyResult | None = None
    if rule is Rule.GREEDY:
        greedy_run = greedy(prep, ranks)
        order = list(greedy_run.selected)
        stages.update(dict.fromkeys(order, Stage.GREEDY))
    else:
        if comp is Completion.NONE:
            run = mes(prep, ranks, trace=True, exact=exact)
        else:
            until = comp is not Completion.ADD1_TO_BUDGET
            found = mes_add1(prep, ranks, trace=True, stop_when_exhaustive=until, exact=exact)
            run, increments = found.run, found.increments
        stages.update(dict.fromkeys(run.free, Stage.FREE))
        stages.update((r.project, Stage.EQUAL_SHARES) for r in run.rounds)
        order = list(run.selected)
        if comp is Completion.ADD1_GREEDY:
            greedy_run = greedy(prep, ranks, order)
            stages.update(dict.fromkeys(greedy_run.selected, Stage.COMPLETION))
            order.extend(greedy_run.selected)
    return TallyResult(
        election=election,
        prep=prep,
        rule=rule,
        satisfaction=sat,
        completion=comp,
        tie_break_seed=tie_break_seed,
        order=tuple(order),
        stages=stages,
        mes_run=run,
        add1_increments=increments,
        greedy_run=greedy_run,
    )


def _tally_by_score(
    election: Election,
    rule: Rule,
    satisfaction: Satisfaction | str | None,
    completion: Completion | str | None,
    tie_break_seed: str | None,
    threshold: Number | None,
    exclusive: Iterable[Iterable[str]],
    reserve: Number | None,
) -> TallyResult:
    name = rule.value
    if satisfaction is not None:
        raise ValueError(f"{name} ranks projects by their score: it takes no satisfaction")
    if completion is not None and Completion(completion) is not Completion.NONE:
        raise ValueError(f"{name} takes no completion: use --completion none")
    meta = election.instance.meta
    if threshold is None and rule is Rule.GREEDY_THRESHOLD:
        threshold = threshold_from_meta(meta)
        if threshold is None:
            raise ValueError(
                "greedy-threshold needs a threshold: give one, or a file whose META has "
                "min_project_score_threshold"
            )
    groups = [tuple(group) for group in exclusive]
    if groups and rule is not Rule.GREEDY_EXCLUSIVE:
        raise ValueError(f"{name} takes no mutually exclusive projects: use greedy-exclusive")
    if reserve is not None and rule is not Rule.GREEDY_CUSTOM:
        raise ValueError(f"{name} takes no reserve: use greedy-custom")
    share: Fraction | None = None
    if rule is Rule.GREEDY_CUSTOM:
        share = reserve_from_comment(meta) if reserve is None else Fraction(reserve)
        if share is None:
            raise ValueError(
                "greedy-custom needs the reserve share (Poznań: 80%): give one, or a file whose "
                "META comment describes it"
            )
        if not 0 < share <= 1:
            raise ValueError("the reserve share must be more than 0% and at most 100%")
    prep = prepare(election, Satisfaction.COST)
    ranks = tie_break_ranks(prep.ids, tie_break_seed)
    options = ScoredOptions(
        threshold=threshold,
        stop_at_misfit=rule in (Rule.GREEDY_NO_SKIP, Rule.GREEDY_CUSTOM),
        exclusive=exclusive_groups(prep, groups),
        reserve=share,
    )
    run = scored_greedy(prep, project_scores(election, prep), ranks, options)
    stages = {
        step.project: Stage.RESERVE if step.outcome is Outcome.FUNDED_FROM_RESERVE else Stage.GREEDY
        for step in run.steps
        if step.outcome in (Outcome.FUNDED, Outcome.FUNDED_FROM_RESERVE)
    }
    return TallyResult(
        election=election,
        prep=prep,
        rule=rule,
        satisfaction=prep.satisfaction,
        completion=Completion.NONE,
        tie_break_seed=tie_break_seed,
        order=run.selected,
        stages=stages,
        mes_run=None,
        add1_increments=0,
        greedy_run=None,
        scored_run=run,
    )


def _tally_compared(
    election: Election,
    satisfaction: Satisfaction | str | None,
    completion: Completion | str | None,
    tie_break_seed: str | None,
    exact: bool,
) -> TallyResult:
    name = Rule.MES_ADD1_COMPARISON.value
    if election.profile.kind is not BallotKind.APPROVAL:
        raise ValueError(f"{name} compares approvals: it needs approval ballots")
    if satisfaction is not None and Satisfaction(satisfaction) is not Satisfaction.COST:
        raise ValueError(f"{name} uses cost satisfaction")
    if completion is not None and Completion(completion) is not Completion.ADD1_TO_BUDGET:
        raise ValueError(f"{name} completes Equal Shares by add1-to-budget")
    prep = prepare(election, Satisfaction.COST)
    ranks = tie_break_ranks(prep.ids, tie_break_seed)
    found = mes_add1(prep, ranks, trace=True, stop_when_exhaustive=False, exact=exact)
    by_votes = greedy(prep, ranks)
    comparison = compare(election, prep.ids, found.run.selected, by_votes)
    stages: dict[int, Stage] = {}
    run: MesRun | None = None
    greedy_run: GreedyResult | None = None
    if comparison.kept_equal_shares:
        run = found.run
        stages.update(dict.fromkeys(run.free, Stage.FREE))
        stages.update((r.project, Stage.EQUAL_SHARES) for r in run.rounds)
        order = tuple(run.selected)
    else:
        greedy_run = by_votes
        stages.update(dict.fromkeys(by_votes.selected, Stage.GREEDY))
        order = by_votes.selected
    return TallyResult(
        election=election,
        prep=prep,
        rule=Rule.MES_ADD1_COMPARISON,
        satisfaction=Satisfaction.COST,
        completion=Completion.ADD1_TO_BUDGET,
        tie_break_seed=tie_break_seed,
        order=order,
        stages=stages,
        mes_run=run,
        add1_increments=found.increments if run is not None else 0,
        greedy_run=greedy_run,
        comparison=comparison,
    )
