"""`alongside budget verify ROUND|--all`, `alongside budget close-due` and
`alongside budget import FILE --organisation SLUG --initiative ID --by EMAIL`.

verify: for each sealed round, the stored file(s) must make its seal, the ballots as stored
now must make the same file(s), and a published result must be what counting them again
gives. Any difference exits non-zero, naming the round. (`alongside budget tally FILE` is the
pure engine and needs no database: src/alongside/cli.py sends it there.)

import: load a Pabulib file as a past round of a co-prioritisation initiative (sealed and
counted like any round; for demos and researchers). A file that cannot be read loads nothing,
and the message names the line.

close-due: close every round whose voting time has passed and queue its count. Run it every
minute (cron or a scheduler); running it twice closes nothing twice.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.accounts import selectors as account_selectors
from alongside.accounts.actor import actor_for_person
from alongside.budgeting import selectors_results, services
from alongside.budgeting.models import Round
from alongside.core.errors import ApplicationError, NotFound
from alongside.initiatives import selectors as initiative_selectors


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


class Command(BaseCommand):
    help = "Check sealed youth budget rounds (verify) or close those due (close-due)."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="operation", required=True)
        verify = commands.add_parser(
            "verify",
            help="recompute each seal from the stored ballots and re-count each published result",
        )
        which = verify.add_mutually_exclusive_group(required=True)
        which.add_argument("round", nargs="?", metavar="ROUND", help="the round's id (a UUID)")
        which.add_argument("--all", action="store_true", help="every sealed round")
        commands.add_parser("close-due", help="close the rounds whose voting time has passed")
        loading = commands.add_parser("import", help="load a Pabulib file as a past round")
        loading.add_argument("file", metavar="FILE", help="a Pabulib (.pb) file")
        loading.add_argument("--organisation", required=True, help="the organisation's slug")
        loading.add_argument(
            "--initiative", required=True, help="the co-prioritisation initiative's id (a UUID)"
        )
        loading.add_argument(
            "--by", required=True, metavar="EMAIL", help="the staff member loading it (audited)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["operation"] == "import":
            self._import(options)
            return
        if options["operation"] == "close-due":
            closed = services.round_close_due()
            for round_ in closed:
                self.stdout.write(f"Closed {round_.public_id} ({round_.title}): seal {round_.seal}")
            self.stdout.write(f"{_plural(len(closed), 'round', 'rounds')} closed.")
            return
        rounds = list(selectors_results.sealed_rounds()) if options["all"] else [self._one(options)]
        failures = []
        for round_ in rounds:
            problems = selectors_results.round_differences(round_=round_)
            if problems:
                failures.append(
                    f"Round {round_.public_id} ({round_.title}): " + "; ".join(problems)
                )
            else:
                self.stdout.write(
                    f"Round {round_.public_id} ({round_.title}): seal {round_.seal} OK"
                )
        if failures:
            raise CommandError("\n".join(failures))
        self.stdout.write(
            self.style.SUCCESS(f"{_plural(len(rounds), 'sealed round', 'sealed rounds')} verified.")
        )

    def _import(self, options: dict[str, Any]) -> None:
        try:
            text = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        try:
            organisation = account_selectors.organisation_get(slug=options["organisation"])
            initiative = initiative_selectors.initiative_get(
                organisation=organisation, public_id=str(uuid.UUID(options["initiative"]))
            )
            user = account_selectors.account_for_email(options["by"])
            person = getattr(user, "person", None)
            if person is None:
                raise CommandError(f"Nobody signs in as {options['by']}.")
            round_ = services.round_import(
                actor=actor_for_person(person),
                organisation=organisation,
                initiative=initiative,
                text=text,
                idempotency_key=uuid.uuid4(),
            )
        except ValueError:
            raise CommandError(
                f"{options['initiative']!r} is not an initiative's id (a UUID)."
            ) from None
        except ApplicationError as error:
            raise CommandError(f"{options['file']}: {error.message}") from None
        self.stdout.write(
            f"Loaded {round_.public_id} ({round_.title}): seal {round_.seal}. "
            "Run `alongside worker` (or wait for it) to count it."
        )

    def _one(self, options: dict[str, Any]) -> Round:
        try:
            public_id = str(uuid.UUID(options["round"]))
        except ValueError:
            raise CommandError(f"{options['round']!r} is not a round's id (a UUID).") from None
        try:
            round_ = selectors_results.sealed_round_get(public_id=public_id)
        except NotFound as error:
            raise CommandError(error.message) from None
        if not round_.seal:
            raise CommandError(f"Round {round_.public_id} ({round_.title}) has not been sealed.")
        return round_
