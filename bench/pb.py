"""Benchmark: the tally engine against pabutools 1.2.3 on the conformance set.

    .venv/bin/python bench/pb.py            # every key of the files with over 10,000 voters
    .venv/bin/python bench/pb.py --all      # every file
    .venv/bin/python bench/pb.py --quick    # only MES add1-greedy; reuse all pabutools times

Writes bench/results/pb.json and bench/results/pb.md. pabutools is run live when its reference
run (``pabutools_seconds`` in expected.json) took at most 30 s; slower references are reused from
expected.json, as the "source" column says. "our seconds" times the rule (building the engine's
arrays from the parsed election, the rule, its trace); "with parsing" adds reading the file.
``--live-limit 0`` reuses every reference time; ``--live-limit 600`` runs pabutools live on
nearly everything (an hour or more). See docs/budgeting-rules.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from alongside.budgeting.rules import read_pabulib, tally  # noqa: E402

LIVE_LIMIT = 30.0
TARGET_RATIO = 20.0


def pb_dir() -> Path:
    return Path(os.environ.get("ALONGSIDE_PB_DIR") or ROOT.parent / "shared" / "pb")


def pabutools_run(path: Path, key: str) -> tuple[list[str], float]:
    """pabutools' selection for a key, timing the rule call only (as expected.json does)."""
    from pabutools.election import AdditiveSatisfaction, Cost_Sat, parse_pabulib
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    rule, satisfaction, completion = key.split()
    instance, profile = parse_pabulib(str(path))
    if satisfaction == "cost":
        sat: Any = Cost_Sat
    else:

        class CostPointsSat(AdditiveSatisfaction):  # type: ignore[misc]
            def __init__(self, inst: Any, prof: Any, ballot: Any) -> None:
                super().__init__(inst, prof, ballot, lambda i, pr, b, p, pre: b.get(p, 0) * p.cost)

        sat = CostPointsSat
    start = time.perf_counter()
    if rule == "greedy":
        out = greedy_utilitarian_welfare(instance, profile, sat_class=sat)
    else:
        increment = None if completion == "none" else 1
        out = method_of_equal_shares(
            instance, profile, sat_class=sat, voter_budget_increment=increment
        )
        if completion == "add1-greedy":
            out = greedy_utilitarian_welfare(
                instance, profile, sat_class=sat, initial_budget_allocation=out
            )
    return sorted(p.name for p in out), time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/pb.py")
    parser.add_argument(
        "--quick", action="store_true", help="MES add1-greedy only, no live pabutools"
    )
    parser.add_argument("--all", action="store_true", help="every file, not only > 10,000 voters")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs of ours (default 3)")
    parser.add_argument("--files", nargs="*", help="only these files")
    parser.add_argument(
        "--live-limit",
        type=float,
        default=LIVE_LIMIT,
        help=f"run pabutools live when its reference took at most this many seconds "
        f"(default {LIVE_LIMIT:.0f})",
    )
    args = parser.parse_args(argv)

    folder = pb_dir()
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    for name, info in expected.items():
        if args.files and name not in args.files:
            continue
        if not args.all and not args.files and info["voters"] <= 10_000:
            continue
        start = time.perf_counter()
        election = read_pabulib(folder / name)
        parse_seconds = time.perf_counter() - start
        keys = list(info["pabutools_seconds"])
        if args.quick:
            keys = [k for k in keys if k.endswith("add1-greedy")]
        for key in keys:
            rows.append(bench_key(name, info, key, election, parse_seconds, folder, args))
            print(_row_line(rows[-1]), flush=True)

    results = folder_results()
    meta = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "mode": "quick" if args.quick else "full",
        "live_limit_seconds": args.live_limit,
    }
    (results / "pb.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8"
    )
    (results / "pb.md").write_text(markdown(rows, meta), encoding="utf-8")
    failed = [r for r in rows if r["identical"] is False]
    slow = [r for r in rows if r["meets_target"] is False]
    print(f"\n{len(rows)} rows; {len(failed)} not identical; {len(slow)} below the target")
    print(f"wrote {results / 'pb.json'} and {results / 'pb.md'}")
    return 1 if failed else 0


def folder_results() -> Path:
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    return results


