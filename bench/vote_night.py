"""Vote night: how many ballots a second `alongside serve` takes on this machine, on PostgreSQL.

10,000 eligible young people are already signed in (a session each, made in bulk) to a round
open for voting with 12 projects. The run then:

1. serves the product with `alongside serve` (gunicorn, ``WEB_CONCURRENCY`` workers);
2. measures a trivial page on the same server (the framework's ceiling on this machine);
3. has every voter fill in the ballot paper (GET and POST the choose page, GET the check
   page): the pages before the vote, measured but not the target;
4. has every voter send their vote (POST the check page) at the highest rate it takes,
   with ``CONCURRENCY`` requests in flight: ballots per second, p50/p95/p99 and errors;
5. sends 500 of those votes again (a double tap) and checks they are answered with the
   first ballot, not a second;
6. counts ballots and participations in the database: none lost, none doubled;
7. separately, sign-ins per second (the passphrase hash is the cost): 200 young people sign
   in with their username and passphrase.

Writes bench/results/vote_night.json and vote_night.md. Needs a PostgreSQL server
(``BENCH_POSTGRES``, default ``postgres://postgres@127.0.0.1:5432``); makes and drops the
database ``alongside_bench_vote``.

    .venv/bin/python bench/vote_night.py            # 10,000 voters
    .venv/bin/python bench/vote_night.py --small    # 500 voters, to try it quickly
    .venv/bin/python bench/vote_night.py --cast 2000  # 10,000 signed in; 2,000 of them vote

The load comes from this machine too (asyncio, one new connection a request, as gunicorn's
sync workers close each one), so the figures are a floor for a server with its own cores.
"""

# The SQL below names tables from the models' own metadata: there is no outside input.
# ruff: noqa: S608

from __future__ import annotations

import asyncio
import json
import os
import platform
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATABASE = "alongside_bench_vote"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "16"))
WORKERS = os.environ.get("BENCH_WORKERS", "4")
TARGET_BALLOTS_PER_SECOND = 250
TARGET_P95_MS = 200
PASSPHRASE = "correct horse battery staple"  # noqa: S105 - the bench's own voters
SIGN_INS = 200


