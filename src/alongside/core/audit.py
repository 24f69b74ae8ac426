"""Writing and checking the audit trail. Services call ``audit_record`` inside their transaction.

Each organisation has its own chain, and the installation one holds events with no
organisation (signing in, downloading your data). Each domain registers the names of the
events it writes, with plain words for the people who read the trail, in ``audit_events``.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise

from alongside.core import hashchain
from alongside.core.models import AuditChainHead, AuditEvent

logger = logging.getLogger(__name__)


class UnknownAuditAction(LookupError):
    """An event name no domain registered: almost always a typo."""


class AuditEventRegistry:
    """The names of the events each domain writes, and what they mean in plain words."""

    def __init__(self) -> None:
        self._labels: dict[str, str | Promise] = {}
        self._targets: dict[str, str | Promise] = {}

    def register(self, action: str, label: str | Promise) -> str:
        if self._labels.get(action, label) != label:
            raise ValueError(f"The audit event {action!r} is already registered as another thing.")
        self._labels[action] = label
        return action

    def __contains__(self, action: object) -> bool:
        return action in self._labels

    def label(self, action: str) -> str:
        """Plain words for an event; an event recorded before its name was registered keeps it."""
        label = self._labels.get(action)
        return str(label) if label is not None else action

    def register_target(self, object_type: str, label: str | Promise) -> str:
        """Plain words for what an event of this type is about ("A join code")."""
        self._targets[object_type] = label
        return object_type

    def target_label(self, object_type: str) -> str:
        label = self._targets.get(object_type)
        return str(label) if label is not None else ""

    def choices(self, actions: Iterable[str]) -> list[tuple[str, str]]:
        """(name, plain words) for these events, in alphabetical order of the words."""
        return sorted(((a, self.label(a)) for a in actions), key=lambda choice: choice[1])


audit_events = AuditEventRegistry()


@dataclass(frozen=True)
class Target:
    """What an event is about, as a type label and an id (never a name)."""

    type: str
    id: str

    @classmethod
    def of(cls, obj: Any) -> Target:
        meta = obj._meta
        return cls(type=f"{meta.app_label}.{meta.model_name}", id=str(obj.pk))


def chain_name(organisation_id: int | None) -> str:
    """How a chain is named in its seal, in checkpoints and in what verify says."""
    return "installation" if organisation_id is None else f"organisation {organisation_id}"


def _key() -> bytes:
    return str(settings.AUDIT_KEY).encode()


def audit_record(
    *,
    action: str,
    summary: str,
    actor_id: int | None = None,
    organisation_id: int | None = None,
    target: Any = None,
    data: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to its organisation's chain, in the caller's transaction."""
    if action not in audit_events:
        if settings.AUDIT_STRICT_ACTIONS:
            raise UnknownAuditAction(
                f"No domain registered the audit event {action!r}: add it to that domain's "
                "audit_events module."
            )
        # In production an event under an odd name is better than a lost one.
        logger.error("Audit event %r is not registered", action)
    if target is not None and not isinstance(target, Target):
        target = Target.of(target)
    key = _key()
    with transaction.atomic():
        # Only this organisation's writers wait on this row.
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            organisation_id=organisation_id, defaults={"last_hash": hashchain.GENESIS}
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
        event.hash = hashchain.link_hash(key, head.last_hash, event.chain_payload())
        event.save()
        head.last_sequence = event.sequence
        head.last_hash = event.hash
        head.seal = hashchain.seal(key, chain_name(organisation_id), event.sequence, event.hash)
        head.save(update_fields=["last_sequence", "last_hash", "seal"])
    return event


# Checking -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    chain: str
    checked: int
    problem: hashchain.ChainBreak | None


def _links(organisation_id: int | None, batch_size: int = 2000) -> Iterator[hashchain.ChainLink]:
    events = AuditEvent.objects.filter(organisation_id=organisation_id).order_by("sequence")
    for event in events.iterator(chunk_size=batch_size):
        yield hashchain.ChainLink(
            sequence=event.sequence,
            payload=event.chain_payload(),
            previous_hash=event.previous_hash,
            hash=event.hash,
        )


def audit_verify(
    *, checkpoints: Mapping[str, list[hashchain.Checkpoint]] | None = None
) -> list[ChainReport]:
    """Check every chain: its links, its sealed head, and every checkpoint written outside.

    A chain a checkpoint names must still exist, so deleting a whole chain is caught too.
    """
    checkpoints = checkpoints or {}
    key = _key()
    heads = {head.organisation_id: head for head in AuditChainHead.objects.all()}
    with_events = set(
        AuditEvent.objects.order_by().values_list("organisation_id", flat=True).distinct()
    )
    chains = {chain_name(o): o for o in {*heads, *with_events}}
    reports = []
    for name in sorted({*chains, *checkpoints}):
        if name not in chains:
            last = max(point.sequence for point in checkpoints[name])
            reports.append(
                ChainReport(name, 0, hashchain.ChainBreak(last, "the whole chain is missing"))
            )
            continue
        organisation_id = chains[name]
        stored = heads.get(organisation_id)
        head = (
            hashchain.Head(stored.last_sequence, stored.last_hash, stored.seal) if stored else None
        )
        checked, problem = hashchain.verify(
            _links(organisation_id),
            key=key,
            chain=name,
            head=head,
            checkpoints=checkpoints.get(name, ()),
        )
        reports.append(ChainReport(name, checked, problem))
    return reports


# Checkpoints outside the database -------------------------------------------------------------


def audit_checkpoint_lines() -> list[str]:
    """One line per chain: where its head is now, sealed, to keep somewhere the database is not."""
    written_at = timezone.now().isoformat()
    lines = []
    for head in AuditChainHead.objects.order_by("id"):
        lines.append(
            json.dumps(
                {
                    "chain": chain_name(head.organisation_id),
                    "sequence": head.last_sequence,
                    "hash": head.last_hash,
                    "seal": head.seal,
                    "written_at": written_at,
                },
                sort_keys=True,
            )
        )
    return lines


def audit_checkpoint_append(path: Path) -> list[str]:
    lines = audit_checkpoint_lines()
    # Append only: earlier checkpoints are what catches a later rewrite.
    with path.open("a", encoding="utf-8") as file:
        for line in lines:
            file.write(line + "\n")
    return lines


class BadCheckpoint(ValueError):
    pass


def audit_checkpoints_read(path: Path) -> dict[str, list[hashchain.Checkpoint]]:
    """Read a checkpoint file, refusing a line that was not sealed with the audit key."""
    key = _key()
    found: dict[str, list[hashchain.Checkpoint]] = {}
    if not path.exists():
        # A missing file is what deleting every checkpoint looks like: never pass quietly.
        raise BadCheckpoint(f"{path} does not exist (run `alongside audit checkpoint` first)")
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                chain, sequence, last_hash = entry["chain"], int(entry["sequence"]), entry["hash"]
                expected = hashchain.seal(key, chain, sequence, last_hash)
                valid = hmac.compare_digest(expected, str(entry["seal"]))
            except (ValueError, KeyError, TypeError) as error:
                raise BadCheckpoint(f"line {number} of {path} is not a checkpoint") from error
            if not valid:
                raise BadCheckpoint(f"line {number} of {path} was not sealed with the audit key")
            if sequence:
                found.setdefault(chain, []).append(hashchain.Checkpoint(sequence, last_hash))
    return found
