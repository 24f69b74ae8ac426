"""The audit trail in the database: one chain per organisation, keyed, and tampering is found.

The tamperer here has the database (raw SQL, and on PostgreSQL the owner's power to switch off
the append-only trigger) and knows the public algorithm, but not AUDIT_KEY, unless a test
says otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from alongside.core import hashchain
from alongside.core.audit import (
    AuditEventRegistry,
    Target,
    UnknownAuditAction,
    audit_events,
    audit_record,
    audit_verify,
    chain_name,
)
from alongside.core.models import AuditChainHead, AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db

TABLE = connection.ops.quote_name(AuditEvent._meta.db_table)
HEADS = connection.ops.quote_name(AuditChainHead._meta.db_table)
GUESSED_KEY = b"not the audit key"
for _action in ("test.first", "test.second", "test.third", "test.thing", "test.kept"):
    audit_events.register(_action, f"A test event ({_action})")
audit_events.register("test.lost", "A test event that is rolled back")
audit_events.register("test.next", "A test event after a rollback")


def record_three(organisation_id: int | None = 1) -> list[AuditEvent]:
    return [
        audit_record(action="test.first", summary="First", organisation_id=organisation_id),
        audit_record(
            action="test.second", summary="Second", actor_id=7, organisation_id=organisation_id
        ),
        audit_record(
            action="test.third",
            summary="Third",
            organisation_id=organisation_id,
            data={"role": "worker", "n": 3},
        ),
    ]


@contextmanager
def as_table_owner() -> Iterator[None]:
    """What someone who owns the table can do on PostgreSQL: switch the trigger off."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER core_auditevent_append_only")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER core_auditevent_append_only")


def sql(statement: str, params: list[object]) -> None:
    with as_table_owner(), connection.cursor() as cursor:
        cursor.execute(statement, params)


def sql_update(column: str, value: object, *, pk: int) -> None:
    """Change a stored event behind the ORM's back, as someone with database access could."""
    column = connection.ops.quote_name(column)
    sql(f"UPDATE {TABLE} SET {column} = %s WHERE id = %s", [value, pk])  # noqa: S608


def sql_delete(*, pk: int) -> None:
    sql(f"DELETE FROM {TABLE} WHERE id = %s", [pk])  # noqa: S608


def sql_set_head(organisation_id: int | None, **values: object) -> None:
    sets = ", ".join(f"{connection.ops.quote_name(k)} = %s" for k in values)
    where = "organisation_id IS NULL" if organisation_id is None else "organisation_id = %s"
    params = [*values.values(), *([] if organisation_id is None else [organisation_id])]
    sql(f"UPDATE {HEADS} SET {sets} WHERE {where}", params)  # noqa: S608


def rehash_from(event: AuditEvent, key: bytes, **changes: object) -> None:
    """Rewrite ``event`` and every later event in its chain, and the head, with ``key``: what
    the public algorithm lets anyone do, and what only the right key makes check out."""
    chain = AuditEvent.objects.filter(organisation_id=event.organisation_id)
    previous, last = event.previous_hash, event
    for later in chain.filter(sequence__gte=event.sequence).order_by("sequence"):
        if later.pk == event.pk:
            for field, value in changes.items():
                setattr(later, field, value)
                sql_update(field, value, pk=later.pk)
        digest = hashchain.link_hash(key, previous, later.chain_payload())
        sql_update("previous_hash", previous, pk=later.pk)
        sql_update("hash", digest, pk=later.pk)
        previous, last = digest, later
    name = chain_name(event.organisation_id)
    sql_set_head(
        event.organisation_id,
        last_hash=previous,
        seal=hashchain.seal(key, name, last.sequence, previous),
    )


def problems() -> dict[str, hashchain.ChainBreak]:
    return {r.chain: r.problem for r in audit_verify() if r.problem is not None}


def total_checked() -> int:
    return sum(report.checked for report in audit_verify())


# Writing --------------------------------------------------------------------------------------