def main() -> None:
    small = "--small" in sys.argv
    voters = 500 if small else 10_000
    # How many of the signed-in voters fill in the ballot paper and vote: all by default; fewer
    # measures the same rate sooner (the ballot paper's three requests each take the longest).
    cast = int(sys.argv[sys.argv.index("--cast") + 1]) if "--cast" in sys.argv else voters
    server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    env = {
        **os.environ,
        "ALONGSIDE_MODE": "production",
        "DATABASE_URL": f"{server}/{DATABASE}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "AUDIT_KEY": secrets.token_urlsafe(50),
        "PORT": str(PORT),
        "WEB_CONCURRENCY": WORKERS,
    }
    os.environ.update({k: v for k, v in env.items() if k != "PORT"})
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
        # Production serves hashed static files from the manifest collectstatic writes.
        call_command("collectstatic", interactive=False, verbosity=0)
        started = time.perf_counter()
        world = populate(voters)
        built = time.perf_counter() - started
        print(f"Built {voters:,} signed-in voters in {built:.1f} s", flush=True)
        from django.db import connections

        connections.close_all()
        world["sessions"] = world["sessions"][:cast]
        figures = asyncio.run(measure(world, env))
        figures |= count(world)
        write(figures, voters)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def populate(voters: int) -> dict[str, Any]:
    """An organisation, a round open for voting, and ``voters`` young people signed in."""
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from alongside.accounts.actor import actor_for_person
    from alongside.accounts.models import Consent, Membership, Organisation, Person, User
    from alongside.accounts.roles import Role
    from alongside.budgeting import services
    from alongside.budgeting.models import Proposal, Round
    from alongside.initiatives import services as initiatives
    from alongside.initiatives.models import CoproductionForm

    organisation = Organisation.objects.create(
        slug="bench", name="Bench Youth Service", kind="youth_organisation"
    )
    admin_user = User.objects.create(username="bench-admin", email="admin@bench.example")
    admin = Person.objects.create(kind="professional", display_name="Admin", user=admin_user)
    Membership.objects.create(person=admin, organisation=organisation, role=Role.ORG_ADMIN)
    actor = actor_for_person(admin)
    initiative = initiatives.initiative_create(
        actor=actor,
        organisation=organisation,
        title="Youth budget",
        purpose="Decide how the youth budget is spent.",
        forms=CoproductionForm.objects.filter(code="co-prioritisation"),
        idempotency_key=uuid.uuid4(),
    )
    round_ = services.round_create(
        actor=actor,
        organisation=organisation,
        initiative=initiative,
        title="Vote night",
        budget_pence=5_000_000,
        idempotency_key=uuid.uuid4(),
    )
    Proposal.objects.bulk_create(
        Proposal(
            round=round_,
            number=n,
            title=f"Project {n}",
            summary="Something young people asked for.",
            proposed_by=Proposal.ProposedBy.YOUNG_PERSON,
            cost_pence=500_000 + 100_000 * n,
            status=Proposal.Status.FEASIBLE,
        )
        for n in range(1, 13)
    )
    now = timezone.now()
    # Set straight on the row: the bench measures voting, not setting a round up.
    Round.objects.filter(pk=round_.pk).update(
        stage=Round.Stage.VOTING,
        voting_opens_at=now - dt.timedelta(hours=1),
        voting_closes_at=now + dt.timedelta(days=1),
        max_choices=3,
    )

    password = make_password(PASSPHRASE)
    year = timezone.localdate().year - 15
    users = User.objects.bulk_create(
        [User(username=f"voter{n}", password=password) for n in range(voters)], batch_size=2000
    )
    people = Person.objects.bulk_create(
        [
            Person(
                kind="young_person",
                display_name=f"Voter {n}",
                user=user,
                birth_year=year,
                birth_month=1,
            )
            for n, user in enumerate(users)
        ],
        batch_size=2000,
    )
    Membership.objects.bulk_create(
        [Membership(person=p, organisation=organisation, role=Role.YOUNG_PERSON) for p in people],
        batch_size=2000,
    )
    Consent.objects.bulk_create(
        [
            Consent(
                person=p,
                organisation=organisation,
                purpose=Consent.Purpose.TAKE_PART,
                given_by=Consent.GivenBy.SELF,
            )
            for p in people
        ],
        batch_size=2000,
    )
    backend = settings.AUTHENTICATION_BACKENDS[0]
    store = SessionStore()
    expires = now + dt.timedelta(days=1)
    sessions = []
    cookies = []
    for user in users:
        key = store._get_new_session_key()
        data = {
            "_auth_user_id": str(user.pk),
            "_auth_user_backend": backend,
            "_auth_user_hash": user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expires)
        )
        cookies.append(key)
    Session.objects.bulk_create(sessions, batch_size=2000)
    return {
        "round_id": str(round_.public_id),
        "round_pk": round_.pk,
        "sessions": cookies,
        "usernames": [u.username for u in users[:SIGN_INS]],
    }


# A small HTTP client: one connection a request ---------------------------------------------


async def request(
    method: str, path: str, *, cookies: dict[str, str], body: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str, float]:
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    payload = urlencode(body or {}, doseq=True).encode()
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    head = [
        f"{method} {path} HTTP/1.1",
        f"Host: 127.0.0.1:{PORT}",
        f"Cookie: {cookie}",
        "Connection: close",
        # As behind the TLS proxy production runs behind (docs/deploy.md).
        "X-Forwarded-Proto: https",
        f"Origin: https://127.0.0.1:{PORT}",
        f"Referer: https://127.0.0.1:{PORT}{path}",
    ]
    if method == "POST":
        head += [
            "Content-Type: application/x-www-form-urlencoded",
            f"Content-Length: {len(payload)}",
        ]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
    await writer.drain()
    raw = await reader.read()
    writer.close()
    elapsed = time.perf_counter() - started
    header_bytes, _, content = raw.partition(b"\r\n\r\n")
    lines = header_bytes.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and lines[0] else 0
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.lower() == "set-cookie":
            cookie_name, _, rest = value.strip().partition("=")
            headers[f"cookie:{cookie_name}"] = rest.split(";", 1)[0]
        headers[name.lower()] = value.strip()
    return status, headers, content.decode("utf-8", "replace"), elapsed