def bench_key(
    name: str,
    info: dict[str, Any],
    key: str,
    election: Any,
    parse_seconds: float,
    folder: Path,
    args: argparse.Namespace,
) -> dict[str, Any]:
    rule, satisfaction, completion = key.split()
    best = float("inf")
    selected: list[str] = []
    for _ in range(max(1, args.repeat)):
        gc.collect()
        start = time.perf_counter()
        result = tally(election, rule, satisfaction, completion)
        best = min(best, time.perf_counter() - start)
        selected = sorted(result.selected)
    reference = info["selections"].get(key)
    reference_seconds = info["pabutools_seconds"][key]
    pabu_seconds: float | None = None
    source = ""
    identical: bool | None = None
    if isinstance(reference_seconds, str):
        source = f"expected.json: {reference_seconds}"
        limit = 120.0 if "120" in reference_seconds else None
        pabu_seconds = limit
    elif args.quick or reference_seconds > args.live_limit:
        pabu_seconds = float(reference_seconds)
        source = "expected.json"
    else:
        live, pabu_seconds = pabutools_run(folder / name, key)
        source = "live"
        identical = live == selected
    if reference is not None:
        identical = (identical is not False) and sorted(reference) == selected
    ratio = pabu_seconds / best if pabu_seconds else None
    lower_bound = isinstance(reference_seconds, str)
    meets: bool | None = None
    if completion == "add1-greedy" and info["voters"] > 10_000 and ratio is not None:
        meets = ratio >= TARGET_RATIO
    return {
        "instance": name,
        "voters": info["voters"],
        "projects": info["projects"],
        "rule": key,
        "our_seconds": round(best, 4),
        "parse_seconds": round(parse_seconds, 4),
        "with_parsing_seconds": round(best + parse_seconds, 4),
        "pabutools_seconds": None if pabu_seconds is None else round(pabu_seconds, 3),
        "pabutools_source": source,
        "ratio": None if ratio is None else round(ratio, 1),
        "ratio_is_lower_bound": lower_bound,
        "identical": identical,
        "meets_target": meets,
    }


def _row_line(row: dict[str, Any]) -> str:
    ratio = (
        "-"
        if row["ratio"] is None
        else f"{'>' if row['ratio_is_lower_bound'] else ''}{row['ratio']}x"
    )
    return (
        f"{row['instance'][:44]:44s} {row['rule']:28s} ours {row['our_seconds']:8.3f}s "
        f"pabutools {row['pabutools_seconds']}s ({row['pabutools_source']}) {ratio} "
        f"identical={row['identical']}"
    )


def markdown(rows: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    lines = [
        "# Tally engine vs pabutools 1.2.3",
        "",
        f"Machine: {meta['machine']}; Python {meta['python']}; mode {meta['mode']}.",
        "Our seconds: best of 3 runs of `tally()` on the parsed election (arrays, rule, trace);"
        " with parsing adds reading the .pb file once. pabutools seconds: the rule call alone,"
        f" run live when its reference took at most {meta['live_limit_seconds']:.0f} s, else"
        " taken from ../shared/pb/expected.json. Identical: our selection equals the reference"
        " selection in expected.json (and the live pabutools run, when there is one); n/a where"
        " pabutools never finished.",
        "",
        "| instance | voters | projects | rule | our seconds | with parsing | pabutools seconds"
        " (source) | ratio | identical |",
        "| --- | ---: | ---: | --- | ---: | ---: | --- | ---: | --- |",
    ]
    for r in rows:
        pabu = "-" if r["pabutools_seconds"] is None else f"{r['pabutools_seconds']:.3f}"
        if r["ratio_is_lower_bound"] and r["pabutools_seconds"] is not None:
            pabu = f"> {r['pabutools_seconds']:.0f}"
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:,.1f}×"
        if r["ratio_is_lower_bound"] and r["ratio"] is not None:
            ratio = f"> {r['ratio']:,.1f}×"
        if r["meets_target"] is False:
            ratio += " (below 20×)"
        identical = {True: "yes", False: "**NO**", None: "n/a"}[r["identical"]]
        lines.append(
            f"| {r['instance']} | {r['voters']:,} | {r['projects']} | {r['rule']} |"
            f" {r['our_seconds']:.3f} | {r['with_parsing_seconds']:.3f} |"
            f" {pabu} ({r['pabutools_source']}) | {ratio} | {identical} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
