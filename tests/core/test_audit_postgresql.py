"""What only PostgreSQL can show: the append-only trigger, and chains that do not wait for
each other (SQLite lets one writer at a time into the whole file, so neither applies there)."""

from __future__ import annotations

import threading

import pytest
from django.db import DatabaseError, OperationalError, connection, connections, transaction

from alongside.core.audit import audit_events, audit_record, audit_verify
from alongside.core.models import AuditEvent

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and triggers are PostgreSQL's; SQLite has one writer for the whole file",
)

audit_events.register("test.postgresql", "A test event on PostgreSQL")
TABLE = connection.ops.quote_name(AuditEvent._meta.db_table)


def record(organisation_id: int | None) -> AuditEvent:
    return audit_record(action="test.postgresql", summary="x", organisation_id=organisation_id)


@transaction.atomic
def record_without_waiting(organisation_id: int, *, lock_timeout: str) -> AuditEvent:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [lock_timeout])
    return record(organisation_id)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "statement",
    [
        f"UPDATE {TABLE} SET summary = 'Nothing happened' WHERE id = %s",  # noqa: S608
        f"DELETE FROM {TABLE} WHERE id = %s",  # noqa: S608
    ],
    ids=["update", "delete"],
)
def test_the_database_refuses_to_change_or_delete_an_audit_event(statement):
    # Given an event
    event = record(1)
    # When raw SQL tries to change or delete it
    with (
        pytest.raises(DatabaseError, match="Audit events are append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [event.pk])
    # Then it is as it was
    assert AuditEvent.objects.get(pk=event.pk).summary == "x"


@pytest.mark.django_db
def test_the_trigger_refuses_a_bulk_update_through_the_orm_too():
    record(1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.update(summary="changed")
    assert [r.problem for r in audit_verify()] == [None]


@pytest.mark.django_db(transaction=True)
def test_a_writer_in_one_organisation_does_not_wait_for_another_organisations_lock():
    # Given two organisations that each have a chain (committed, so other connections see them)
    record(1)
    record(2)
    holding, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def hold_organisation_2() -> None:
        # A long transaction in organisation 2 (a vote being counted, say), on its own connection
        try:
            with transaction.atomic():
                record(2)
                holding.set()
                release.wait(timeout=60)
        except BaseException as error:  # reported by the test below, not lost in the thread
            failures.append(error)
            holding.set()
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_organisation_2)
    holder.start()
    try:
        assert holding.wait(timeout=60)
        # When a writer in organisation 1 records an event, giving up if it has to wait
        written = record_without_waiting(1, lock_timeout="2s")
        # And, to show the lock is really held, a writer in organisation 2 that will not wait
        with pytest.raises(OperationalError, match="lock timeout"):
            record_without_waiting(2, lock_timeout="100ms")
    finally:
        release.set()
        holder.join(timeout=60)
    # Then organisation 1's event was written at once, and both chains verify
    assert not failures, failures
    assert written.sequence == 2
    assert [(r.chain, r.checked, r.problem) for r in audit_verify()] == [
        ("organisation 1", 2, None),
        ("organisation 2", 2, None),
    ]
