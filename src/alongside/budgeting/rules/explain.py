"""Plain-words explanations of an outcome, for each project and for each voter.

The numbers behind every sentence are exact; only their display is rounded (to the currency's
whole units when exact, else to two decimals, rounding down amounts that something "did not
fit in" or that supporters "had left", so a displayed amount never looks like enough when it
was not).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Protocol

from alongside.budgeting.rules.mes import MesRound
from alongside.budgeting.rules.model import Ballot, BallotKind, Number, format_number
from alongside.budgeting.rules.prepare import Satisfaction
from alongside.budgeting.rules.tally import Rule, Stage, TallyResult

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def format_money(value: Number, currency: str = "", *, down: bool = False) -> str:
    """``£3,000``, ``£1,839.99``, ``12,500 PLN``: whole units when exact, else two decimals."""
    amount = Fraction(value)
    if amount.denominator == 1:
        text = f"{amount.numerator:,}"
    else:
        dec = Decimal(amount.numerator) / Decimal(amount.denominator)
        rounded = dec.quantize(Decimal("0.01"), rounding=ROUND_DOWN if down else ROUND_HALF_EVEN)
        text = f"{rounded:,.2f}"
    code = currency.strip().upper()
    if code in _SYMBOLS:
        sign = "-" if text.startswith("-") else ""
        return f"{sign}{_SYMBOLS[code]}{text.lstrip('-')}"
    return f"{text} {code}" if code else text


def _payers_words(mes_round: MesRound) -> str:
    """ "212 supporters could share its", or "1 of its 3 supporters could pay its" when the
    others had nothing left."""
    payers, supporters = mes_round.payers, mes_round.supporters
    verb = "could pay its" if payers == 1 else "could share its"
    if payers == supporters:
        return f"{_plural(payers, 'supporter')} {verb}"
    return f"{payers} of its {_plural(supporters, 'supporter')} {verb}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


@dataclass(frozen=True, slots=True)
class ProjectExplanation:
    project_id: str
    name: str
    selected: bool
    votes: int
    """Ballots naming the project."""
    cost: Number
    stage: str | None
    """How it was selected: free, equal-shares, completion or greedy (None if not)."""
    reason: str
    """A stable code for the reason (see :func:`explain_projects`)."""
    text: str
    """The reason in plain words."""
    amounts: dict[str, str] = field(default_factory=dict)
    """The exact amounts behind the text (decimal strings, real money)."""

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "selected": self.selected,
            "votes": self.votes,
            "cost": json_number(self.cost),
            "stage": self.stage,
            "reason": self.reason,
            "text": self.text,
            "amounts": self.amounts,
        }


def json_number(value: Number) -> int | str:
    """JSON for exact money: an integer when whole, else exact text: a finite decimal such as
    ``"12.5"``, or a ratio such as ``"374/3"`` when it has no finite decimal form."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator  # a whole Fraction (such as an equal share) is whole too
    return value if isinstance(value, int) else format_number(value)


def _exact_text(value: Fraction) -> str:
    """An exact amount as text: a finite decimal, or a ratio when it has no finite form."""
    return format_number(value if value.denominator != 1 else value.numerator)


