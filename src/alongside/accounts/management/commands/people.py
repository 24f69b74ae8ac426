"""`alongside people age-out`: move on everyone past their youth offer's upper age.
`alongside people purge-invitations`: delete staff invitations that ended over 90 days ago.

Run both daily (cron or a scheduler). Each is safe to run any number of times: each person is
moved once, and a person who visits first is moved by their visit (docs/adr/0012).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alongside.accounts.services import people_age_out, staff_invitations_purge


class Command(BaseCommand):
    help = (
        "Tasks about people. age-out: make young people past the youth offer community members. "
        "purge-invitations: delete staff invitations that ended over 90 days ago."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "operation",
            choices=["age-out", "purge-invitations"],
            help="age-out: young people past the youth offer's upper age become community "
            "members; purge-invitations: ended staff invitations' names and addresses go",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["operation"] == "purge-invitations":
            deleted = staff_invitations_purge()
            self.stdout.write(
                self.style.SUCCESS(
                    f"{deleted} ended staff invitation{'' if deleted == 1 else 's'} deleted."
                )
            )
            return
        moved = people_age_out()
        self.stdout.write(
            self.style.SUCCESS(
                f"{moved} young {'person' if moved == 1 else 'people'} became community members."
            )
        )
