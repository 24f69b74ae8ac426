"""Tamper-evident chaining of audit events. Pure: no Django, so it can be property-tested."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(payload: Mapping[str, Any]) -> bytes:
    """The exact bytes that are hashed: sorted keys, no whitespace, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def link_hash(previous_hash: str, payload: Mapping[str, Any]) -> str:
    return hashlib.sha256(previous_hash.encode("ascii") + b"\n" + canonical(payload)).hexdigest()


@dataclass(frozen=True)
class ChainLink:
    sequence: int
    payload: Mapping[str, Any]
    previous_hash: str
    hash: str


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


def verify(links: Iterable[ChainLink]) -> tuple[int, ChainBreak | None]:
    """Walk the chain once, in constant memory.

    Returns how many links held and the first break, if any.
    """
    expected_previous = GENESIS
    checked = 0
    for link in links:
        if link.sequence != checked + 1:
            return checked, ChainBreak(link.sequence, f"event {checked + 1} is missing")
        if link.previous_hash != expected_previous:
            return checked, ChainBreak(link.sequence, "it does not follow the event before it")
        if link_hash(link.previous_hash, link.payload) != link.hash:
            return checked, ChainBreak(
                link.sequence, "its contents were changed after it was written"
            )
        expected_previous = link.hash
        checked += 1
    return checked, None
