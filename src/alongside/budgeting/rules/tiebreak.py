"""Tie-breaking orders.

Both rules compare projects by exact numbers; when two are exactly equal the project that comes
first in the tie-breaking order wins.

* Default: project ids compared as Python strings (code point by code point), as pabutools'
  ``lexico_tie_breaking`` does (it sorts ``Project`` objects, which compare by ``name``). So
  ``"p10"`` comes before ``"p2"``, and ``"10"`` before ``"9"``.
* With a published seed: projects ordered by the SHA-256 digest of ``"<seed>:<project id>"``
  (UTF-8), smallest first. Anyone can recompute the order from the seed and the ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def seed_key(seed: str, project_id: str) -> str:
    """The hex SHA-256 digest that orders ``project_id`` under ``seed``."""
    return hashlib.sha256(f"{seed}:{project_id}".encode()).hexdigest()


def tie_break_order(ids: Sequence[str], seed: str | None = None) -> list[str]:
    """The ids in tie-breaking order (first wins a tie)."""
    if seed is None:
        return sorted(ids)
    return sorted(ids, key=lambda pid: (seed_key(seed, pid), pid))


def tie_break_ranks(ids: Sequence[str], seed: str | None = None) -> list[int]:
    """``rank[i]`` is the position of ``ids[i]`` in the tie-breaking order (0 wins)."""
    position = {pid: r for r, pid in enumerate(tie_break_order(ids, seed))}
    return [position[pid] for pid in ids]
