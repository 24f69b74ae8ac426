"""The ledger engine's invariants, on random sequences of earn, spend, gift and reverse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.core import ledger
from alongside.core.ledger import Account, Line, Refusal, Refused

KEY = b"test-key"
SOURCE = 0
ACCOUNTS = {
    SOURCE: Account(SOURCE, "minutes", may_go_negative=True),
    **{n: Account(n, "minutes") for n in range(1, 5)},
    9: Account(9, "pence"),
}


def test_a_balanced_transaction_moves_balances():
    after = ledger.post({}, [Line(SOURCE, -60), Line(1, 60)], ACCOUNTS)

    assert after == {SOURCE: -60, 1: 60}


@pytest.mark.parametrize(
    ("lines", "refusal"),
    [
        ([Line(1, 60)], Refusal.TOO_FEW_LINES),
        ([Line(SOURCE, -60), Line(1, 50)], Refusal.UNBALANCED),
        ([Line(SOURCE, 0), Line(1, 0)], Refusal.ZERO_LINE),
        ([Line(SOURCE, -60), Line(9, 60)], Refusal.MIXED_UNITS),
        ([Line(1, -60), Line(1, 60)], Refusal.SAME_ACCOUNT_TWICE),
        ([Line(1, -60), Line(2, 60)], Refusal.OVERDRAWN),
    ],
)
def test_what_is_not_a_transaction_is_refused(lines, refusal):
    with pytest.raises(Refused) as refused:
        ledger.post({}, lines, ACCOUNTS)

    assert refused.value.refusal is refusal


def test_the_seal_changes_when_a_line_does():
    fields = {"kind": "earn"}
    sealed = ledger.seal(KEY, fields, [Line(SOURCE, -60), Line(1, 60)])

    assert ledger.seal(KEY, fields, [Line(1, 60), Line(SOURCE, -60)]) == sealed
    assert ledger.seal(KEY, fields, [Line(SOURCE, -70), Line(1, 70)]) != sealed
    assert ledger.seal(b"other", fields, [Line(SOURCE, -60), Line(1, 60)]) != sealed


# One step of a random history: earn (from the source), spend or gift (person to person), or
# reverse an earlier transaction.
step = st.one_of(
    st.tuples(st.just("earn"), st.integers(1, 4), st.integers(1, 600)),
    st.tuples(st.just("move"), st.integers(1, 4), st.integers(1, 4), st.integers(1, 600)),
    st.tuples(st.just("reverse"), st.integers(0, 50)),
)


def _replay(steps):
    """Post each step the engine accepts, as the books would; return what was stored."""
    balances: dict[int, int] = {}
    stored: list[ledger.StoredTransaction] = []
    reversed_ids: set[int] = set()
    for item in steps:
        reverses = None
        if item[0] == "earn":
            lines = [Line(SOURCE, -item[2]), Line(item[1], item[2])]
        elif item[0] == "move":
            lines = [Line(item[1], -item[3]), Line(item[2], item[3])]
        else:
            candidates = [t for t in stored if t.reverses is None and t.id not in reversed_ids]
            if not candidates:
                continue
            original = candidates[item[1] % len(candidates)]
            lines = ledger.reversal(Line(x.account, x.amount) for x in original.lines)
            reverses = original.id
        try:
            after = ledger.post(balances, lines, ACCOUNTS)
        except Refused:
            continue
        if reverses is not None:
            reversed_ids.add(reverses)
        balances.update(after)
        fields = {"n": len(stored)}
        stored.append(
            ledger.StoredTransaction(
                id=len(stored) + 1,
                fields=fields,
                lines=[ledger.StoredLine(x.account, x.amount, after[x.account]) for x in lines],
                seal=ledger.seal(KEY, fields, lines),
                reverses=reverses,
            )
        )
    return stored, balances


@given(st.lists(step, max_size=40))
def test_every_history_the_engine_accepts_keeps_every_invariant(steps):
    stored, balances = _replay(steps)

    report = ledger.verify(KEY, ACCOUNTS, stored, balances)

    assert report.ok, [p.line() for p in report.problems]
    assert all(sum(line.amount for line in t.lines) == 0 for t in stored)
    assert all(balances.get(n, 0) >= 0 for n in range(1, 5))
    assert sum(balances.values()) == 0


@given(st.lists(step, min_size=1, max_size=30), st.data())
def test_verify_names_a_transaction_whose_line_was_edited(steps, data):
    stored, balances = _replay(steps)
    if not stored:
        return
    victim = data.draw(st.integers(0, len(stored) - 1))
    delta = data.draw(st.integers(1, 100))
    edited = stored[victim]
    first, *rest = edited.lines
    stored[victim] = ledger.StoredTransaction(
        id=edited.id,
        fields=edited.fields,
        lines=[ledger.StoredLine(first.account, first.amount + delta, first.balance_after), *rest],
        seal=edited.seal,
        reverses=edited.reverses,
    )

    report = ledger.verify(KEY, ACCOUNTS, stored, balances)

    assert edited.id in {p.transaction for p in report.problems}


def test_verify_finds_a_cached_balance_that_is_not_the_sum():
    stored, balances = _replay([("earn", 1, 60)])

    report = ledger.verify(KEY, ACCOUNTS, stored, {**balances, 1: 61})

    assert [(p.account, p.what) for p in report.problems] == [
        (1, "its balance is not the sum of its lines")
    ]


def test_verify_finds_a_reversal_that_does_not_undo_its_original():
    stored, balances = _replay([("earn", 1, 60), ("earn", 2, 30)])
    lines = [Line(1, -30), Line(SOURCE, 30)]
    stored.append(
        ledger.StoredTransaction(
            id=3,
            fields={},
            lines=[ledger.StoredLine(1, -30, 30), ledger.StoredLine(SOURCE, 30, -60)],
            seal=ledger.seal(KEY, {}, lines),
            reverses=1,
        )
    )
    balances.update({1: 30, SOURCE: -60})

    report = ledger.verify(KEY, ACCOUNTS, stored, balances)

    assert [(p.transaction, p.what) for p in report.problems] == [
        (3, "it does not undo what it reverses")
    ]
