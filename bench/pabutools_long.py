"""pabutools on the keys its reference run never finished (over 120 s), kept for bench/pb.py.

    .venv/bin/python bench/pabutools_long.py measure Poland_Warszawa_2026.pb "mes cost add1-greedy"
    .venv/bin/python bench/pabutools_long.py estimate Hungary_Budapest_2024.pb "mes cost add1"

``measure`` runs pabutools to the end (``--cap`` seconds at most, default two hours) and keeps
its time and selection. ``estimate`` is for runs that would take days: pabutools' add1
(``exhaustion_by_budget_increase``) calls MES from scratch once per increment, at least
``increments + 1`` times. So it times the MES pass of pabutools' own loop at the first,
middle and last of those budgets (``increments`` comes from our engine, whose selections the
conformance tests hold to pabutools') and multiplies the fastest by ``increments + 1``. The
greedy completion after add1 and the loop's setup are left out. Results go to
bench/results/pabutools-long.json, which bench/pb.py reads; a run here takes minutes to hours,
so it is not part of ``make bench``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from alongside.budgeting.rules import read_pabulib, tally  # noqa: E402
from pb import pabutools_run, pb_dir, time_limit  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "pabutools-long.json"
SAMPLES = 3


def load() -> dict[str, Any]:
    if not RESULTS.exists():
        return {}
    data: dict[str, Any] = json.loads(RESULTS.read_text(encoding="utf-8"))
    return data


def measure(name: str, key: str, cap: float) -> dict[str, Any]:
    with time_limit(cap):
        order, seconds = pabutools_run(pb_dir() / name, key)
        selected = sorted(order)
    return {
        "kind": "measured",
        "seconds": round(seconds, 1),
        "selected": selected,
        "how": "pabutools run to the end once",
    }


class _Enough(Exception):
    """Stops pabutools' add1 loop after the one MES pass being timed."""


def estimate(name: str, key: str) -> dict[str, Any]:
    import pabutools.rules.mes.mes_rule as mes_rule
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.fractions import frac

    rule, satisfaction, completion = key.split()
    if rule != "mes" or satisfaction != "cost" or completion == "none":
        raise SystemExit("estimate is for mes cost add1 and add1-greedy only")
    increments = tally(read_pabulib(pb_dir() / name), "mes", "cost", "add1").add1_increments
    instance, profile = parse_pabulib(str(pb_dir() / name))
    budget, voters = frac(instance.budget_limit), profile.num_ballots()
    inner = mes_rule.mes_inner_algo
    calls: list[dict[str, Any]] = []

    depth = [0]

    def timed(*args: Any, **kwargs: Any) -> None:
        # The pass recurses once per funded project: time the outermost call only.
        depth[0] += 1
        start = time.perf_counter()
        try:
            inner(*args, **kwargs)
        finally:
            depth[0] -= 1
        if depth[0] == 0:
            calls[-1]["seconds"] = round(time.perf_counter() - start, 3)
            raise _Enough

    mes_rule.mes_inner_algo = timed
    try:
        for step in sorted({0, increments // 2, increments}):
            # Start pabutools' own add1 loop at this increment and time its first MES pass
            # (the loop's setup, done once per add1 run, is left out).
            calls.append({"increment": step})
            instance.budget_limit = budget + step * voters
            with contextlib.suppress(_Enough):
                mes_rule.method_of_equal_shares(
                    instance, profile, sat_class=Cost_Sat, voter_budget_increment=1
                )
            print(f"  MES pass at increment {step}: {calls[-1]['seconds']} s", flush=True)
    finally:
        mes_rule.mes_inner_algo = inner
    fastest = min(c["seconds"] for c in calls)
    return {
        "kind": "estimated",
        "seconds": round((increments + 1) * fastest, 1),
        "increments": increments,
        "sampled_calls": calls,
        "how": f"{increments + 1:,} MES passes × {fastest:.1f} s, the fastest of "
        f"{len(calls)} sampled passes",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/pabutools_long.py")
    parser.add_argument("mode", choices=["measure", "estimate"])
    parser.add_argument(
        "file", help="a file in the conformance folder, e.g. Poland_Warszawa_2026.pb"
    )
    parser.add_argument("key", help='rule, satisfaction and completion, e.g. "mes cost add1"')
    parser.add_argument("--cap", type=float, default=7200.0, help="measure: give up after this")
    args = parser.parse_args(argv)
    if args.mode == "measure":
        try:
            entry = measure(args.file, args.key, args.cap)
        except TimeoutError:
            print(f"pabutools did not finish in {args.cap:.0f} s; nothing written")
            return 1
    else:
        entry = estimate(args.file, args.key)
    entry["date"] = date.today().isoformat()
    entry["machine"] = f"{platform.machine()}, Python {platform.python_version()}"
    data = load()
    keys = [args.key]
    if args.mode == "estimate":
        # add1-greedy is add1 and then a greedy pass: the same estimate, unless measured.
        rule = args.key.rsplit(" ", 1)[0]
        keys = [f"{rule} add1", f"{rule} add1-greedy"]
    for key in keys:
        previous = data.get(f"{args.file} {key}", {})
        if args.mode == "measure" or previous.get("kind") != "measured":
            data[f"{args.file} {key}"] = entry
    RESULTS.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{args.file} {args.key}: {entry['seconds']} s ({entry['kind']}); wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
