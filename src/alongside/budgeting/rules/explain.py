"""Plain-words explanations of an outcome, for each project and for each voter.

The numbers behind every sentence are exact; only their display is rounded (to the currency's
whole units when exact, else to two decimals, rounding down amounts that something "did not
fit in" or that supporters "had left", so a displayed amount never looks like enough when it
was not).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from typing import Protocol

from alongside.budgeting.rules.model import Ballot, BallotKind, Number, exact, format_number
from alongside.budgeting.rules.reasons import ProjectReason, ReasonCode, project_reasons
from alongside.budgeting.rules.tally import Stage, TallyResult

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


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def count_words(value: Number) -> str:
    """``1,000`` for whole numbers, exact decimals otherwise."""
    value = exact(value)
    return f"{value:,}" if isinstance(value, int) else format_number(value)


@dataclass(frozen=True, slots=True)
class ProjectExplanation:
    project_id: str
    name: str
    selected: bool
    votes: int
    """Ballots naming the project."""
    cost: Number
    stage: str | None
    """How it was selected: free, equal-shares, completion, greedy or reserve (None if not)."""
    reason: str
    """A stable code for the reason (see :func:`explain_projects`)."""
    text: str
    """The reason in plain words."""
    amounts: dict[str, str] = field(default_factory=dict)
    """The exact amounts behind the text (decimal strings, real money)."""
    detail: ProjectReason | None = None
    """The same reason as data (:mod:`.reasons`), to render in another language."""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "name": self.name,
            "selected": self.selected,
            "votes": self.votes,
            "cost": json_number(self.cost),
            "stage": self.stage,
            "reason": self.reason,
            "text": self.text,
            "amounts": self.amounts,
        }
        if self.detail is not None:
            out["code"] = self.detail.code.value
            out["detail"] = self.detail.as_dict()
        return out


def json_number(value: Number) -> int | str:
    """JSON for exact money: an integer when whole, else exact text: a finite decimal such as
    ``"12.5"``, or a ratio such as ``"374/3"`` when it has no finite decimal form."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator  # a whole Fraction (such as an equal share) is whole too
    return value if isinstance(value, int) else format_number(value)


# The hyphenated codes the JSON gave before reasons were data (``reason``): kept, so that what
# reads them (stored counts, scripts) keeps working.
_REASON_CODES = {
    ReasonCode.FUNDED_FREE: "free",
    ReasonCode.FUNDED_BY_EQUAL_SHARES: "equal-shares",
    ReasonCode.FUNDED_IN_COMPLETION: "completion",
    ReasonCode.FUNDED: "greedy",
    ReasonCode.FUNDED_FROM_RESERVE: "reserve",
    ReasonCode.NO_SUPPORTERS: "no-support",
    ReasonCode.OVER_BUDGET: "over-budget",
    ReasonCode.SHARES_BELOW_COST: "shares-too-small",
    ReasonCode.NOT_ENOUGH_SUPPORTERS_MONEY: "supporters-spent",
    ReasonCode.DID_NOT_FIT: "did-not-fit",
    ReasonCode.BELOW_THRESHOLD: "below-threshold",
    ReasonCode.EXCLUDED_BY_CONFLICT: "excluded-by-conflict",
    ReasonCode.NOT_REACHED: "not-reached",
}


def explain_projects(result: TallyResult) -> dict[str, ProjectExplanation]:
    """One explanation per project, in instance order.

    Reason codes (``reason``): ``free``, ``equal-shares``, ``completion``, ``greedy``,
    ``reserve`` (selected), and ``no-support``, ``over-budget``, ``shares-too-small``,
    ``supporters-spent``, ``did-not-fit``, ``below-threshold``, ``excluded-by-conflict``,
    ``not-reached`` (not selected). ``detail`` holds the same as data (:mod:`.reasons`).
    """
    currency = result.election.instance.currency
    names = {project.id: project.name for project in result.election.instance.projects}
    out: dict[str, ProjectExplanation] = {}
    for pid, reason in project_reasons(result).items():
        stage = reason.stage.value if reason.stage is not None else None
        out[pid] = ProjectExplanation(
            pid,
            names[pid],
            reason.funded,
            reason.votes,
            reason.cost,
            stage,
            _REASON_CODES[reason.code],
            reason_text(reason, currency),
            _amounts(reason),
            reason,
        )
    return out


def _amounts(reason: ProjectReason) -> dict[str, str]:
    out = {"cost": format_number(reason.cost)}
    named = (
        ("price_per_unit_of_satisfaction", reason.price),
        ("remaining_before", reason.remaining),
        ("supporters_shares", reason.supporters_shares),
        ("supporters_left", reason.supporters_left),
        ("remaining_before", reason.left_over),
        ("score", reason.score),
        ("threshold", reason.threshold),
        ("reserve", reason.reserve),
    )
    out.update((key, format_number(value)) for key, value in named if value is not None)
    return out


