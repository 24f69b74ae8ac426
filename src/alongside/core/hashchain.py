"""Tamper-evident chaining of audit events. Pure: no Django, so it can be property-tested.

Each link is an HMAC-SHA256 under a key the database does not hold, so someone who can write
to the database but does not have the key cannot make a changed, removed or rewritten link
check out, even though the algorithm is public. The chain's head is sealed under the same
key, so removing the last events and lowering the head's count is caught too. Checkpoints
(a head's sequence and hash kept outside the database) catch what a key holder could
rewrite before them. ADR 0007 says what each of these does and does not prove.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(payload: Mapping[str, Any]) -> bytes:
    """The exact bytes that are hashed: sorted keys, no whitespace, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(key: bytes, previous_hash: str, payload: Mapping[str, Any]) -> str:
    message = previous_hash.encode("ascii") + b"\n" + canonical(payload)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def seal(key: bytes, chain: str, sequence: int, last_hash: str) -> str:
    """A MAC over a chain's head, so a head lowered to hide removed events does not check out.

    The prefix keeps a seal from ever equalling a link hash, which anyone can read.
    """
    message = f"head\n{chain}\n{sequence}\n{last_hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainLink:
    sequence: int
    payload: Mapping[str, Any]
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class Head:
    """Where a chain ends, as its writers last left it."""

    sequence: int
    hash: str
    seal: str


@dataclass(frozen=True)
class Checkpoint:
    """A point the chain passed, written down outside the database."""

    sequence: int
    hash: str


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


def sealed_head(key: bytes, chain: str, sequence: int, last_hash: str) -> Head:
    return Head(sequence, last_hash, seal(key, chain, sequence, last_hash))


def verify_links(links: Iterable[ChainLink], *, key: bytes) -> tuple[int, str, ChainBreak | None]:
    """Walk the links once, in constant memory.

    Returns how many links held, the hash of the last one that did, and the first break.
    """
    expected_previous = GENESIS
    checked = 0
    for link in links:
        if link.sequence != checked + 1:
            return (
                checked,
                expected_previous,
                ChainBreak(link.sequence, f"event {checked + 1} is missing"),
            )
        if link.previous_hash != expected_previous:
            return (
                checked,
                expected_previous,
                ChainBreak(link.sequence, "it does not follow the event before it"),
            )
        if not hmac.compare_digest(link_hash(key, link.previous_hash, link.payload), link.hash):
            return (
                checked,
                expected_previous,
                ChainBreak(link.sequence, "its contents were changed after it was written"),
            )
        expected_previous = link.hash
        checked += 1
    return checked, expected_previous, None


def verify(
    links: Iterable[ChainLink],
    *,
    key: bytes,
    chain: str,
    head: Head | None,
    checkpoints: Iterable[Checkpoint] = (),
) -> tuple[int, ChainBreak | None]:
    """Check one chain: its links, that it ends where its sealed head says, and that it still
    passes through every checkpoint. Returns how many links held and the first break, if any.

    A chain with no head must have no links: heads are written with the first event.
    """
    # Every checkpoint counts, not the latest per event: someone with the key who rewrote the
    # chain could append a line of their own, but cannot take the earlier ones back.
    wanted: dict[int, set[str]] = {}
    for point in checkpoints:
        wanted.setdefault(point.sequence, set()).add(point.hash)
    passed: dict[int, str] = {}

    def noting_checkpoints() -> Iterable[ChainLink]:
        for link in links:
            if link.sequence in wanted:
                passed[link.sequence] = link.hash
            yield link

    checked, last_hash, problem = verify_links(noting_checkpoints(), key=key)
    if problem is not None:
        return checked, problem
    for sequence in sorted(wanted):
        if len(wanted[sequence]) > 1 or passed.get(sequence) not in wanted[sequence]:
            return checked, ChainBreak(
                sequence, "it is not the event recorded at a checkpoint outside the database"
            )
    if head is None:
        if checked:
            return checked, ChainBreak(checked, "the chain has events but no head")
        return checked, None
    if not hmac.compare_digest(seal(key, chain, head.sequence, head.hash), head.seal):
        return checked, ChainBreak(
            head.sequence, "the chain's head was changed or written without the audit key"
        )
    if head.sequence != checked:
        return checked, ChainBreak(
            min(head.sequence, checked) + 1,
            f"the chain should hold {head.sequence} events but holds {checked}",
        )
    if head.hash != last_hash:
        return checked, ChainBreak(checked, "it is not the last event the chain's head recorded")
    return checked, None
