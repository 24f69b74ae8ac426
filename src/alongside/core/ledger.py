"""The ledger engine: double-entry books in whole units. Pure Python (no Django), strictly typed.

Every transaction is two or more lines, each moving a whole number of one unit (minutes of time
credit; pence later, for budgets and entitlements) into or out of one account, and its lines sum
to zero: what one account gains another gives. Nothing is ever changed or removed. A correction
is a reversing transaction, whose lines are the original's negated, with a reason.

Balances are derived: an account's balance is the sum of its lines. The database keeps a cached
balance, and each line the balance after it, for pages that must not add up millions of lines;
both are written in the same transaction as the lines, and ``verify`` proves they equal the sums.

This module decides what a transaction does to balances (``post``) and checks a whole ledger
(``verify``); ``alongside.core.ledger_books`` stores it, under row locks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum


class Refusal(Enum):
    """Why a transaction cannot be posted: a code, so each caller says it in its own words."""

    TOO_FEW_LINES = "too_few_lines"
    ZERO_LINE = "zero_line"
    UNBALANCED = "unbalanced"
    MIXED_UNITS = "mixed_units"
    OVERDRAWN = "overdrawn"
    SAME_ACCOUNT_TWICE = "same_account_twice"


class Refused(ValueError):
    def __init__(self, refusal: Refusal, account: int | None = None) -> None:
        self.refusal = refusal
        self.account = account
        super().__init__(refusal.value if account is None else f"{refusal.value}: {account}")


@dataclass(frozen=True)
class Account:
    """What the engine needs to know of an account: its unit and whether it may go below zero
    (only the books' own source accounts, from which credits are issued, may)."""

    id: int
    unit: str
    may_go_negative: bool = False


@dataclass(frozen=True)
class Line:
    account: int
    amount: int


def check_lines(lines: Sequence[Line], accounts: Mapping[int, Account]) -> None:
    """Refuse lines that cannot make a transaction, whatever the balances are."""
    if len(lines) < 2:
        raise Refused(Refusal.TOO_FEW_LINES)
    seen: set[int] = set()
    for line in lines:
        if line.amount == 0:
            raise Refused(Refusal.ZERO_LINE, line.account)
        if line.account in seen:
            # One line per account keeps "the balance after this line" one number.
            raise Refused(Refusal.SAME_ACCOUNT_TWICE, line.account)
        seen.add(line.account)
    if len({accounts[line.account].unit for line in lines}) != 1:
        raise Refused(Refusal.MIXED_UNITS)
    if sum(line.amount for line in lines) != 0:
        raise Refused(Refusal.UNBALANCED)


def post(
    balances: Mapping[int, int], lines: Sequence[Line], accounts: Mapping[int, Account]
) -> dict[int, int]:
    """The balance of each account the lines touch once they are posted; refused, changing
    nothing, if the lines are not a transaction or would take an account below zero that may not
    go there."""
    check_lines(lines, accounts)
    after: dict[int, int] = {}
    for line in lines:
        after[line.account] = balances.get(line.account, 0) + line.amount
        if after[line.account] < 0 and not accounts[line.account].may_go_negative:
            raise Refused(Refusal.OVERDRAWN, line.account)
    return after


def reversal(lines: Iterable[Line]) -> list[Line]:
    """The lines that undo a transaction: every amount negated."""
    return [Line(line.account, -line.amount) for line in lines]


def seal(key: bytes, transaction: Mapping[str, object], lines: Iterable[Line]) -> str:
    """A MAC over a transaction and its lines under a key the database does not hold, so an
    entry edited in the database (even one edited in balanced pairs) does not check out."""
    payload = {
        "transaction": dict(transaction),
        "lines": sorted([line.account, line.amount] for line in lines),
    }
    message = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class StoredLine:
    account: int
    amount: int
    balance_after: int


@dataclass(frozen=True)
class StoredTransaction:
    """A transaction as the books hold it, for ``verify``: in the order it was written."""

    id: int
    fields: Mapping[str, object]
    lines: Sequence[StoredLine]
    seal: str
    reverses: int | None = None


@dataclass(frozen=True)
class Problem:
    transaction: int | None
    account: int | None
    what: str

    def line(self) -> str:
        where = []
        if self.transaction is not None:
            where.append(f"transaction {self.transaction}")
        if self.account is not None:
            where.append(f"account {self.account}")
        return f"{', '.join(where) or 'ledger'}: {self.what}"


@dataclass
class Report:
    transactions: int = 0
    lines: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(
    key: bytes,
    accounts: Mapping[int, Account],
    transactions: Iterable[StoredTransaction],
    cached_balances: Mapping[int, int],
) -> Report:
    """Check every invariant over a whole ledger, streaming: each transaction is sealed, has
    lines that balance in one unit, and leaves each account where its line says; no account
    that may not is ever below zero; a reversal undoes exactly what it reverses, once; and each
    account's cached balance is the sum of its lines."""
    report = Report()
    running: dict[int, int] = {}
    lines_of: dict[int, list[Line]] = {}
    reversed_once: set[int] = set()
    for stored in transactions:
        report.transactions += 1
        report.lines += len(stored.lines)
        lines = [Line(line.account, line.amount) for line in stored.lines]
        problem = _transaction_problem(key, accounts, stored, lines)
        if problem:
            report.problems.append(Problem(stored.id, None, problem))
        for line in stored.lines:
            balance = running.get(line.account, 0) + line.amount
            running[line.account] = balance
            if line.balance_after != balance:
                report.problems.append(
                    Problem(stored.id, line.account, "the balance after this line is not the sum")
                )
            account = accounts.get(line.account)
            if balance < 0 and account is not None and not account.may_go_negative:
                report.problems.append(Problem(stored.id, line.account, "went below zero"))
        if stored.reverses is not None:
            report.problems.extend(_reversal_problems(stored, lines, lines_of, reversed_once))
        lines_of[stored.id] = lines
    for account_id in accounts:
        if cached_balances.get(account_id, 0) != running.get(account_id, 0):
            report.problems.append(
                Problem(None, account_id, "its balance is not the sum of its lines")
            )
    return report


def _transaction_problem(
    key: bytes, accounts: Mapping[int, Account], stored: StoredTransaction, lines: list[Line]
) -> str:
    if any(line.account not in accounts for line in lines):
        return "a line is in an account the books do not hold"
    try:
        check_lines(lines, accounts)
    except Refused as refused:
        return _WORDS[refused.refusal]
    if not hmac.compare_digest(seal(key, stored.fields, lines), stored.seal):
        return "its seal does not match: it was changed after it was written"
    return ""


def _reversal_problems(
    stored: StoredTransaction,
    lines: list[Line],
    lines_of: Mapping[int, list[Line]],
    reversed_once: set[int],
) -> list[Problem]:
    assert stored.reverses is not None
    problems = []
    original = lines_of.get(stored.reverses)
    if original is None:
        problems.append(Problem(stored.id, None, "it reverses a transaction written after it"))
    elif sorted((x.account, x.amount) for x in reversal(original)) != sorted(
        (x.account, x.amount) for x in lines
    ):
        problems.append(Problem(stored.id, None, "it does not undo what it reverses"))
    if stored.reverses in reversed_once:
        problems.append(Problem(stored.id, None, "it reverses a transaction reversed before"))
    reversed_once.add(stored.reverses)
    return problems


_WORDS = {
    Refusal.TOO_FEW_LINES: "it has fewer than two lines",
    Refusal.ZERO_LINE: "a line moves nothing",
    Refusal.UNBALANCED: "its lines do not sum to zero",
    Refusal.MIXED_UNITS: "its lines are in different units",
    Refusal.OVERDRAWN: "it takes an account below zero",
    Refusal.SAME_ACCOUNT_TWICE: "it has two lines in the same account",
}
