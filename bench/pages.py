"""Server time and database queries of hot pages as the number of people grows.

Builds a throwaway SQLite database with 1,000 and then 10,000 people in one organisation,
renders each page many times through Django's test client, and writes bench/results/pages.json
and pages.md. Query counts should not grow with the number of people.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = [1_000, 10_000]
REPEATS = 30


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="alongside-bench-"))
    os.environ["ALONGSIDE_MODE"] = "test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rows = []
    for size in SIZES:
        rows += measure(size)
    write(rows)


def populate(size: int) -> dict[str, object]:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.hashers import make_password

    from alongside.accounts.models import Consent, Membership, Organisation, Person, User
    from alongside.accounts.roles import Role

    organisation, _ = Organisation.objects.get_or_create(
        slug="bench", defaults={"name": "Bench Youth Service", "kind": "youth_organisation"}
    )
    if not User.objects.filter(username="bench-admin").exists():
        admin_user = User.objects.create(username="bench-admin", email="admin@bench.example")
        admin = Person.objects.create(kind="professional", display_name="Admin", user=admin_user)
        Membership.objects.create(person=admin, organisation=organisation, role=Role.ORG_ADMIN)
        TOTP.activate(admin_user, generate_totp_secret())
    password = make_password("bench passphrase here")
    existing = Person.objects.filter(kind="young_person").count()
    users = [User(username=f"young{n}", password=password) for n in range(existing, size)]
    User.objects.bulk_create(users, batch_size=2000)
    users = list(User.objects.filter(username__startswith="young", person__isnull=True))
    people = [
        Person(
            kind="young_person",
            display_name=f"Young {u.pk}",
            birth_year=2008 + (u.pk % 12),
            birth_month=1 + (u.pk % 12),
            user=u,
        )
        for u in users
    ]
    Person.objects.bulk_create(people, batch_size=2000)
    people = list(Person.objects.filter(user__in=users))
    Membership.objects.bulk_create(
        [Membership(person=p, organisation=organisation, role=Role.YOUNG_PERSON) for p in people],
        batch_size=2000,
    )
    Consent.objects.bulk_create(
        [
            Consent(
                person=p, organisation=organisation, purpose="take_part", given_by="parent_form"
            )
            for p in people
        ],
        batch_size=2000,
    )
    return {
        "organisation": organisation,
        "admin": User.objects.get(username="bench-admin"),
        "young": User.objects.filter(username__startswith="young").first(),
    }


def measure(size: int) -> list[dict[str, object]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from alongside.accounts.models import Person

    world = populate(size)
    people = Person.objects.count()
    admin, young = Client(), Client()
    admin.force_login(world["admin"])
    young.force_login(world["young"])
    pages = [
        ("sign-in page", Client(), "/account/login/"),
        ("home page (young person)", young, "/"),
        ("home page (organisation admin)", admin, "/"),
        ("people list (organisation admin)", admin, "/orgs/bench/people/"),
    ]
    rows = []
    for label, client, url in pages:
        client.get(url)  # warm caches and templates
        times = []
        for _ in range(REPEATS):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (label, response.status_code)
        rows.append(
            {
                "page": label,
                "url": url,
                "people": people,
                "median_ms": round(statistics.median(times) * 1000, 2),
                "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1] * 1000, 2),
                "queries": len(queries),
            }
        )
        print(
            f"{people:>6} people  {label:<34} {rows[-1]['median_ms']:>7} ms  {len(queries)} queries"
        )
    return rows


def write(rows: list[dict[str, object]]) -> None:
    RESULTS.mkdir(exist_ok=True)
    meta = {
        "machine": platform.platform(),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "database": "SQLite",
        "repeats": REPEATS,
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
    }
    (RESULTS / "pages.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    lines = [
        "# Page benchmark",
        "",
        f"{meta['when']}, {meta['machine']}, Python {meta['python']}, {meta['cpus']} CPUs, "
        f"SQLite, median of {REPEATS} requests through Django's test client (server time only).",
        "",
        "| page | people | median ms | p90 ms | queries |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['page']} | {r['people']:,} | {r['median_ms']} | {r['p90_ms']} | {r['queries']} |"
        for r in rows
    ]
    (RESULTS / "pages.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
