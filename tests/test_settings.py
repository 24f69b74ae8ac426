"""Production settings: secure by default, and loud when something is missing."""

from __future__ import annotations

import os
import subprocess
import sys

PRODUCTION = {
    "ALONGSIDE_MODE": "production",
    "SECRET_KEY": "a-long-random-test-secret-" + "k" * 50,
    "AUDIT_KEY": "a-long-random-audit-key-" + "a" * 50,
    "ALLOWED_HOSTS": "alongside.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; a server never has it.
    inherited = set(PRODUCTION) | {"DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_with_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_health_check_answers_over_plain_http_in_production() -> None:
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='alongside.example.org');"
        "print(r.status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **{k: v for k, v in os.environ.items() if k not in PRODUCTION},
            **PRODUCTION,
            "DJANGO_SETTINGS_MODULE": "alongside.config.settings",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    # Not the 301 to HTTPS every other page gets (503 is fine: an empty in-memory database)
    assert result.stdout.strip() in {"200", "503"}, result.stderr
