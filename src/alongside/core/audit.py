"""Writing and checking the audit trail. Services call ``audit_record`` inside their transaction."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from alongside.core import hashchain
from alongside.core.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class Target:
    """What an event is about, as a type label and an id (never a name)."""

    type: str
    id: str

    @classmethod
    def of(cls, obj: Any) -> Target:
        meta = obj._meta
        return cls(type=f"{meta.app_label}.{meta.model_name}", id=str(obj.pk))


def audit_record(
    *,
    action: str,
    summary: str,
    actor_id: int | None = None,
    organisation_id: int | None = None,
    target: Any = None,
    data: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction."""
    if target is not None and not isinstance(target, Target):
        target = Target.of(target)
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": hashchain.GENESIS}
        )
        event = AuditEvent(
            sequence=head.last_sequence + 1,
            occurred_at=timezone.now(),
            actor_id=actor_id,
            organisation_id=organisation_id,
            action=action,
            object_type=target.type if target else "",
            object_id=target.id if target else "",
            summary=summary[:300],
            data=dict(data or {}),
            previous_hash=head.last_hash,
        )
        event.hash = hashchain.link_hash(head.last_hash, event.chain_payload())
        event.save()
        head.last_sequence = event.sequence
        head.last_hash = event.hash
        head.save(update_fields=["last_sequence", "last_hash"])
    return event


def _links(batch_size: int = 2000) -> Iterator[hashchain.ChainLink]:
    events = AuditEvent.objects.order_by("sequence")
    for event in events.iterator(chunk_size=batch_size):
        yield hashchain.ChainLink(
            sequence=event.sequence,
            payload=event.chain_payload(),
            previous_hash=event.previous_hash,
            hash=event.hash,
        )


def audit_verify() -> tuple[int, hashchain.ChainBreak | None]:
    """Check the whole chain; return how many events held and the first break, if any."""
    checked, problem = hashchain.verify(_links())
    if problem is not None:
        return checked, problem
    head = AuditChainHead.objects.filter(pk=1).first()
    expected = head.last_sequence if head else 0
    if expected != checked:
        return checked, hashchain.ChainBreak(
            checked + 1, f"the trail should hold {expected} events but holds {checked}"
        )
    return checked, None