def explain_projects(result: TallyResult) -> dict[str, ProjectExplanation]:
    """One explanation per project, in instance order.

    Reason codes: ``free``, ``equal-shares``, ``completion``, ``greedy`` (selected), and
    ``no-support``, ``over-budget``, ``shares-too-small``, ``supporters-spent``,
    ``did-not-fit`` (not selected).
    """
    prep = result.prep
    instance = result.election.instance
    currency = instance.currency
    out: dict[str, ProjectExplanation] = {}
    rounds: dict[int, tuple[int, MesRound]] = {}
    if result.mes_run is not None:
        rounds = {r.project: (i + 1, r) for i, r in enumerate(result.mes_run.rounds)}
    considered: dict[int, int] = {}
    greedy_run = result.greedy_run
    if greedy_run is not None:
        considered = {step.project: step.remaining_before for step in greedy_run.steps}

    def money(scaled: Number, *, down: bool = False) -> str:
        return format_money(result.money(scaled), currency, down=down)

    def exact(scaled: Number) -> str:
        return _exact_text(result.money(scaled))

    budget = prep.budget
    for p, project in enumerate(instance.projects):
        votes = prep.votes[p]
        cost = prep.costs[p]
        stage = result.stages.get(p)
        amounts: dict[str, str] = {"cost": exact(cost)}
        support = _support_words(result, p)
        if stage is Stage.FREE:
            reason, text = "free", f"funded: it costs nothing and {support} support it"
        elif stage is Stage.EQUAL_SHARES:
            number, mes_round = rounds[p]
            reason = "equal-shares"
            text = (
                f"funded: {_payers_words(mes_round)} {money(cost)} (round {number} of equal shares"
            )
            if mes_round.exhausted:
                text += f"; {_plural(mes_round.exhausted, 'supporter')} paid all they had left"
            text += ")"
            amounts["price_per_unit_of_satisfaction"] = _exact_text(
                mes_round.rho * prep.money_scale
            )
        elif stage in (Stage.COMPLETION, Stage.GREEDY):
            left = considered[p]
            amounts["remaining_before"] = exact(left)
            reason = stage.value
            lead = "funded in the completion step" if stage is Stage.COMPLETION else "funded"
            if votes == 0:
                text = f"{lead}: nobody voted for it, but it fit in the {money(left)} left over"
            elif stage is Stage.COMPLETION:
                text = (
                    f"{lead}: {support} chose it, and it fit in the {money(left)} left after "
                    "equal shares"
                )
            else:
                text = f"{lead}: {support} chose it, and it fit in the {money(left)} remaining"
        elif cost > budget:
            reason = "over-budget"
            text = f"not funded: it costs more than the whole budget of {money(budget)}"
        elif result.rule is Rule.GREEDY:
            left = considered[p]
            amounts["remaining_before"] = exact(left)
            reason = "did-not-fit"
            text = f"not funded: it did not fit in the {money(left, down=True)} remaining"
            if votes == 0:
                text = "not funded: nobody voted for it, and " + text.removeprefix("not funded: ")
        else:
            reason, text = _mes_not_funded(result, p, money, exact, amounts)
            if p in considered and result.completion.value == "add1-greedy":
                left = considered[p]
                amounts["remaining_before"] = exact(left)
                text += f"; then it did not fit in the {money(left, down=True)} left over"
        out[project.id] = ProjectExplanation(
            project.id,
            project.name,
            stage is not None,
            votes,
            project.cost,
            stage.value if stage else None,
            reason,
            text,
            amounts,
        )
    return out


def _support_words(result: TallyResult, p: int) -> str:
    prep = result.prep
    votes = prep.votes[p]
    words = _plural(votes, "voter")
    if prep.points is not None:
        words += f" ({format_number(prep.points[p])} points)"
    if prep.satisfaction is Satisfaction.BORDA:
        words += f" (Borda score {prep.total_weight[p]:,})"
    return words


class _Money(Protocol):
    def __call__(self, scaled: Number, *, down: bool = False) -> str: ...


def _mes_not_funded(
    result: TallyResult,
    p: int,
    money: _Money,
    exact: Callable[[Number], str],
    amounts: dict[str, str],
) -> tuple[str, str]:
    prep = result.prep
    run = result.mes_run
    assert run is not None
    lo, hi = int(prep.sup_ptr[p]), int(prep.sup_ptr[p + 1])
    supporters = int(prep.mult[prep.sup_grp[lo:hi]].sum())
    if supporters == 0:
        if prep.votes[p] and prep.costs[p] == 0:
            return "no-support", (
                "not funded by equal shares: it costs nothing, and with cost satisfaction a "
                "free project counts for nothing"
            )
        if prep.votes[p]:
            return "no-support", "not funded: none of its voters gains from it under this measure"
        return "no-support", "not funded: nobody voted for it"
    cost = prep.costs[p]
    shares = run.beta * supporters
    amounts["supporters_shares"] = exact(shares)
    if shares < cost:
        return "shares-too-small", (
            f"not funded: the equal shares of its {_plural(supporters, 'supporter')} came to "
            f"{money(shares, down=True)}, less than its cost of {money(cost)}"
        )
    left = run.left.get(p, Fraction(0))
    amounts["supporters_left"] = exact(left)
    return "supporters-spent", (
        f"not funded: its {_plural(supporters, 'supporter')} had {money(left, down=True)} left "
        f"between them after paying for projects they preferred, less than its {money(cost)}"
    )


