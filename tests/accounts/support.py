"""Assertions the accounts tests share: what the audit trail gained, and that it names nobody."""

from __future__ import annotations

import json
from collections.abc import Iterable

from alongside.core.audit import audit_verify
from alongside.core.models import AuditEvent

PASSPHRASE = "purple bus sandwich"


def last_sequence() -> int:
    """A mark in the whole trail: the last event's id (sequences are per chain)."""
    event = AuditEvent.objects.order_by("-id").first()
    return event.pk if event else 0


def events_after(mark: int) -> list[AuditEvent]:
    """Audit events written after ``mark`` (from ``last_sequence``), oldest first."""
    return list(AuditEvent.objects.filter(pk__gt=mark).order_by("id"))


def assert_names_nobody(events: Iterable[AuditEvent], *details: str) -> None:
    """No event's summary or data holds any of ``details`` (display names, usernames, emails)."""
    for event in events:
        text = (event.summary + " " + json.dumps(event.data, ensure_ascii=False)).lower()
        for detail in details:
            if detail:
                assert detail.lower() not in text, f"{event.action} mentions {detail!r}"


def assert_trail_intact() -> None:
    reports = audit_verify()
    assert [r.problem for r in reports if r.problem] == []
    assert sum(r.checked for r in reports) == AuditEvent.objects.count()
