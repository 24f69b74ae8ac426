"""`alongside safeguarding escalate`: tell organisation admins about concerns no lead picked up.

Run it every 15 minutes (cron or a scheduler; docs/deploy.md). It is safe to run any number of
times, and two at once: each concern is escalated once (a guarded update on ``escalated_at``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alongside.safeguarding.services import concerns_escalate_overdue


class Command(BaseCommand):
    help = "Safeguarding tasks. escalate: tell admins about concerns no lead picked up in time."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "operation",
            choices=["escalate"],
            help="escalate: tell admins about concerns past their time with no lead picking up",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        escalated = concerns_escalate_overdue()
        self.stdout.write(
            self.style.SUCCESS(
                f"{escalated} safeguarding {'concern' if escalated == 1 else 'concerns'} escalated."
            )
        )
