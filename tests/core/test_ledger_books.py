"""Posting to the stored ledger: once per key, never overdrawn, reversed once, and verified."""

from __future__ import annotations

import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from alongside.core import ledger
from alongside.core.errors import Conflict
from alongside.core.ledger_books import (
    AlreadyReversed,
    ledger_account,
    ledger_post,
    ledger_reverse,
    ledger_verify,
)
from alongside.core.models import LedgerAccount, LedgerLine, LedgerTransaction
from tests.concurrency import needs_postgres, run_concurrently

pytestmark = pytest.mark.django_db
ORG = 7


def accounts():
    source = ledger_account(
        organisation_id=ORG,
        owner_kind="organisation",
        owner_id=ORG,
        purpose="source",
        unit="minutes",
        may_go_negative=True,
    )
    person = ledger_account(
        organisation_id=ORG, owner_kind="person", owner_id=1, purpose="credits", unit="minutes"
    )
    other = ledger_account(
        organisation_id=ORG, owner_kind="person", owner_id=2, purpose="credits", unit="minutes"
    )
    return source, person, other


def earn(source, person, minutes, key=None):
    return ledger_post(
        organisation_id=ORG,
        kind="earn",
        lines=[(source, -minutes), (person, minutes)],
        idempotency_key=key or uuid.uuid4(),
    )


def balance(account):
    return LedgerAccount.objects.get(pk=account.pk).balance


def test_an_account_is_opened_once():
    first = accounts()

    assert accounts() == first
    assert LedgerAccount.objects.count() == 3


def test_a_post_moves_balances_and_records_the_balance_after_each_line():
    source, person, _ = accounts()

    earn(source, person, 60)
    posted, created = earn(source, person, 30)

    assert created
    assert (balance(source), balance(person)) == (-90, 90)
    assert dict(posted.lines.values_list("account_id", "balance_after")) == {
        source.pk: -90,
        person.pk: 90,
    }


def test_the_same_key_posts_once():
    source, person, _ = accounts()
    key = uuid.uuid4()

    earn(source, person, 60, key)
    _, created = earn(source, person, 60, key)

    assert not created
    assert balance(person) == 60
    assert LedgerTransaction.objects.count() == 1


def test_a_key_used_for_other_lines_is_refused():
    source, person, _ = accounts()
    key = uuid.uuid4()
    earn(source, person, 60, key)

    with pytest.raises(Conflict):
        earn(source, person, 90, key)

    assert balance(person) == 60


def test_an_overdraft_is_refused_and_writes_nothing():
    source, person, other = accounts()
    earn(source, person, 60)

    with pytest.raises(ledger.Refused):
        ledger_post(
            organisation_id=ORG,
            kind="gift",
            lines=[(person, -61), (other, 61)],
            idempotency_key=uuid.uuid4(),
        )

    assert (balance(person), balance(other)) == (60, 0)
    assert LedgerTransaction.objects.count() == 1


def test_a_transaction_stays_inside_one_organisation():
    source, _, _ = accounts()
    elsewhere = ledger_account(
        organisation_id=ORG + 1, owner_kind="person", owner_id=1, purpose="credits", unit="minutes"
    )

    with pytest.raises(ValueError, match="one organisation"):
        earn(source, elsewhere, 60)

    assert LedgerLine.objects.count() == 0


def test_a_reversal_undoes_once_and_is_not_itself_reversed():
    source, person, _ = accounts()
    original, _ = earn(source, person, 60)
    key = uuid.uuid4()

    reversal, created = ledger_reverse(
        original=original, reason="Entered twice", idempotency_key=key
    )
    repeat, repeated = ledger_reverse(
        original=original, reason="Entered twice", idempotency_key=key
    )

    assert created
    assert not repeated
    assert repeat == reversal
    assert (balance(source), balance(person)) == (0, 0)
    assert reversal.reason == "Entered twice"
    with pytest.raises(AlreadyReversed):
        ledger_reverse(original=original, reason="Again", idempotency_key=uuid.uuid4())
    with pytest.raises(AlreadyReversed):
        ledger_reverse(original=reversal, reason="Undo the undo", idempotency_key=uuid.uuid4())


def test_a_reversal_that_would_overdraw_is_refused():
    source, person, other = accounts()
    original, _ = earn(source, person, 60)
    ledger_post(
        organisation_id=ORG,
        kind="gift",
        lines=[(person, -60), (other, 60)],
        idempotency_key=uuid.uuid4(),
    )

    with pytest.raises(ledger.Refused):
        ledger_reverse(original=original, reason="Too late", idempotency_key=uuid.uuid4())

    assert balance(person) == 0


def test_the_orm_refuses_to_change_or_delete_an_entry():
    source, person, _ = accounts()
    posted, _ = earn(source, person, 60)

    with pytest.raises(RuntimeError):
        posted.save()
    with pytest.raises(RuntimeError):
        posted.lines.first().delete()


def test_verify_passes_on_sound_books_and_names_what_was_edited(capsys):
    source, person, other = accounts()
    earn(source, person, 60)
    edited, _ = earn(source, other, 30)
    call_command("credits", "verify")
    assert "Checked 2 transactions and 4 lines: the ledger is sound." in capsys.readouterr().out

    # An entry edited in balanced pairs, with the cached balances made to match: only the
    # seal shows it.
    _raw_update(
        "UPDATE core_ledgerline SET amount = amount * 2, balance_after = balance_after * 2 "
        "WHERE transaction_id = %s",
        [edited.pk],
    )
    LedgerAccount.objects.filter(pk=other.pk).update(balance=60)
    LedgerAccount.objects.filter(pk=source.pk).update(balance=-120)

    report = ledger_verify()
    assert {p.transaction for p in report.problems} == {edited.pk}
    with pytest.raises(CommandError, match=f"transaction {edited.pk}: its seal does not match"):
        call_command("credits", "verify")


def test_verify_names_an_unbalanced_entry():
    source, person, _ = accounts()
    posted, _ = earn(source, person, 60)
    _raw_update(
        "UPDATE core_ledgerline SET amount = 50, balance_after = 50 WHERE account_id = %s",
        [person.pk],
    )
    LedgerAccount.objects.filter(pk=person.pk).update(balance=50)

    with pytest.raises(CommandError, match=f"transaction {posted.pk}: its lines do not sum"):
        call_command("credits", "verify")


def _raw_update(sql, params):
    """Edit the books as someone with the database, not the application, could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Past the append-only trigger, as the table's owner could go.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_spends_at_once_never_overdraw():
    source, person, other = accounts()
    earn(source, person, 60)

    def spend():
        return ledger_post(
            organisation_id=ORG,
            kind="gift",
            lines=[(person, -40), (other, 40)],
            idempotency_key=uuid.uuid4(),
        )

    outcomes = run_concurrently(spend, spend)

    assert [o.ok for o in outcomes] == [True, False]
    assert isinstance(outcomes[1].error, ledger.Refused)
    assert (balance(person), balance(other)) == (20, 40)
    assert ledger_verify().ok


@needs_postgres
@pytest.mark.django_db
def test_the_database_refuses_to_change_a_line():
    source, person, _ = accounts()
    earn(source, person, 60)

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_ledgerline SET amount = 1")
