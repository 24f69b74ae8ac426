"""`alongside demo_code EMAIL`: the current two-factor code of a demo staff account."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.accounts import demo


class Command(BaseCommand):
    help = "Print the current two-factor code for a demo staff sign-in (demo mode only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.MODE != "demo":
            raise CommandError("Two-factor codes are only printed in the demo.")
        rows = {row.username: row for row in demo.sign_ins() if row.totp_secret}
        row = rows.get(options["email"])
        if row is None:
            raise CommandError(f"No demo staff sign-in is called {options['email']!r}.")
        self.stdout.write(demo.current_code(row.totp_secret))
