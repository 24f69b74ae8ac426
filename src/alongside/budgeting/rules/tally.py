"""One call from an election to an outcome: rule, satisfaction, completion, tie-breaking.

``tally(election, rule="mes", completion="add1-greedy")`` runs the rule and keeps everything
needed to explain the outcome (see :mod:`.explain`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from alongside.budgeting.rules.greedy import GreedyResult, greedy
from alongside.budgeting.rules.mes import MesRun, mes, mes_add1
from alongside.budgeting.rules.model import Election, Number, exact
from alongside.budgeting.rules.prepare import (
    Prepared,
    Satisfaction,
    check_satisfaction,
    default_satisfaction,
    prepare,
)
from alongside.budgeting.rules.tiebreak import tie_break_ranks


class Rule(StrEnum):
    GREEDY = "greedy"
    MES = "mes"


class Completion(StrEnum):
    """How MES's outcome is completed (MES alone often leaves money unspent)."""

    NONE = "none"
    ADD1 = "add1"
    """Raise every voter's share one currency unit at a time (pabutools'
    ``voter_budget_increment=1``) while the outcome stays within budget and is not exhaustive."""
    ADD1_GREEDY = "add1-greedy"
    """``add1``, then utilitarian greedy on what is left (as equalshares.net recommends)."""


class Stage(StrEnum):
    """How a selected project came to be selected."""

    FREE = "free"
    EQUAL_SHARES = "equal-shares"
    COMPLETION = "completion"
    GREEDY = "greedy"


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
    """Greedy (the rule itself, or the completion after add1)."""

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
) -> TallyResult:
    """Run a rule on an election.

    ``satisfaction`` defaults to ``cost`` for approval ballots, ``cost-points`` for cumulative
    and scoring ballots, and for ordinal ballots ``borda`` under greedy and ``cost`` (every
    ranked project counts as supported) under MES. ``completion`` defaults to ``add1-greedy``
    for MES; greedy takes no completion. Raises ``ValueError`` for combinations that make no
    sense.
    """
    rule = Rule(rule)
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
            run = mes(prep, ranks, trace=True)
        else:
            found = mes_add1(prep, ranks, trace=True)
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
