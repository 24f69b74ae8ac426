"""Writes a client may repeat (a form sent twice, a sync retried from a phone) are stored once.

The unique constraint on ``idempotency_key`` decides, never a check beforehand: the insert runs
in a savepoint, and if another request with the same key got there first its row is returned.
A key already used for something else (another person's, or with other content) is refused
rather than answered with that row, so a key can never be used to read what it did not write.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.db import IntegrityError, models, transaction

from alongside.core.errors import Conflict

_M = TypeVar("_M", bound=models.Model)

KEY_REUSED = "This was already sent with different details. Go back and start again."


def create_once(
    model: type[_M],
    *,
    idempotency_key: uuid.UUID,
    create: Callable[[], _M],
    same: Callable[[_M], bool],
) -> tuple[_M, bool]:
    """``(row, True)`` if ``create`` made it now, ``(row, False)`` if this key made it before.

    ``same`` says whether an earlier row is the same request (same person, same organisation,
    same content); if not, ``Conflict``. Call inside the service's transaction; ``create``
    should write the row and its audit event, so a repeat writes neither.
    """
    manager = model._default_manager
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        earlier = manager.filter(idempotency_key=idempotency_key).first()
        if earlier is None:
            raise
    if not same(earlier):
        raise Conflict(KEY_REUSED)
    return earlier, False
