"""A polling station's evening on PostgreSQL: 200 young people checked in and voting on the
station's tablets, and 50 on paper, each paper typed in by one worker and again by a second,
all within the 15 minutes a youth club session gives it. Every step goes through Django's
test client (server time only, no network), so the figures are what the server spends.

Needs a PostgreSQL server: ``BENCH_POSTGRES`` (default ``postgres://postgres@127.0.0.1:5432``).
Makes (and at the end drops) the database ``alongside_bench_station``, then runs the station
with four tablets and two workers typing papers at the same time (threads, each with its own
connection), and writes bench/results/polling_station.json and .md: p50 and p95 of each step,
the whole evening's wall time against the 15 minutes, and the ballots counted afterwards
(none lost, none doubled).

    .venv/bin/python bench/polling_station.py            # 200 on tablets, 50 on paper
    .venv/bin/python bench/polling_station.py --small    # 20 and 5, to try it quickly
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
DATABASE = "alongside_bench_station"
TABLETS = 4
BUDGET_SECONDS = 15 * 60
PROJECTS = 12
# The steps in the order a station takes them, for the results table.
STEPS = [
    "check-in: search",
    "check-in: tablet",
    "kiosk: ballot paper",
    "kiosk: choose",
    "kiosk: check answers",
    "kiosk: send vote",
    "kiosk: thank you",
    "check-in: paper",
    "paper: form",
    "paper: first entry",
    "paper: list to confirm",
    "paper: confirm form",
    "paper: second entry",
]
_KEY = re.compile(r'name="idempotency_key" value="([^"]+)"')


def main() -> None:
    small = "--small" in sys.argv
    server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    os.environ["ALONGSIDE_MODE"] = "test"
    os.environ["DATABASE_URL"] = f"{server}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        sizes = {"tablet": 20, "paper": 5} if small else {"tablet": 200, "paper": 50}
        world = populate(**sizes)
        timings, wall = run(world)
        counted = count(world)
        write(timings, wall, sizes, counted, small=small)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def populate(*, tablet: int, paper: int) -> dict[str, Any]:
    """One organisation with its young people, a round open for voting with 12 projects, a
    station open now, and three workers (one checking in, two typing papers)."""
    import datetime as dt

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.utils import timezone

    from alongside.accounts.models import Membership, Organisation, Person, User
    from alongside.accounts.roles import Role
    from alongside.budgeting.models import PollingStation, Proposal, Round
    from alongside.initiatives.models import Initiative

    organisation = Organisation.objects.create(
        slug="bench", name="Bench Youth Service", kind="youth_organisation"
    )
    initiative = Initiative.objects.create(
        organisation=organisation, title="Youth budget", purpose="Benchmark", stage="open"
    )
    now = timezone.now()
    round_ = Round.objects.create(
        organisation=organisation,
        initiative=initiative,
        title="Youth budget",
        budget_pence=5_000_000,
        stage=Round.Stage.VOTING,
        voting_opens_at=now - dt.timedelta(hours=1),
        voting_closes_at=now + dt.timedelta(days=1),
        max_choices=3,
    )
    Proposal.objects.bulk_create(
        Proposal(
            round=round_,
            number=n,
            title=f"Project {n}",
            summary="Something young people asked for.",
            proposed_by=Proposal.ProposedBy.YOUNG_PERSON,
            cost_pence=500_000 + n * 10_000,
            status=Proposal.Status.FEASIBLE,
        )
        for n in range(1, PROJECTS + 1)
    )
    station = PollingStation.objects.create(
        round=round_,
        name="Bench youth club",
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(hours=3),
    )
    voters = Person.objects.bulk_create(
        Person(
            kind=Person.Kind.YOUNG_PERSON,
            display_name=f"Voter{n:04d} Bench",
            birth_year=timezone.localdate().year - 15,
            birth_month=1,
        )
        for n in range(tablet + paper)
    )
    Membership.objects.bulk_create(
        Membership(person=p, organisation=organisation, role=Role.YOUNG_PERSON) for p in voters
    )
    workers = []
    for n in range(3):
        user = User.objects.create(username=f"bench-worker-{n}", email=f"w{n}@bench.example")
        person = Person.objects.create(kind="professional", display_name=f"Worker {n}", user=user)
        Membership.objects.create(person=person, organisation=organisation, role=Role.WORKER)
        TOTP.activate(user, generate_totp_secret())
        workers.append(user)
    return {
        "round": round_,
        "station": station,
        "tablet_voters": voters[:tablet],
        "paper_voters": voters[tablet:],
        "workers": workers,
    }


class Timed:
    """A signed-in test client that times each request under a step's name."""

    def __init__(self, user: Any, timings: dict[str, list[float]], lock: threading.Lock) -> None:
        from django.test import Client

        self.client = Client()
        self.client.force_login(user)
        self.timings = timings
        self.lock = lock

    def __call__(self, step: str, method: str, url: str, data: Any = None) -> Any:
        start = time.perf_counter()
        response = getattr(self.client, method)(url, data or {})
        took = time.perf_counter() - start
        assert response.status_code in (200, 302), (step, response.status_code)
        with self.lock:
            self.timings[step].append(took)
        return response


