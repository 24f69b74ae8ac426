"""`alongside demo`: migrate a SQLite database, load Riverside Council, print sign-ins, serve."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.accounts import demo


class Command(BaseCommand):
    help = "Set up the demo council and serve it (demo mode only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--no-serve", action="store_true", help="load the data, do not serve")
        parser.add_argument("--young-people", type=int, default=200)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.MODE == "production":
            raise CommandError(
                "The demo prints passwords and two-factor secrets, so it only runs with "
                "ALONGSIDE_MODE=demo (or test)."
            )
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", verbosity=0, interactive=False)
        if settings.MODE == "demo":
            call_command("collectstatic", verbosity=0, interactive=False)
        self.stdout.write("Loading Riverside Council (about a minute the first time)…")
        result = demo.seed(young_people=options["young_people"])
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Loaded {result.people} people."))
        self._print_sign_ins(result.sign_ins, options["port"])
        if not options["no_serve"]:
            call_command("runserver", f"127.0.0.1:{options['port']}", use_reloader=False)

    def _print_sign_ins(self, sign_ins: list[demo.SignIn], port: str) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Alongside demo: http://127.0.0.1:{port}/"))
        self.stdout.write("Sign in at /account/login/ with:")
        for row in sign_ins:
            line = f"  {row.role:<42} {row.username:<34} {row.secret}"
            if row.totp_secret:
                code = demo.current_code(row.totp_secret)
                line += f"\n  {'':<42} two-factor secret {row.totp_secret} (code now: {code};"
                line += f" later: alongside demo_code {row.username})"
            if row.note:
                line += f"   ({row.note})"
            self.stdout.write(line)
        self.stdout.write("Young people join with a code: see a worker's Join codes page.")
        self.stdout.write(
            "Count a youth budget vote (docs/budgeting-rules.md): "
            ".venv/bin/alongside budget tally docs/examples/riverside-youth-budget-2026.pb"
        )
        self.stdout.write("")
