"""`alongside audit verify` as an operator runs it: one plain line when a key is missing."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.test_settings import PRODUCTION


def _alongside(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    clean = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        [sys.executable, "-m", "alongside.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_verify_without_an_audit_key_in_production_says_so_in_one_line() -> None:
    # Given production settings with every secret but the audit key
    env = {k: v for k, v in PRODUCTION.items() if k != "AUDIT_KEY"}
    # When the operator runs `alongside audit verify`
    result = _alongside("audit", "verify", **env)
    # Then it fails with one plain line and no traceback
    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        "alongside: Set the AUDIT_KEY environment variable (50 or more random characters, kept "
        "apart from the database and its backups)."
    ]


def test_verify_without_a_secret_key_says_so_in_one_line() -> None:
    env = {k: v for k, v in PRODUCTION.items() if k not in {"SECRET_KEY", "AUDIT_KEY"}}

    result = _alongside("audit", "verify", **env)

    assert result.returncode != 0
    assert len(result.stderr.splitlines()) == 1
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_verify_on_a_fresh_demo_database_exits_0_with_events_and_chains(tmp_path) -> None:
    # Given a demo database that has been migrated (as `make demo` leaves it)
    env = {"ALONGSIDE_MODE": "demo", "ALONGSIDE_VAR_DIR": str(tmp_path)}
    assert _alongside("migrate", "--verbosity", "0", **env).returncode == 0
    # When the operator runs `alongside audit verify` in the same mode
    result = _alongside("audit", "verify", **env)
    # Then it succeeds and says how much it checked
    assert result.returncode == 0, result.stderr
    assert "The audit trail is intact: 0 events in 0 chains checked." in result.stdout
