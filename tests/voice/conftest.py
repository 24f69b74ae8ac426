"""Photos uploaded in the voice tests go to a temporary folder, not var/private."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from alongside.voice.models import Contribution


@pytest.fixture(autouse=True)
def private_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    # The model's field holds the storage it was given at start-up; this test's stands in.
    location = tmp_path / "private"
    field = Contribution._meta.get_field("image")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=location, base_url=None))
    return location
