"""`alongside people age-out`: move on everyone past their youth offer's upper age.

Run it daily (cron or a scheduler). It is safe to run any number of times: each person is
moved once, and a person who visits first is moved by their visit (docs/adr/0012).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alongside.accounts.services import people_age_out


class Command(BaseCommand):
    help = "Tasks about people. age-out: make young people past the youth offer community members."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "operation",
            choices=["age-out"],
            help="age-out: young people past the youth offer's upper age become community members",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        moved = people_age_out()
        self.stdout.write(
            self.style.SUCCESS(
                f"{moved} young {'person' if moved == 1 else 'people'} became community members."
            )
        )
