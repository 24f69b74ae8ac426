"""`alongside budget tally FILE.pb ...`: the tally engine's command line, inside the product CLI."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from alongside.budgeting.rules import cli


class Command(BaseCommand):
    help = "Participatory budgeting tools. Run 'alongside budget tally --help'."

    def run_from_argv(self, argv: list[str]) -> None:
        # The engine owns its argument parsing (and its one-line errors and exit codes).
        sys.exit(cli.main(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover - see run_from_argv
        sys.exit(cli.main(list(args)))
