"""`alongside credits verify`: check every invariant of the whole ledger and fail, naming each
transaction or account that breaks one. Read-only; safe to run beside the site."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.core.ledger_books import ledger_verify
from alongside.credits.services.totals import records_verify, totals_verify


class Command(BaseCommand):
    help = (
        "Time credits. verify: check that every ledger transaction balances, is as it was "
        "written, that every balance is the sum of its lines, that the report's monthly "
        "totals are the ledger's, and that every credit and voucher is its transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "operation",
            choices=["verify"],
            help="verify: check every invariant of the ledger (time credits and any other unit)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = ledger_verify()
        report.problems.extend([*totals_verify(), *records_verify()])
        counted = (
            f"{report.transactions} transaction{'' if report.transactions == 1 else 's'} "
            f"and {report.lines} line{'' if report.lines == 1 else 's'}"
        )
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"Checked {counted}: the ledger is sound."))
            return
        problems = report.problems
        raise CommandError(
            "\n".join(
                [
                    *(p.line() for p in problems),
                    f"Checked {counted}: {len(problems)} problem"
                    f"{'' if len(problems) == 1 else 's'} found.",
                ]
            )
        )
