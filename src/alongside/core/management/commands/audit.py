"""`alongside audit verify` and `alongside audit checkpoint`.

verify: check that nobody changed, removed or rewrote an audit event, in every chain.
checkpoint: write down where each chain ends now, outside the database, so a later rewrite by
someone who has the audit key is still caught (run it on a schedule; see docs/deploy.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.core.audit import (
    BadCheckpoint,
    audit_checkpoint_append,
    audit_checkpoint_lines,
    audit_checkpoints_read,
    audit_verify,
)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _intact(checked: int) -> str:
    if checked == 0:
        return ""
    if checked == 1:
        return " The event before it is intact."
    return f" The {checked} events before it are intact."


class Command(BaseCommand):
    help = "Check the audit trail (verify) or write down where it ends (checkpoint)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "operation",
            choices=["verify", "checkpoint"],
            help="verify: check every chain; checkpoint: append each chain's head to a file",
        )
        parser.add_argument(
            "--checkpoints",
            type=Path,
            default=None,
            help="the checkpoint file (default: the AUDIT_CHECKPOINT_FILE setting)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        configured = settings.AUDIT_CHECKPOINT_FILE
        path = options["checkpoints"] or (Path(configured) if configured else None)
        if options["operation"] == "checkpoint":
            self._checkpoint(path)
        else:
            self._verify(path)

    def _checkpoint(self, path: Path | None) -> None:
        # Printed as well, so they can go to a log the database's owners cannot edit.
        lines = audit_checkpoint_append(path) if path else audit_checkpoint_lines()
        for line in lines:
            self.stdout.write(line)
        if path:
            self.stderr.write(f"{_plural(len(lines), 'checkpoint', 'checkpoints')} added to {path}")

    def _verify(self, path: Path | None) -> None:
        try:
            checkpoints = audit_checkpoints_read(path) if path else {}
        except BadCheckpoint as error:
            raise CommandError(f"The checkpoint file cannot be trusted: {error}.") from error
        reports = audit_verify(checkpoints=checkpoints)
        broken = [report for report in reports if report.problem is not None]
        if broken:
            raise CommandError(
                "\n".join(
                    f"The audit trail is broken in the {r.chain} chain at event "
                    f"{r.problem.sequence}: {r.problem.reason}.{_intact(r.checked)}"
                    for r in broken
                    if r.problem is not None
                )
            )
        events = sum(report.checked for report in reports)
        against = (
            f", against {_plural(sum(map(len, checkpoints.values())), 'checkpoint', 'checkpoints')}"
            if path
            else ""
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"The audit trail is intact: {_plural(events, 'event', 'events')} in "
                f"{_plural(len(reports), 'chain', 'chains')} checked{against}."
            )
        )