def test_each_organisation_has_its_own_chain_numbered_from_one():
    # Given events in two organisations and one with no organisation, interleaved
    a1 = audit_record(action="test.first", summary="a", organisation_id=1)
    b1 = audit_record(action="test.first", summary="b", organisation_id=2)
    a2 = audit_record(action="test.second", summary="a", organisation_id=1)
    i1 = audit_record(action="test.third", summary="i")
    # Then each chain is numbered from 1 and links only to its own events
    assert [(e.sequence, e.previous_hash) for e in (a1, b1, i1)] == [(1, hashchain.GENESIS)] * 3
    assert (a2.sequence, a2.previous_hash) == (2, a1.hash)
    # And each hash is the keyed hash of its own payload
    key = settings.AUDIT_KEY.encode()
    for event in (a1, b1, a2, i1):
        assert event.hash == hashchain.link_hash(key, event.previous_hash, event.chain_payload())
    # And there is one sealed head per chain
    heads = {h.organisation_id: h for h in AuditChainHead.objects.all()}
    assert set(heads) == {1, 2, None}
    assert (heads[1].last_sequence, heads[1].last_hash) == (2, a2.hash)
    assert heads[1].seal == hashchain.seal(key, "organisation 1", 2, a2.hash)
    assert heads[None].seal == hashchain.seal(key, "installation", 1, i1.hash)


def test_audit_record_keeps_what_it_was_given():
    organisation = factories.OrganisationFactory()
    event = audit_record(
        action="test.thing",
        summary="x" * 400,
        actor_id=5,
        organisation_id=organisation.pk,
        target=organisation,
        data={"k": "v"},
    )
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


def test_audit_record_refuses_an_action_no_domain_registered():
    # Given a typo in an action name
    # When a service records it
    with pytest.raises(UnknownAuditAction, match=r"accounts\.persn\.view"):
        audit_record(action="accounts.persn.view", summary="Viewed")
    # Then nothing is written
    assert not AuditEvent.objects.exists()


def test_every_accounts_action_is_registered_with_plain_words():
    # The accounts app registered its names at start-up; the trail shows words, not codes
    assert audit_events.label("accounts.person.view") == "Looked at a person's details"
    assert "accounts.sign_in" in audit_events


def test_a_registered_name_cannot_be_given_another_meaning():
    registry = AuditEventRegistry()
    registry.register("x.y", "One thing")
    registry.register("x.y", "One thing")  # the same again is harmless (a module imported twice)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("x.y", "Another thing")


def test_events_read_back_from_the_database_hash_the_same():
    for event in record_three():
        assert AuditEvent.objects.get(pk=event.pk).chain_payload() == event.chain_payload()


def test_an_event_rolled_back_with_its_transaction_leaves_the_chain_intact():
    audit_record(action="test.kept", summary="Kept", organisation_id=1)

    @transaction.atomic
    def failing_service() -> None:
        audit_record(action="test.lost", summary="Lost", organisation_id=1)
        raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_service()
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["test.kept"]
    assert problems() == {}
    assert audit_record(action="test.next", summary="Next", organisation_id=1).sequence == 2
    assert (total_checked(), problems()) == (2, {})


# Verifying ------------------------------------------------------------------------------------


def test_audit_verify_passes_on_untouched_chains():
    record_three(1)
    record_three(2)
    record_three(None)
    reports = audit_verify()
    assert [(r.chain, r.checked, r.problem) for r in reports] == [
        ("installation", 3, None),
        ("organisation 1", 3, None),
        ("organisation 2", 3, None),
    ]


def test_audit_verify_passes_on_an_empty_trail():
    assert audit_verify() == []


def test_tampering_with_a_summary_in_sql_is_detected_at_that_event():
    _, second, _ = record_three()
    sql_update("summary", "Nothing happened", pk=second.pk)
    assert problems() == {
        "organisation 1": hashchain.ChainBreak(2, "its contents were changed after it was written")
    }


def test_tampering_in_one_chain_leaves_the_others_intact():
    record_three(1)
    first, _, _ = record_three(2)
    sql_update("actor_id", 99, pk=first.pk)
    reports = {r.chain: r for r in audit_verify()}
    assert reports["organisation 1"].problem is None
    assert reports["organisation 2"].problem == hashchain.ChainBreak(
        1, "its contents were changed after it was written"
    )


