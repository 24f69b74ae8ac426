"""The idempotency key of a write a device may send again: in the ``Idempotency-Key`` header
or as ``idempotency_key`` in the body (one key, if both are sent). Every repeatable API write
reads it here, so every one is refused with the same words when it is missing."""

from __future__ import annotations

import uuid

from alongside.core.errors import ValidationFailed


def idempotency_key(header: str | None, body: uuid.UUID | None, *, what: str) -> uuid.UUID:
    """The key sent, or ``ValidationFailed`` naming ``what`` ("ballot", "reward")."""
    missing = (
        f"Send an idempotency key: a UUID made once for this {what}, in the Idempotency-Key "
        "header or as idempotency_key, and sent again with every retry."
    )
    if header is None:
        if body is None:
            raise ValidationFailed(missing, field="idempotency_key")
        return body
    try:
        key = uuid.UUID(header.strip())
    except ValueError:
        raise ValidationFailed(missing, field="idempotency_key") from None
    if body is not None and body != key:
        raise ValidationFailed(
            f"The Idempotency-Key header and idempotency_key differ. Send one key for one {what}.",
            field="idempotency_key",
        )
    return key
