"""Demo mode shows the product as people meet it: no debug pages, and a key of its own."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def _settings(var: Path, *names: str) -> list[str]:
    code = "from django.conf import settings; " + "; ".join(
        f"print(settings.{name})" for name in names
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"ALONGSIDE_MODE", "SECRET_KEY", "DATABASE_URL", "DJANGO_DEBUG"}
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **env,
            "ALONGSIDE_MODE": "demo",
            "ALONGSIDE_VAR_DIR": str(var),
            "DJANGO_SETTINGS_MODULE": "alongside.config.settings",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_demo_runs_without_debug_pages(tmp_path):
    assert _settings(tmp_path, "DEBUG") == ["False"]


def test_the_demo_makes_its_own_key_once_and_keeps_it_private(tmp_path):
    # Given a fresh demo folder, When the demo's settings load twice
    first = _settings(tmp_path, "SECRET_KEY")
    second = _settings(tmp_path, "SECRET_KEY")
    # Then both read the one key, kept in a file only its owner can read
    key_file = tmp_path / "demo-secret-key"
    assert first == second == [key_file.read_text().strip()]
    assert len(first[0]) >= 50
    assert "insecure" not in first[0]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_the_demo_sends_email_to_the_console_and_its_mail_page(tmp_path):
    assert _settings(tmp_path, "EMAIL_BACKEND", "DEMO_MAIL_DIR") == [
        "alongside.home.demo_mail.DemoEmailBackend",
        str(tmp_path / "mail"),
    ]
