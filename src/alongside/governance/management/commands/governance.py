"""`alongside governance verify`: re-check every carried motion against the attendance
recorded at the moment of its vote, and fail naming each one carried while not quorate (or
with votes from people who were not there). Read-only; safe to run alongside the site."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.governance.verify import motions_verify


class Command(BaseCommand):
    help = (
        "Boards and meetings. verify: check that every carried motion was carried by a "
        "quorate meeting, by the votes of members who were there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "operation",
            choices=["verify"],
            help="verify: re-check every carried motion's quorum at the moment of its vote",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = motions_verify()
        checked = f"{report.checked} carried motion{'' if report.checked == 1 else 's'}"
        if report.ok and not report.checked:
            self.stdout.write(
                self.style.SUCCESS("No motion has been carried yet: nothing to check.")
            )
            return
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"Checked {checked}: all were quorate."))
            return
        problems = report.problems
        raise CommandError(
            "\n".join(
                [
                    *(p.line() for p in problems),
                    f"Checked {checked}: {len(problems)} problem"
                    f"{'' if len(problems) == 1 else 's'} found.",
                ]
            )
        )