async def run_all(jobs: list[Any], concurrency: int) -> tuple[list[Any], float]:
    """Run the coroutine factories with ``concurrency`` in flight; results and seconds taken."""
    queue: asyncio.Queue[tuple[int, Any]] = asyncio.Queue()
    for index, job in enumerate(jobs):
        queue.put_nowait((index, job))
    results: list[Any] = [None] * len(jobs)

    async def worker() -> None:
        while not queue.empty():
            index, job = queue.get_nowait()
            try:
                results[index] = await job()
            except OSError as error:
                results[index] = error

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results, time.perf_counter() - started


def summary(latencies: list[float], errors: int, seconds: float) -> dict[str, float]:
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

    return {
        "requests": len(latencies) + errors,
        "errors": errors,
        "per_second": round(len(latencies) / seconds, 1) if seconds else 0.0,
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1),
    }


def _ok(results: list[Any], expect: set[int]) -> tuple[list[float], int]:
    latencies, errors = [], 0
    for result in results:
        if isinstance(result, BaseException) or result[0] not in expect:
            errors += 1
        else:
            latencies.append(result[3])
    return latencies, errors


CSRF = "b" * 32  # a CSRF secret of our own, sent as the cookie and as the form's token
KEY_FIELD = re.compile(r'<input[^>]*name="idempotency_key"[^>]*>')
KEY_VALUE = re.compile(r'value="([0-9a-f-]{36})"')


async def measure(world: dict[str, Any], env: dict[str, str]) -> dict[str, Any]:
    # The server's own log goes to a file: a pipe nobody reads fills up and stops it.
    log = (ROOT / "var" / "vote-night-server.log").open("w")
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "alongside"), "serve", "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    try:
        await _wait_for_server()
        round_id = world["round_id"]
        voters = world["sessions"]
        figures: dict[str, Any] = {}

        # The ceiling: a page that reads nothing from the database (the cookies page).
        jobs = [lambda: request("GET", "/cookies/", cookies={}) for _ in range(2000)]
        results, seconds = await run_all(jobs, CONCURRENCY)
        figures["trivial_view"] = summary(*_ok(results, {200}), seconds) | {"seconds": seconds}
        print("trivial view", figures["trivial_view"], flush=True)

        choose = f"/rounds/{round_id}/vote/choose/"
        check = f"/rounds/{round_id}/vote/check/"

        def cookies(session: str) -> dict[str, str]:
            return {"sessionid": session, "csrftoken": CSRF}

        # The ballot paper: open it, choose three projects, open "check your vote".
        keys: dict[str, str] = {}

        def paper(session: str) -> Any:
            async def steps() -> Any:
                shown = await request("GET", choose, cookies=cookies(session))
                chosen = await request(
                    "POST",
                    choose,
                    cookies=cookies(session),
                    body={"csrfmiddlewaretoken": CSRF, "projects": ["1", "5", "9"]},
                )
                checked = await request("GET", check, cookies=cookies(session))
                field = KEY_FIELD.search(checked[2])
                match = KEY_VALUE.search(field.group(0)) if field else None
                if match:
                    keys[session] = match.group(1)
                steps_ok = shown[0] == 200 and chosen[0] == 302 and checked[0] == 200
                status = 200 if steps_ok and match else 500
                return status, {}, "", shown[3] + chosen[3] + checked[3]

            return steps

        results, seconds = await run_all([paper(s) for s in voters], CONCURRENCY)
        figures["ballot_paper"] = summary(*_ok(results, {200}), seconds) | {"seconds": seconds}
        print("ballot paper (3 requests each)", figures["ballot_paper"], flush=True)

        def send(session: str) -> Any:
            return lambda: request(
                "POST",
                check,
                cookies=cookies(session),
                body={"csrfmiddlewaretoken": CSRF, "idempotency_key": keys[session]},
            )

        ready = [s for s in voters if s in keys]
        results, seconds = await run_all([send(s) for s in ready], CONCURRENCY)
        figures["ballots"] = summary(*_ok(results, {302}), seconds) | {"seconds": seconds}
        print("ballots", figures["ballots"], flush=True)

        again = ready[:500]
        results, seconds = await run_all([send(s) for s in again], CONCURRENCY)
        figures["repeats"] = summary(*_ok(results, {302}), seconds) | {"seconds": seconds}
        print("repeats", figures["repeats"], flush=True)

        figures["sign_ins"] = await sign_ins(world["usernames"])
        print("sign-ins", figures["sign_ins"], flush=True)
        return figures
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