def test_moving_an_event_to_another_organisation_is_detected():
    audit_record(action="test.first", summary="One", organisation_id=1)
    _, second, _ = record_three(2)
    sql_update("organisation_id", 1, pk=second.pk)
    assert set(problems()) == {"organisation 1", "organisation 2"}


def test_an_edited_event_whose_hash_was_recomputed_with_the_public_algorithm_is_detected():
    # Given three events
    _, second, _ = record_three()
    # When someone edits the second, recomputes its hash and every later one, and the head's
    # hash and seal, with the published algorithm but without the audit key
    rehash_from(second, GUESSED_KEY, summary="Nothing happened")
    # Then the edited event does not check out
    assert problems() == {
        "organisation 1": hashchain.ChainBreak(2, "its contents were changed after it was written")
    }


def test_a_trail_rewritten_from_the_start_without_the_key_is_detected():
    first, _, _ = record_three()
    rehash_from(first, GUESSED_KEY)
    assert problems()["organisation 1"].sequence == 1


def test_deleting_the_last_event_is_detected_by_the_chain_head():
    _, _, third = record_three()
    sql_delete(pk=third.pk)
    assert problems() == {
        "organisation 1": hashchain.ChainBreak(3, "the chain should hold 3 events but holds 2")
    }


def test_deleting_the_last_event_and_lowering_the_head_is_detected():
    # Given three events
    _, second, third = record_three()
    # When the last is deleted and the head is set back to the second, as it would have been
    sql_delete(pk=third.pk)
    sql_set_head(1, last_sequence=2, last_hash=second.hash)
    # Then the head's seal, made with the key for event 3, no longer matches
    assert problems() == {
        "organisation 1": hashchain.ChainBreak(
            2, "the chain's head was changed or written without the audit key"
        )
    }


def test_deleting_the_last_event_and_resealing_the_head_without_the_key_is_detected():
    _, second, third = record_three()
    sql_delete(pk=third.pk)
    forged = hashchain.seal(GUESSED_KEY, "organisation 1", 2, second.hash)
    sql_set_head(1, last_sequence=2, last_hash=second.hash, seal=forged)
    assert problems()["organisation 1"].reason == (
        "the chain's head was changed or written without the audit key"
    )


def test_deleting_a_middle_event_is_detected_where_it_was():
    _, second, _ = record_three()
    sql_delete(pk=second.pk)
    assert problems() == {"organisation 1": hashchain.ChainBreak(3, "event 2 is missing")}


def test_events_without_a_head_are_detected():
    record_three()
    sql(f"DELETE FROM {HEADS}", [])  # noqa: S608
    assert problems() == {
        "organisation 1": hashchain.ChainBreak(3, "the chain has events but no head")
    }


# Checkpoints outside the database ---------------------------------------------------------------


def checkpoint(path) -> None:
    call_command(
        "audit", "checkpoint", "--checkpoints", str(path), stdout=StringIO(), stderr=StringIO()
    )


def verify_against(path) -> str:
    out = StringIO()
    call_command("audit", "verify", "--checkpoints", str(path), stdout=out)
    return out.getvalue()


def test_a_replayed_old_head_hides_a_deleted_last_event_but_a_checkpoint_catches_it(tmp_path):
    # Given three events, a copy of the head as it was after the second, and a checkpoint
    # taken after the third
    _, second, third = record_three()
    old_seal = hashchain.seal(settings.AUDIT_KEY.encode(), "organisation 1", 2, second.hash)
    path = tmp_path / "checkpoints.jsonl"
    checkpoint(path)
    # When an insider deletes the third and puts back the head as it was after the second
    sql_delete(pk=third.pk)
    sql_set_head(1, last_sequence=2, last_hash=second.hash, seal=old_seal)
    # Then the database alone cannot tell (the old head is genuine)
    assert problems() == {}
    # But the checkpoint outside the database can
    with pytest.raises(
        CommandError, match="at event 3: it is not the event recorded at a checkpoint"
    ):
        verify_against(path)