def run(world: dict[str, Any]) -> tuple[dict[str, list[float]], float]:
    from django.db import connection
    from django.urls import reverse

    round_, station = world["round"], world["station"]
    org = round_.organisation.slug
    args = [org, round_.public_id, station.pk]
    check_in = reverse("budgeting:station-check-in", args=args)
    kiosk = reverse("budgeting:kiosk-vote", args=args)
    check = reverse("budgeting:kiosk-check", args=args)
    done = reverse("budgeting:kiosk-done", args=args)
    enter = reverse("budgeting:paper-enter", args=args)
    to_confirm = reverse("budgeting:paper-confirm-list", args=[org, round_.public_id])
    timings: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def tablet(voters: list[Any]) -> None:
        # Each tablet is a worker's session, as at a real station: one worker per tablet.
        go = Timed(world["workers"][0], timings, lock)
        for n, voter in enumerate(voters):
            go("check-in: search", "get", check_in, {"q": voter.display_name.split()[0]})
            go("check-in: tablet", "post", check_in, {"person": voter.public_id, "how": "tablet"})
            go("kiosk: ballot paper", "get", kiosk)
            picks = [str(1 + (n + k) % PROJECTS) for k in range(3)]
            go("kiosk: choose", "post", kiosk, {"choices": picks})
            page = go("kiosk: check answers", "get", check).content.decode()
            key = _KEY.search(page)
            assert key is not None
            go("kiosk: send vote", "post", check, {"idempotency_key": key.group(1)})
            go("kiosk: thank you", "get", done)

    def papers(voters: list[Any]) -> None:
        first = Timed(world["workers"][1], timings, lock)
        second = Timed(world["workers"][2], timings, lock)
        for n, voter in enumerate(voters):
            first("check-in: search", "get", check_in, {"q": voter.display_name.split()[0]})
            first("check-in: paper", "post", check_in, {"person": voter.public_id, "how": "paper"})
            page = first("paper: form", "get", enter).content.decode()
            key = _KEY.search(page)
            assert key is not None
            picks = [str(1 + (n * 5 + k) % PROJECTS) for k in range(2)]
            first(
                "paper: first entry",
                "post",
                enter,
                {"paper_number": f"P-{n:04d}", "choices": picks, "idempotency_key": key.group(1)},
            )
            listing = second("paper: list to confirm", "get", to_confirm).content.decode()
            entry = re.search(r"/papers/(\d+)/confirm/", listing)
            assert entry is not None
            confirm = reverse(
                "budgeting:paper-confirm", args=[org, round_.public_id, entry.group(1)]
            )
            second("paper: confirm form", "get", confirm)
            second("paper: second entry", "post", confirm, {"choices": list(reversed(picks))})

    def guarded(work: Any, part: list[Any]) -> None:
        try:
            work(part)
        except BaseException as error:  # reported once every thread has finished
            errors.append(error)
        finally:
            connection.close()

    voters = world["tablet_voters"]
    threads = [
        threading.Thread(target=guarded, args=(tablet, voters[i::TABLETS])) for i in range(TABLETS)
    ]
    threads.append(threading.Thread(target=guarded, args=(papers, world["paper_voters"])))
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if errors:
        raise errors[0]
    return timings, wall