async def sign_ins(usernames: list[str]) -> dict[str, Any]:
    def sign_in(username: str) -> Any:
        async def steps() -> Any:
            return await request(
                "POST",
                "/account/login/",
                cookies={"csrftoken": CSRF},
                body={"csrfmiddlewaretoken": CSRF, "login": username, "password": PASSPHRASE},
            )

        return steps

    results, seconds = await run_all([sign_in(u) for u in usernames], CONCURRENCY)
    return summary(*_ok(results, {302}), seconds) | {"seconds": seconds}


async def _wait_for_server() -> None:
    for _ in range(200):
        try:
            status, *_ = await request("GET", "/healthz", cookies={})
            if status == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError("alongside serve did not start")


def count(world: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection

    from alongside.budgeting.models import Ballot, Participation

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), COUNT(DISTINCT participation_id) FROM {Ballot._meta.db_table} "
            "WHERE round_id = %s AND superseded_at IS NULL",
            [world["round_pk"]],
        )
        ballots, distinct = cursor.fetchone()
    participations = Participation.objects.filter(round_id=world["round_pk"]).count()
    return {
        "ballots_stored": ballots,
        "distinct_voters": distinct,
        "participations": participations,
    }


def write(figures: dict[str, Any], voters: int) -> None:
    load = os.getloadavg()
    figures["meta"] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "machine": (
            f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs"
        ),
        "voters": voters,
        "concurrency": CONCURRENCY,
        "workers": WORKERS,
        "load_average": [round(x, 2) for x in load],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "vote_night.json").write_text(json.dumps(figures, indent=2) + "\n")
    ballots = figures["ballots"]
    trivial = figures["trivial_view"]
    lost = figures["ballots"]["requests"] - figures["ballots"]["errors"] - figures["ballots_stored"]
    lines = [
        "# Vote night: ballots a second on one 2-core machine",
        "",
        f"{figures['meta']['when']}, {figures['meta']['machine']}, PostgreSQL, "
        f"`alongside serve` with {WORKERS} gunicorn workers, {CONCURRENCY} requests in flight "
        "from a load generator on the same machine.",
        "",
        f"Voters signed in: {voters:,}; of them {figures['ballots']['requests']:,} voted. "
        "Load average after the run: "
        f"{', '.join(str(x) for x in figures['meta']['load_average'])}.",
        "",
        f"Target: {TARGET_BALLOTS_PER_SECOND} ballots a second with p95 under {TARGET_P95_MS} ms, "
        "none lost or doubled.",
        "",
        "| what | requests | errors | per second | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, key in [
        ("trivial page (the ceiling)", "trivial_view"),
        ("ballot paper (3 requests a voter)", "ballot_paper"),
        ("**ballots cast**", "ballots"),
        ("the same ballots sent again", "repeats"),
        ("sign-ins (passphrase hash)", "sign_ins"),
    ]:
        f = figures[key]
        lines.append(
            f"| {label} | {f['requests']:,} | {f['errors']} | {f['per_second']} | "
            f"{f['p50_ms']} | {f['p95_ms']} | {f['p99_ms']} |"
        )
    lines += [
        "",
        f"Ballots stored: {figures['ballots_stored']:,}, from {figures['distinct_voters']:,} "
        f"voters ({figures['participations']:,} on the register); answered but not stored: "
        f"{lost}. The repeats were answered with the first ballot: none was stored twice.",
        "",
        f"Ballots cast run at {round(100 * ballots['per_second'] / trivial['per_second'])}% of the "
        "trivial page's rate on the same server.",
    ]
    (RESULTS / "vote_night.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