@dataclass(frozen=True, slots=True)
class VoterLine:
    project_id: str
    funded: bool
    stage: str | None
    paid: Fraction | None
    """What this voter paid towards it from their equal share (MES), in real money."""


@dataclass(frozen=True, slots=True)
class VoterExplanation:
    voter_id: str
    share: Fraction | None
    """The voter's equal share (MES only), in real money."""
    left: Fraction | None
    lines: tuple[VoterLine, ...]
    text: str

    def as_dict(self) -> dict[str, object]:
        return {
            "voter_id": self.voter_id,
            "share": None if self.share is None else _exact_text(self.share),
            "left": None if self.left is None else _exact_text(self.left),
            "projects": [
                {
                    "project_id": line.project_id,
                    "funded": line.funded,
                    "stage": line.stage,
                    "paid": None if line.paid is None else _exact_text(line.paid),
                }
                for line in self.lines
            ],
            "text": self.text,
        }


def explain_voter(result: TallyResult, ballot: Ballot) -> VoterExplanation:
    """Which of a voter's projects were funded and what their equal share paid for each.

    The ballot need not come from the profile: the payments are then those a voter with this
    ballot would have made (identical ballots are treated identically by MES).
    """
    prep = result.prep
    currency = result.election.instance.currency
    index = {pid: i for i, pid in enumerate(prep.ids)}
    weights = prep.weights_of(ballot.projects, ballot.points)
    paid: dict[int, Fraction] = {}
    share: Fraction | None = None
    left: Fraction | None = None
    if result.mes_run is not None:
        budget = result.mes_run.beta
        for r in result.mes_run.rounds:
            w = weights.get(r.project, 0)
            if w > 0 and prep.util_scale[r.project] > 0:
                pay = min(budget, r.tau * w)
                paid[r.project] = pay / prep.money_scale
                budget -= pay
        share = result.mes_run.beta / prep.money_scale
        left = budget / prep.money_scale
        for p in result.mes_run.free:
            if p in weights:
                paid[p] = Fraction(0)
    lines: list[VoterLine] = []
    seen: set[str] = set()
    for pid in ballot.projects:
        if pid in seen:
            continue
        seen.add(pid)
        p = index[pid]
        stage = result.stages.get(p)
        lines.append(VoterLine(pid, stage is not None, stage.value if stage else None, paid.get(p)))
    words: list[str] = []
    if result.election.profile.kind is BallotKind.ORDINAL:
        words.append("You ranked " + _plural(len(lines), "project") + ".")
    else:
        words.append("You voted for " + _plural(len(lines), "project") + ".")
    if share is not None:
        words.append(f"Your equal share of the budget was {format_money(share, currency)}.")
    for line in lines:
        if not line.funded:
            words.append(f"{line.project_id}: not funded.")
        elif line.paid is not None and line.stage == Stage.EQUAL_SHARES.value:
            words.append(
                f"{line.project_id}: funded; {format_money(line.paid, currency)} of your share "
                "went to it."
            )
        elif line.stage == Stage.COMPLETION.value:
            words.append(f"{line.project_id}: funded from the money left over after equal shares.")
        else:
            words.append(f"{line.project_id}: funded.")
    if left is not None:
        words.append(f"{format_money(left, currency, down=True)} of your share was not spent.")
    return VoterExplanation(ballot.voter_id, share, left, tuple(lines), " ".join(words))