def count(world: dict[str, Any]) -> dict[str, int]:
    from alongside.budgeting.models import Ballot, PaperEntry, Participation

    round_ = world["round"]
    counted = {
        "participations": Participation.objects.filter(round=round_).count(),
        "tablet ballots": Ballot.objects.filter(round=round_, channel="kiosk").count(),
        "paper ballots": Ballot.objects.filter(round=round_, channel="paper").count(),
        "papers held": PaperEntry.objects.filter(round=round_, status="held").count(),
    }
    assert counted["tablet ballots"] == len(world["tablet_voters"]), counted
    assert counted["paper ballots"] == len(world["paper_voters"]), counted
    assert counted["participations"] == len(world["tablet_voters"]) + len(world["paper_voters"])
    return counted


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * share) - 1, 0)]


def write(
    timings: dict[str, list[float]],
    wall: float,
    sizes: dict[str, int],
    counted: dict[str, int],
    *,
    small: bool,
) -> None:
    from django.db import connection

    rows = [
        {
            "step": step,
            "requests": len(times),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(_percentile(times, 0.95) * 1000, 1),
            "max_ms": round(max(times) * 1000, 1),
        }
        for step, times in sorted(timings.items(), key=lambda item: STEPS.index(item[0]))
    ]
    meta = {
        "machine": platform.platform(),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "database": "PostgreSQL {}.{}".format(*divmod(connection.pg_version, 10000)),
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "size": "small" if small else "full",
        "voters": sizes,
        "tablets": TABLETS,
        "wall_seconds": round(wall, 1),
        "budget_seconds": BUDGET_SECONDS,
        "counted_after": counted,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "polling_station.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n"
    )
    lines = [
        "# Polling station benchmark: tablets and paper typed in twice",
        "",
        f"{meta['when']}, {meta['machine']}, Python {meta['python']}, {meta['cpus']} CPUs, "
        f"{meta['database']}, through Django's test client (server time only).",
        "",
        f"Size: {meta['size']} — {sizes['tablet']} young people on {TABLETS} tablets and "
        f"{sizes['paper']} on paper (each paper typed in by one worker and again by a second), "
        "all at once." + (" The full run is 200 and 50." if small else ""),
        "",
        f"The whole evening took {meta['wall_seconds']} s from first request to last, against the "
        f"{BUDGET_SECONDS} s (15 minutes) a session gives it. Load average while measuring "
        f"(1, 5, 15 minutes): {', '.join(str(x) for x in meta['load_average'])}.",
        "",
        "| step | requests | p50 ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {r['step']} | {r['requests']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} |"
            for r in rows
        ),
        "",
        "Counted afterwards: "
        + ", ".join(f"{name} {n}" for name, n in counted.items())
        + " (one ballot per voter: none lost, none doubled).",
        "",
        "## Reading these numbers",
        "",
        "- A real station is paced by people (a young person reads the ballot paper for a minute "
        "or two); this runs every step back to back, so it shows the server's share of the "
        "15 minutes, not the evening's.",
        "- The four tablets and the paper workers run at once in threads, each with its own "
        "database connection, so steps wait for each other's locks as they would at a station. "
        "The threads share one Python process, as requests share a server process, so each "
        "step's time includes waiting for the others' turns on the CPU.",
        "- The first requests of each kind compile templates and fill caches: the slowest "
        "figures (p95, max) of the small run are mostly those.",
    ]
    (RESULTS / "polling_station.md").write_text("\n".join(lines) + "\n")
    for row in rows:
        print(f"{row['step']:<26} p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms")
    print(f"wall {meta['wall_seconds']} s of {BUDGET_SECONDS} s; counted {counted}")


if __name__ == "__main__":
    main()