def reason_text(reason: ProjectReason, currency: str = "") -> str:
    """A reason in plain English: the text of :class:`ProjectExplanation`."""

    def money(value: Number | None, *, down: bool = False) -> str:
        assert value is not None
        return format_money(value, currency, down=down)

    code = reason.code
    votes = reason.votes
    support = _support_words(reason)
    if code is ReasonCode.FUNDED_FREE:
        return f"funded: it costs nothing and {support} support it"
    if code is ReasonCode.FUNDED_BY_EQUAL_SHARES:
        assert reason.payers is not None
        assert reason.supporters is not None
        text = (
            f"funded: {_payers_words(reason.payers, reason.supporters)} {money(reason.cost)} "
            f"(round {reason.round} of equal shares"
        )
        if reason.exhausted:
            text += f"; {_plural(reason.exhausted, 'supporter')} paid all they had left"
        return text + ")"
    if code in (ReasonCode.FUNDED_IN_COMPLETION, ReasonCode.FUNDED):
        completion = code is ReasonCode.FUNDED_IN_COMPLETION
        lead = "funded in the completion step" if completion else "funded"
        left = money(reason.remaining)
        if votes == 0:
            return f"{lead}: nobody voted for it, but it fit in the {left} left over"
        if completion:
            return f"{lead}: {support} chose it, and it fit in the {left} left after equal shares"
        return f"{lead}: {support} chose it, and it fit in the {left} remaining"
    if code is ReasonCode.FUNDED_FROM_RESERVE:
        assert reason.reserve is not None
        return (
            f"funded from reserve funds: {support} chose it; it did not fit in the "
            f"{money(reason.remaining, down=True)} remaining, but that was at least "
            f"{count_words(reason.reserve * 100)}% of its {money(reason.cost)}"
        )
    stop = ", so the count stopped there" if reason.stopped_at == reason.project_id else ""
    if code is ReasonCode.OVER_BUDGET:
        return f"not funded: it costs more than the whole budget of {money(reason.budget)}{stop}"
    if code is ReasonCode.DID_NOT_FIT:
        text = f"not funded: it did not fit in the {money(reason.remaining, down=True)} remaining"
        if votes == 0:
            text = "not funded: nobody voted for it, and " + text.removeprefix("not funded: ")
        return text + stop
    if code is ReasonCode.BELOW_THRESHOLD:
        assert reason.threshold is not None
        assert reason.score is not None
        needed = count_words(reason.threshold)
        if reason.points is None:
            return f"not funded: {support} chose it, fewer than the {needed} votes it needed"
        points = count_words(reason.score)
        return f"not funded: it had {points} points, fewer than the {needed} it needed"
    if code is ReasonCode.EXCLUDED_BY_CONFLICT:
        return (
            f"not funded: it cannot be funded as well as {reason.conflict}, which came before "
            "it in the count and was funded"
        )
    if code is ReasonCode.NOT_REACHED:
        if reason.stopped_funded:
            return (
                f"not funded: the count stopped after {reason.stopped_at}, which was funded "
                "from reserve funds"
            )
        return (
            f"not funded: the count stopped at {reason.stopped_at}, the first project that did "
            "not fit in what was left"
        )
    return _not_funded_by_equal_shares(reason, money)


def _payers_words(payers: int, supporters: int) -> str:
    """ "212 supporters could share its", or "1 of its 3 supporters could pay its" when the
    others had nothing left."""
    verb = "could pay its" if payers == 1 else "could share its"
    if payers == supporters:
        return f"{_plural(payers, 'supporter')} {verb}"
    return f"{payers} of its {_plural(supporters, 'supporter')} {verb}"


def _support_words(reason: ProjectReason) -> str:
    words = _plural(reason.votes, "voter")
    if reason.points is not None:
        words += f" ({format_number(reason.points)} points)"
    if reason.borda is not None:
        words += f" (Borda score {reason.borda:,})"
    return words


class _Money(Protocol):
    def __call__(self, value: Number | None, *, down: bool = False) -> str: ...


def _not_funded_by_equal_shares(reason: ProjectReason, money: _Money) -> str:
    code = reason.code
    if code is ReasonCode.NO_SUPPORTERS:
        if reason.votes and reason.cost == 0:
            text = (
                "not funded by equal shares: it costs nothing, and with cost satisfaction a "
                "free project counts for nothing"
            )
        elif reason.votes:
            text = "not funded: none of its voters gains from it under this measure"
        else:
            text = "not funded: nobody voted for it"
    else:
        assert reason.supporters is not None
        supporters = _plural(reason.supporters, "supporter")
        shares = money(reason.supporters_shares, down=True)
        if code is ReasonCode.SHARES_BELOW_COST:
            text = (
                f"not funded: the equal shares of its {supporters} came to {shares}, less than "
                f"its cost of {money(reason.cost)}"
            )
        else:
            text = (
                f"not funded: its {supporters} had {money(reason.supporters_left, down=True)} "
                "left between them after paying for projects they preferred, less than its "
                f"{money(reason.cost)}"
            )
    if reason.left_over is not None:
        text += f"; then it did not fit in the {money(reason.left_over, down=True)} left over"
    return text


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
            "share": None if self.share is None else format_number(self.share),
            "left": None if self.left is None else format_number(self.left),
            "projects": [
                {
                    "project_id": line.project_id,
                    "funded": line.funded,
                    "stage": line.stage,
                    "paid": None if line.paid is None else format_number(line.paid),
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
