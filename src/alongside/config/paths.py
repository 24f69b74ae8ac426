"""Where Alongside keeps its files. The ``alongside`` command reads this before any settings,
to know whether ``make demo`` has set up a demo here."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]


def var_dir() -> Path:
    return Path(os.environ.get("ALONGSIDE_VAR_DIR", BASE_DIR / "var"))


def demo_secret_key_file() -> Path:
    """Written by the first demo-mode start; its presence means "this checkout runs the demo"."""
    return var_dir() / "demo-secret-key"
