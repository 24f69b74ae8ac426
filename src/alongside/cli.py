"""The `alongside` command: every management command, plus demo, serve and worker."""

from __future__ import annotations

import os
import sys

from alongside.config.paths import demo_secret_key_file

# Exit status for "the installation is not set up right" (a missing setting), as for a
# usage error: scripts and schedulers can tell it from a failed check.
MISCONFIGURED = 2


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command == "budget" and argv[2:3] not in (["verify"], ["close-due"], ["import"]):
        # The tally engine is pure Python: tallying a file needs no settings, database or key.
        # Verifying and closing rounds read the database: Django's `budget` command does those.
        from alongside.budgeting.rules import cli as budget_cli

        sys.exit(budget_cli.main(argv[2:]))
    _choose_mode(command)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")

    from django.core.exceptions import ImproperlyConfigured

    try:
        if command == "serve":
            _check_settings()
            _serve(argv[2:])
            return
        if command == "worker":
            # Background tasks through the django-tasks API, stored in the database.
            argv = [argv[0], "db_worker", *argv[2:]]

        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        # One plain line for the person setting up, not a traceback through the settings.
        print(f"alongside: {error}", file=sys.stderr)
        sys.exit(MISCONFIGURED)


def _choose_mode(command: str) -> None:
    """Without ALONGSIDE_MODE, run the demo `make demo` set up here, or else production."""
    if "ALONGSIDE_MODE" in os.environ:
        return
    if command == "demo":
        os.environ["ALONGSIDE_MODE"] = "demo"
    elif demo_secret_key_file().exists():
        os.environ["ALONGSIDE_MODE"] = "demo"
        print(
            f"alongside: using the demo set up by `make demo` ({demo_secret_key_file()}). "
            "Set ALONGSIDE_MODE=production to run for real.",
            file=sys.stderr,
        )


def _check_settings() -> None:
    """Load the settings now, so a missing one is reported here and not by each gunicorn
    worker as it starts."""
    from django.conf import settings

    _ = settings.SECRET_KEY


def _serve(extra: list[str]) -> None:
    """Production server: gunicorn in front of the WSGI app, sized by environment variables."""
    from alongside.config.accesslog import ACCESS_LOG_FORMAT

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
        # No query strings, referrers or secrets from paths (consent and reset links).
        "--logger-class",
        "alongside.config.accesslog.AccessLogger",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        *extra,
    ]
    # The venv's own Python runs gunicorn, so it works without the venv on PATH.
    os.execv(sys.executable, args)  # noqa: S606 - replaces this process; the args are ours


if __name__ == "__main__":
    main()
