"""Helpers for the API tests."""

from __future__ import annotations

from tests.snapshots import rows_snapshot

__all__ = ["rows_snapshot"]
