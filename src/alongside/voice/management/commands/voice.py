"""`alongside voice verify-counts` and `alongside voice purge-pending-photos`.

verify-counts: compare every theme's ``published_count`` (what the public boards show) with a
real count, and fail naming each one that differs; ``--repair`` puts them right (audited).
Safe to run at any time, alongside the site: it reads, or locks only the themes it repairs.

purge-pending-photos: delete photos added in the give flow that were never sent, once they are
more than a day old. Run it daily (docs/deploy.md); safe to run any number of times.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.voice import selectors_answers, services


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class Command(BaseCommand):
    help = (
        "Voice. verify-counts: check each theme's count of published contributions. "
        "purge-pending-photos: delete photos from give forms left unsent for more than a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "operation",
            choices=["verify-counts", "purge-pending-photos"],
            help="verify-counts: compare each theme's kept count with a real count; "
            "purge-pending-photos: delete photos never sent, after a day",
        )
        parser.add_argument(
            "--repair",
            action="store_true",
            help="with verify-counts: set each wrong count to the real one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["operation"] == "purge-pending-photos":
            purged = services.pending_photos_purge()
            self.stdout.write(
                self.style.SUCCESS(f"{_plural(purged, 'photo', 'photos')} never sent deleted.")
            )
            return
        self._verify_counts(repair=options["repair"])

    def _verify_counts(self, *, repair: bool) -> None:
        wrong = selectors_answers.theme_count_mismatches()
        if not wrong:
            self.stdout.write(
                self.style.SUCCESS("Every theme's count of published contributions is right.")
            )
            return
        lines = [
            f"Theme {m.theme_id} (organisation {m.organisation_id}) counts {m.kept} published "
            f"but holds {m.real}."
            for m in wrong
        ]
        if repair:
            repaired = services.theme_published_counts_repair()
            for line in lines:
                self.stdout.write(line)
            self.stdout.write(
                self.style.SUCCESS(f"{_plural(repaired, 'theme', 'themes')} put right.")
            )
            return
        raise CommandError(
            "\n".join(
                [
                    *lines,
                    f"{_plural(len(wrong), 'theme has', 'themes have')} the wrong count. "
                    "Run `alongside voice verify-counts --repair` to put them right.",
                ]
            )
        )