def test_a_rewrite_by_someone_with_the_key_is_caught_by_an_earlier_checkpoint(tmp_path):
    # Given a checkpoint taken after three events
    _, second, _ = record_three()
    path = tmp_path / "checkpoints.jsonl"
    checkpoint(path)
    # When someone with the key rewrites the trail from the second event
    rehash_from(second, settings.AUDIT_KEY.encode(), summary="Nothing happened")
    # Then the keyed chain checks out, but it no longer passes through the checkpoint
    assert problems() == {}
    with pytest.raises(CommandError, match="organisation 1 chain at event 3"):
        verify_against(path)


def test_deleting_a_whole_chain_is_caught_by_a_checkpoint(tmp_path):
    record_three(1)
    record_three(2)
    path = tmp_path / "checkpoints.jsonl"
    checkpoint(path)
    sql(f"DELETE FROM {TABLE} WHERE organisation_id = %s", [2])  # noqa: S608
    sql(f"DELETE FROM {HEADS} WHERE organisation_id = %s", [2])  # noqa: S608

    with pytest.raises(
        CommandError, match="organisation 2 chain at event 3: the whole chain is missing"
    ):
        verify_against(path)


def test_checkpoints_append_and_an_intact_trail_passes_them_all(tmp_path):
    path = tmp_path / "checkpoints.jsonl"
    record_three(1)
    checkpoint(path)
    record_three(None)
    checkpoint(path)

    lines = [json.loads(line) for line in path.read_text().splitlines()]

    assert [(line["chain"], line["sequence"]) for line in lines] == [
        ("organisation 1", 3),
        ("organisation 1", 3),
        ("installation", 3),
    ]
    assert "6 events in 2 chains checked, against 3 checkpoints." in verify_against(path)


def test_a_checkpoint_line_not_sealed_with_the_key_is_refused(tmp_path):
    record_three()
    path = tmp_path / "checkpoints.jsonl"
    checkpoint(path)
    line = json.loads(path.read_text())
    line["sequence"] = 2
    path.write_text(json.dumps(line) + "\n")

    with pytest.raises(CommandError, match=r"line 1 of .* was not sealed with the audit key"):
        verify_against(path)


# The command ----------------------------------------------------------------------------------


def test_audit_verify_command_reports_events_and_chains():
    record_three(1)
    record_three(None)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "The audit trail is intact: 6 events in 2 chains checked." in out.getvalue()


def test_audit_verify_command_fails_on_a_tampered_trail():
    _, second, _ = record_three()
    sql_update("summary", "Changed", pk=second.pk)
    with pytest.raises(CommandError) as error:
        call_command("audit", "verify", stdout=StringIO())
    assert str(error.value) == (
        "The audit trail is broken in the organisation 1 chain at event 2: its contents were "
        "changed after it was written. The event before it is intact."
    )


# Append-only ----------------------------------------------------------------------------------


def test_an_audit_event_cannot_be_saved_again():
    event = audit_record(action="test.thing", summary="Original")
    event.summary = "Changed"
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).summary == "Original"


def test_an_audit_event_cannot_be_deleted():
    event = audit_record(action="test.thing", summary="Original")
    with pytest.raises(RuntimeError, match="append-only"):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_audit_events_for_an_organisation_are_only_that_organisations():
    audit_record(action="test.first", summary="a", organisation_id=1)
    audit_record(action="test.second", summary="b", organisation_id=2)
    organisation = factories.OrganisationFactory.build(pk=1)

    actions = list(
        AuditEvent.objects.for_organisation(organisation).values_list("action", flat=True)
    )

    assert actions == ["test.first"]


def test_verify_against_a_checkpoint_file_that_has_gone_fails(tmp_path):
    # Given checkpoints are configured, but the file is not there (deleted, or never written)
    record_three()
    # When the operator verifies against it, it fails rather than pass against nothing
    with pytest.raises(CommandError, match=r"checkpoints\.jsonl does not exist"):
        verify_against(tmp_path / "checkpoints.jsonl")
