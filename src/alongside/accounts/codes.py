"""Short secret codes people read aloud or type on a phone. Pure helpers."""

from __future__ import annotations

import hashlib
import secrets

# No 0/O, 1/I/L or 5/S: codes are read out across a noisy youth club.
ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"


def new_code(groups: int = 2, size: int = 4) -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(size)) for _ in range(groups))


def normalise_code(raw: str) -> str:
    """Forgive case, spaces and missing dashes: ``abcd efgh`` and ``ABCD-EFGH`` are the same."""
    letters = "".join(ch for ch in raw.upper() if ch.isalnum())
    if len(letters) % 4 != 0 or not letters:
        return letters
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)
