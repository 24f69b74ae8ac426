"""The conformance set for the tests that read real Pabulib files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.budgeting.rules.helpers import require_pb


@pytest.fixture
def pb() -> Path:
    """``../shared/pb`` (or ``$ALONGSIDE_PB_DIR``); the test fails under CI, and is skipped
    elsewhere, with a message naming the missing folder when it is not there."""
    return require_pb()
