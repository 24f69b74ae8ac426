"""Assertions the accounts tests share: what the audit trail gained, and that it names nobody."""

from __future__ import annotations

import json
from collections.abc import Iterable

from alongside.core.audit import audit_verify
from alongside.core.models import AuditEvent

PASSPHRASE = "purple bus sandwich"


def last_sequence() -> int:
    event = AuditEvent.objects.order_by("-sequence").first()
    return event.sequence if event else 0


def events_after(sequence: int) -> list[AuditEvent]:
    """Audit events written after ``sequence``, oldest first."""
    return list(AuditEvent.objects.filter(sequence__gt=sequence).order_by("sequence"))


def assert_names_nobody(events: Iterable[AuditEvent], *details: str) -> None:
    """No event's summary or data holds any of ``details`` (display names, usernames, emails)."""
    for event in events:
        text = (event.summary + " " + json.dumps(event.data, ensure_ascii=False)).lower()
        for detail in details:
            if detail:
                assert detail.lower() not in text, f"{event.action} mentions {detail!r}"


def assert_trail_intact() -> None:
    checked, problem = audit_verify()
    assert problem is None, problem
    assert checked == last_sequence()
