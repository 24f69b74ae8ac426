"""The `alongside` command: every management command, plus demo, serve and worker."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command == "budget":
        # The tally engine is pure Python: tallying a file needs no settings, database or key.
        from alongside.budgeting.rules import cli as budget_cli

        sys.exit(budget_cli.main(argv[2:]))
    if command == "demo":
        os.environ.setdefault("ALONGSIDE_MODE", "demo")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")

    if command == "serve":
        _serve(argv[2:])
        return
    if command == "worker":
        # Background tasks through the django-tasks API, stored in the database.
        argv = [argv[0], "db_worker", *argv[2:]]

    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        # A missing setting is the operator's to fix: one plain line, not a traceback.
        sys.stderr.write(f"alongside: {error}\n")
        sys.exit(2)


def _serve(extra: list[str]) -> None:
    """Production server: gunicorn in front of the WSGI app, sized by environment variables."""
    port = os.environ.get("PORT", "8000")
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        "alongside.config.wsgi:application",
        "--bind",
        os.environ.get("BIND", f"0.0.0.0:{port}"),
        "--workers",
        os.environ.get("WEB_CONCURRENCY", "3"),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        *extra,
    ]
    # The venv's own Python runs gunicorn, so it works without the venv on PATH.
    os.execv(sys.executable, args)  # noqa: S606 - replaces this process; the args are ours


if __name__ == "__main__":
    main()
