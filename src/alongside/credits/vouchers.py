"""Voucher codes: 8 characters from 27 unambiguous ones (no 0/O, 1/I/L, 5/S, 2/Z), shown as
"KTPM-4QXR". About 38 bits: with the partner page's rate limits nobody finds one by guessing."""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789"
LENGTH = 8


def voucher_code() -> str:
    letters = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{letters[:4]}-{letters[4:]}"


def normalised(typed: str) -> str:
    """What someone typed, as stored: capitals, no spaces or dashes, then the one dash."""
    letters = "".join(ch for ch in typed.upper() if ch.isalnum())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == LENGTH else letters
