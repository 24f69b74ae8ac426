"""`alongside notices digest`: send today's daily messages about new notices.

Run it once a day (cron or a scheduler; docs/deploy.md). It is safe to run any number of times,
and on several machines at once: each person gets at most one message a day, and one that
failed is tried again on the next run. ``--enqueue`` hands the work to `alongside worker`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from alongside.notices import tasks


class Command(BaseCommand):
    help = "Notices. digest: send each person one message gathering their new notices."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "operation",
            choices=["digest"],
            help="digest: send today's daily messages (at most one a person a day)",
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="queue it for `alongside worker` instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            tasks.digests_send.enqueue()
            self.stdout.write("The daily messages are queued for the worker.")
            return
        run = tasks.digests_send_now()
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.sent} daily {'message' if run.sent == 1 else 'messages'} sent."
            )
        )
        if run.failed:
            self.stderr.write(
                f"{run.failed} could not be sent; they will be tried on the next run."
            )
