"""The audit trail in the database: events chain, verify, and tampering is found."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from alongside.core import hashchain
from alongside.core.audit import Target, audit_record, audit_verify
from alongside.core.models import AuditChainHead, AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

TABLE = connection.ops.quote_name(AuditEvent._meta.db_table)


def record_three() -> list[AuditEvent]:
    return [
        audit_record(action="test.first", summary="First thing happened", organisation_id=1),
        audit_record(action="test.second", summary="Second thing happened", actor_id=7),
        audit_record(
            action="test.third", summary="Third thing happened", data={"role": "worker", "n": 3}
        ),
    ]


def sql_update(column: str, value: object, *, sequence: int) -> None:
    """Change a stored event behind the ORM's back, as someone with database access could."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET {connection.ops.quote_name(column)} = %s WHERE sequence = %s",  # noqa: S608
            [value, sequence],
        )


def sql_delete(*, sequence: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE sequence = %s", [sequence])  # noqa: S608


def test_audit_record_chains_each_event_to_the_one_before():
    # Given an empty trail
    assert not AuditEvent.objects.exists()
    # When three events are recorded
    first, second, third = record_three()
    # Then they are numbered 1, 2, 3 and each points at the hash of the one before
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert first.previous_hash == hashchain.GENESIS
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    # And each hash is the hash of its own payload
    for event in (first, second, third):
        assert event.hash == hashchain.link_hash(event.previous_hash, event.chain_payload())
    # And the chain head remembers the last one
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_sequence, head.last_hash) == (3, third.hash)


def test_audit_record_keeps_what_it_was_given():
    # Given a model instance as the target
    organisation = factories.OrganisationFactory()
    # When an event about it is recorded
    event = audit_record(
        action="test.thing",
        summary="x" * 400,
        actor_id=5,
        organisation_id=organisation.pk,
        target=organisation,
        data={"k": "v"},
    )
    # Then the target is stored as a type label and id, and the summary is cut to fit
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.object_type == "accounts.organisation"
    assert stored.object_id == str(organisation.pk)
    assert stored.summary == "x" * 300
    assert (stored.actor_id, stored.organisation_id, stored.data) == (
        5,
        organisation.pk,
        {"k": "v"},
    )


def test_audit_record_accepts_an_explicit_target():
    event = audit_record(action="test.thing", summary="s", target=Target(type="x.y", id="42"))
    assert (event.object_type, event.object_id) == ("x.y", "42")


def test_audit_verify_passes_on_an_untouched_trail():
    record_three()
    assert audit_verify() == (3, None)


def test_audit_verify_passes_on_an_empty_trail():
    assert audit_verify() == (0, None)


def test_events_read_back_from_the_database_hash_the_same():
    # The payload must survive a round trip through the database unchanged (dates, JSON)
    events = record_three()
    for event in events:
        stored = AuditEvent.objects.get(pk=event.pk)
        assert stored.chain_payload() == event.chain_payload()


def test_an_event_rolled_back_with_its_transaction_leaves_the_chain_intact():
    # Given one event
    audit_record(action="test.kept", summary="Kept")

    # When a service's transaction writes an event and then fails
    @transaction.atomic
    def failing_service() -> None:
        audit_record(action="test.lost", summary="Lost")
        raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_service()
    # Then the event is gone with it and the chain still verifies, and carries on
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["test.kept"]
    assert audit_verify() == (1, None)
    assert audit_record(action="test.next", summary="Next").sequence == 2
    assert audit_verify() == (2, None)


def test_tampering_with_a_summary_in_sql_is_detected_at_that_event():
    # Given three events
    record_three()
    # When someone changes the second event's summary directly in the database
    sql_update("summary", "Nothing happened", sequence=2)
    # Then verification stops at event 2 and says its contents changed
    checked, problem = audit_verify()
    assert checked == 1
    assert problem == hashchain.ChainBreak(2, "its contents were changed after it was written")


def test_tampering_with_the_actor_in_sql_is_detected():
    record_three()
    sql_update("actor_id", 99, sequence=1)

    checked, problem = audit_verify()

    assert checked == 0
    assert problem == hashchain.ChainBreak(1, "its contents were changed after it was written")


def test_deleting_the_last_event_in_sql_is_detected_by_the_chain_head():
    # Given three events
    record_three()
    # When the last one is deleted directly in the database
    sql_delete(sequence=3)
    # Then the chain itself holds, but the head knows an event is missing
    checked, problem = audit_verify()
    assert checked == 2
    assert problem == hashchain.ChainBreak(3, "the trail should hold 3 events but holds 2")


def test_deleting_a_middle_event_in_sql_is_detected_where_it_was():
    record_three()
    sql_delete(sequence=2)

    checked, problem = audit_verify()

    assert checked == 1
    assert problem == hashchain.ChainBreak(3, "event 2 is missing")


def test_audit_verify_command_reports_an_intact_trail():
    # Given an untouched trail
    record_three()
    out = StringIO()
    # When the operator runs `alongside audit verify`
    call_command("audit", "verify", stdout=out)
    # Then it says so
    assert "The audit trail is intact: 3 events checked." in out.getvalue()


def test_audit_verify_command_fails_on_a_tampered_trail():
    # Given a trail with a changed event
    record_three()
    sql_update("summary", "Changed", sequence=2)
    # When the operator runs `alongside audit verify`
    with pytest.raises(CommandError) as error:
        call_command("audit", "verify", stdout=StringIO())
    # Then it fails (a non-zero exit) and says where
    assert str(error.value) == (
        "The audit trail is broken at event 2: its contents were changed after it was written. "
        "1 events before it are intact."
    )


def test_audit_verify_command_fails_when_the_last_event_is_deleted():
    record_three()
    sql_delete(sequence=3)

    with pytest.raises(CommandError, match="broken at event 3: the trail should hold 3 events"):
        call_command("audit", "verify", stdout=StringIO())


def test_an_audit_event_cannot_be_saved_again():
    # Given a recorded event
    event = audit_record(action="test.thing", summary="Original")
    # When code tries to change it through the ORM
    event.summary = "Changed"
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
    # Then the stored event is unchanged
    assert AuditEvent.objects.get(pk=event.pk).summary == "Original"


def test_an_audit_event_cannot_be_deleted():
    event = audit_record(action="test.thing", summary="Original")

    with pytest.raises(RuntimeError, match="append-only"):
        event.delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert audit_verify() == (1, None)


def test_audit_events_for_an_organisation_are_only_that_organisations():
    audit_record(action="test.a", summary="a", organisation_id=1)
    audit_record(action="test.b", summary="b", organisation_id=2)
    organisation = factories.OrganisationFactory.build(pk=1)

    actions = list(
        AuditEvent.objects.for_organisation(organisation).values_list("action", flat=True)
    )

    assert actions == ["test.a"]
