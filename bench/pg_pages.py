"""What the page benchmarks on PostgreSQL share: a database of their own, raw SQL to fill it
fast, server time and queries of pages through Django's test client, and a results table.

    with bench_database("alongside_bench_x", keep=False, reuse=False):
        ...fill it with sql()/one(), then rows = time_pages(pages)
        write_results("x", "Title", rows, sizes, notes)
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
REPEATS = 40
TARGET_P95_MS = 150


@contextmanager
def bench_database(name: str, *, keep: bool, reuse: bool) -> Iterator[None]:
    """Django set up on a fresh PostgreSQL database ``name`` (or the one a --keep run left),
    migrated; dropped at the end unless kept. ``BENCH_POSTGRES`` names the server."""
    server = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
    os.environ["ALONGSIDE_MODE"] = "test"
    os.environ["DATABASE_URL"] = f"{server}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alongside.config.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import psycopg

    if not reuse:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name}")


def sql(statement: str, params: Any = None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def one(statement: str, params: Any = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])
        return cursor.fetchone()[0]


def time_pages(pages: list[tuple[str, Any, str]], repeats: int = REPEATS) -> list[dict[str, Any]]:
    """Server time (median, p95) and queries of each (label, client, url), after a warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = []
    for label, client, url in pages:
        client.get(url)  # warm caches and templates
        times = []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (label, response.status_code)
        ordered = sorted(times)
        rows.append(
            {
                "page": label,
                "url": url,
                "median_ms": round(statistics.median(times) * 1000, 1),
                "p95_ms": round(ordered[max(int(len(ordered) * 0.95) - 1, 0)] * 1000, 1),
                "queries": len(queries),
                "slowest_query_ms": round(
                    max(float(q["time"]) for q in queries.captured_queries) * 1000, 1
                ),
            }
        )
        print(
            f"{label:<32}"
            f" median {rows[-1]['median_ms']:>7} ms  p95 {rows[-1]['p95_ms']:>7} ms"
            f"  {len(queries)} queries",
            flush=True,
        )
    return rows


def write_results(
    name: str,
    title: str,
    rows: list[dict[str, Any]],
    sizes: dict[str, Any],
    notes: list[str],
    repeats: int = REPEATS,
) -> None:
    """bench/results/<name>.json and <name>.md: the rows, the machine, the load, the data."""
    from django.db import connection

    RESULTS.mkdir(exist_ok=True)
    meta = {
        "machine": platform.platform(),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "database": "PostgreSQL {}.{}".format(*divmod(connection.pg_version, 10000)),
        "repeats": repeats,
        "target_p95_ms": TARGET_P95_MS,
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "data": sizes,
    }
    (RESULTS / f"{name}.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    lines = [
        f"# {title}",
        "",
        f"{meta['when']}, {meta['machine']}, Python {meta['python']}, {meta['cpus']} CPUs, "
        f"{meta['database']}, {repeats} requests each through Django's test client (server "
        "time only).",
        "",
        "Data: " + ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in sizes.items()) + ".",
        "",
        f"Target: p95 under {TARGET_P95_MS} ms. Load average while measuring (1, 5, 15 "
        f"minutes): {', '.join(str(x) for x in meta['load_average'])} on {meta['cpus']} CPUs.",
        "",
        "| page | median ms | p95 ms | queries | slowest query ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['page']} | {r['median_ms']} | {r['p95_ms']} | {r['queries']} "
        f"| {r['slowest_query_ms']} |"
        for r in rows
    ]
    lines += ["", *notes]
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")
