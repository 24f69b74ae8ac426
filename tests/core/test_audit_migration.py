"""Moving a trail written as one unkeyed chain (ADR 0004) to keyed chains per organisation."""

from __future__ import annotations

import hashlib
import importlib
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.db import connection

from alongside.core import hashchain
from alongside.core.audit import audit_verify
from alongside.core.models import AuditChainHead, AuditEvent
from tests.core.test_audit import as_table_owner

pytestmark = pytest.mark.django_db

migration = importlib.import_module("alongside.core.migrations.0002_audit_chain_per_organisation")


def write_old_trail(organisations: list[int | None]) -> None:
    """Events as they were written before: one chain for everyone, plain SHA-256."""
    previous = hashchain.GENESIS
    for sequence, organisation_id in enumerate(organisations, start=1):
        event = AuditEvent(
            sequence=sequence,
            occurred_at=datetime(2026, 11, 23, 9, sequence, tzinfo=UTC),
            organisation_id=organisation_id,
            action="accounts.sign_in",
            summary=f"Event {sequence}",
            data={"n": sequence},
            previous_hash=previous,
        )
        event.hash = hashlib.sha256(
            previous.encode() + b"\n" + hashchain.canonical(event.chain_payload())
        ).hexdigest()
        event.save()
        previous = event.hash
    AuditChainHead.objects.create(pk=1, last_sequence=len(organisations), last_hash=previous)


@pytest.fixture(autouse=True)
def schema_as_the_migration_meets_it() -> None:
    """The one-per-place index is added after the re-chaining, so it is not there while it runs.

    With it, renumbering in one UPDATE can collide on a row not yet renumbered, depending on the
    order the database visits rows. The test's transaction is rolled back, index and all.
    """
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX core_auditevent_one_per_place")


def test_an_old_single_chain_becomes_one_keyed_chain_per_organisation():
    # Given a trail written the old way, organisations interleaved
    write_old_trail([1, 2, None, 1, 1, 2])
    # When the migration re-chains it
    with as_table_owner():
        migration.rechain_per_organisation(apps, None)
    # Then each organisation's events are numbered in their old order, and every chain verifies
    assert [(r.chain, r.checked, r.problem) for r in audit_verify()] == [
        ("installation", 1, None),
        ("organisation 1", 3, None),
        ("organisation 2", 2, None),
    ]
    summaries = AuditEvent.objects.filter(organisation_id=1).order_by("sequence")
    assert list(summaries.values_list("sequence", "summary")) == [
        (1, "Event 1"),
        (2, "Event 4"),
        (3, "Event 5"),
    ]


def test_the_migration_refuses_to_re_chain_a_tampered_trail():
    # Given an old trail whose second event was changed
    write_old_trail([1, 2, 1])
    with as_table_owner():
        AuditEvent.objects.filter(sequence=2).update(summary="Changed")
    # When the migration runs, it stops rather than launder the change into valid hashes
    with pytest.raises(RuntimeError, match="broken at event 2"), as_table_owner():
        migration.rechain_per_organisation(apps, None)


def test_the_migration_refuses_a_trail_cut_short():
    write_old_trail([1, 2, 1])
    AuditChainHead.objects.filter(pk=1).update(last_sequence=4)

    with pytest.raises(RuntimeError, match="removed from its end"), as_table_owner():
        migration.rechain_per_organisation(apps, None)
