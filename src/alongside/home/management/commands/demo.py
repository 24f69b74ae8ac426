"""`alongside demo`: migrate a SQLite database, load Riverside Council, print sign-ins, and
serve it as a user would meet it: gunicorn (as `alongside serve`) and a task worker, so that
consent and invitation emails are sent (to the console and the demo's mail page)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any, NoReturn

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.accounts import demo
from alongside.budgeting import demo_import as budget_import_demo  # budgeting: a past round
from alongside.budgeting import demo_results as budget_demo  # budgeting: results
from alongside.budgeting import demo_rounds  # youth budget rounds (issue 14): the open vote
from alongside.credits import demo as credits_demo  # time credits (issue 16): a year of them
from alongside.credits import demo_rewards  # time credits (issue 16): partners and rewards
from alongside.decisions import demo as decisions_demo  # decisions (issue 13)
from alongside.governance import demo as governance_demo  # boards and meetings (issue 15)
from alongside.initiatives import demo as initiatives_demo
from alongside.initiatives import demo_sessions, demo_year
from alongside.notices import demo as notices_demo  # notices
from alongside.safeguarding import demo as safeguarding_demo  # safeguarding (issue 13)
from alongside.voice import demo as voice_demo  # voice: contributions
from alongside.voice import demo_answers  # Themes and answers


class Command(BaseCommand):
    help = "Set up the demo council and serve it (demo mode only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--no-serve", action="store_true", help="load the data, do not serve")
        parser.add_argument("--young-people", type=int, default=200)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.MODE == "production":
            raise CommandError(
                "The demo prints passwords and two-factor secrets, so it only runs with "
                "ALONGSIDE_MODE=demo (or test)."
            )
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", verbosity=0, interactive=False)
        if settings.MODE == "demo":
            call_command("collectstatic", verbosity=0, interactive=False)
        self.stdout.write("Loading Riverside Council (about a minute the first time)…")
        result = demo.seed(young_people=options["young_people"])
        initiatives_demo.seed()  # initiatives (issue 13): the eight forms of co-production
        demo_sessions.seed()  # Sessions and attendance (issue 13)
        safeguarding_demo.seed()  # safeguarding (issue 13)
        voice_demo.seed()  # voice: about 2,000 contributions
        demo_answers.seed()  # Themes and answers: after the contributions demo
        decisions_demo.seed()  # decisions (issue 13): after the voice demo, citing what it said
        budget_demo.seed()  # budgeting: a finished round, citing ideas from the voice demo
        budget_import_demo.seed()  # budgeting: a past round loaded from a real Pabulib file
        demo_rounds.seed()  # youth budget rounds (issue 14): an open vote Jamie can vote in
        governance_demo.seed()  # boards (issue 15): after voice, whose themes the agenda cites
        demo_year.seed()  # time credits (issue 16): a year of sessions to earn from
        credits_demo.seed()  # time credits (issue 16): after the sessions and boards
        demo_rewards.seed()  # time credits (issue 16): rewards, after the credits are earned
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Loaded {result.people} people."))
        notices_demo.seed()  # notices: Jamie's notices (last demo line; alongside.notices.demo)
        self._print_sign_ins(result.sign_ins, options["port"])
        if not options["no_serve"]:
            self._serve(options["port"])

    def _serve(self, port: str) -> None:
        """The web server and the worker, each the command a real installation runs; both stop
        when this command stops (Ctrl-C, or a terminate signal from whoever started it)."""
        env = {**os.environ, "ALONGSIDE_MODE": settings.MODE}
        command = [sys.executable, "-m", "alongside"]
        worker = subprocess.Popen([*command, "worker"], env=env)  # noqa: S603 - our own command
        server = subprocess.Popen(  # noqa: S603 - our own command
            [*command, "serve"],
            env={**env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
        )

        def stop(signum: int, frame: object) -> NoReturn:
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, stop)
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in (server, worker):
                if process.poll() is None:
                    process.terminate()
            for process in (server, worker):
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()

    def _print_sign_ins(self, sign_ins: list[demo.SignIn], port: str) -> None:
        lines = demo.sign_in_text(sign_ins, base_url=f"http://127.0.0.1:{port}/")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
        self.stdout.write(
            f"Emails the demo sends (consent links, invitations): http://127.0.0.1:{port}/demo/mail/"
        )
        self.stdout.write(
            "Count a youth budget vote (docs/budgeting-rules.md): "
            ".venv/bin/alongside budget tally docs/examples/riverside-youth-budget-2026.pb"
        )
        self.stdout.write("")
