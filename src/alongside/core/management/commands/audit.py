"""`alongside audit verify`: check that nobody has changed or removed an audit event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.core.audit import audit_verify


class Command(BaseCommand):
    help = "Check the audit trail's hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("operation", choices=["verify"], help="verify: check the whole chain")

    def handle(self, *args: Any, **options: Any) -> None:
        checked, problem = audit_verify()
        if problem is not None:
            raise CommandError(
                f"The audit trail is broken at event {problem.sequence}: {problem.reason}. "
                f"{checked} events before it are intact."
            )
        self.stdout.write(
            self.style.SUCCESS(f"The audit trail is intact: {checked} events checked.")
        )
