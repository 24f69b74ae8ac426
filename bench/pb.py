"""Benchmark: the tally engine against pabutools 1.2.3 on the whole conformance set.

    .venv/bin/python bench/pb.py                  # every file, every key (what make bench runs)
    .venv/bin/python bench/pb.py --min-voters 10001   # only the large files
    .venv/bin/python bench/pb.py --quick          # only MES add1-greedy; reuse pabutools times
    .venv/bin/python bench/pb.py --files Netherlands_Amsterdam_166.pb

Writes bench/results/pb.json and bench/results/pb.md. For each file and key, side by side:

* ours: ``tally()`` in this process on the parsed election (arrays, rule, trace), the best of
  ``--repeat`` runs, wall clock and CPU time (the machine is shared: CPU time is the steadier);
  "with parsing" adds reading the file once;
* the CLI: ``alongside budget tally FILE --format json`` as a new process, start to end (Python's
  start-up and imports included), once;
* exact-only: ``tally(..., exact=True)`` for MES keys, stopped after ``--exact-cap`` seconds,
  and whether it selects exactly what the fast engine selects, in the same order;
* pabutools: run live when its reference run (``pabutools_seconds`` in expected.json) took at
  most ``--live-limit`` seconds, else its reference time; where the reference never finished,
  bench/results/pabutools-long.json (bench/pabutools_long.py) supplies it. Live runs also
  compare the selection ORDER with ours, not only the set.

The load average is recorded before and after. See docs/budgeting-rules.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from alongside.budgeting.rules import read_pabulib, tally  # noqa: E402

LIVE_LIMIT = 30.0
CAP = 600.0
"""A run of ours that takes longer than this is reported as not finished."""
EXACT_CAP = 60.0
TARGET_SECONDS = 2.0
"""add1 and add1-greedy, parsing included, on every file."""
TARGET_RATIO = 100.0
"""... and this many times faster than pabutools wherever pabutools takes over 20 s."""
SLOW_PABUTOOLS = 20.0


def pb_dir() -> Path:
    return Path(os.environ.get("ALONGSIDE_PB_DIR") or ROOT.parent / "shared" / "pb")


def pabutools_run(path: Path, key: str) -> tuple[list[str], float]:
    """pabutools' selection for a key, in selection order, timing the rule call only (as
    expected.json does)."""
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
    return [p.name for p in out], time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/pb.py")
    parser.add_argument(
        "--quick", action="store_true", help="MES add1-greedy only, no live pabutools"
    )
    parser.add_argument("--min-voters", type=int, default=0, help="only files with more voters")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs of ours (default 3)")
    parser.add_argument(
        "--files", nargs="*", help="only these files (other rows are kept from pb.json)"
    )
    parser.add_argument(
        "--cap",
        type=float,
        default=CAP,
        help=f"stop a run of ours after this many seconds (default {CAP:.0f})",
    )
    parser.add_argument(
        "--exact-cap",
        type=float,
        default=EXACT_CAP,
        help=f"stop an exact-only run after this many seconds (default {EXACT_CAP:.0f}; 0: none)",
    )
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
    load_before = os.getloadavg()
    rows: list[dict[str, Any]] = []
    for name, info in expected.items():
        if args.files and name not in args.files:
            continue
        if info["voters"] < args.min_voters:
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
        "cap_seconds": args.cap,
        "exact_cap_seconds": args.exact_cap,
        "repeat": args.repeat,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }
    previous = results / "pb.json"
    if args.files and previous.exists():
        # Re-measure some files: keep the other files' rows from the last full run.
        kept = json.loads(previous.read_text(encoding="utf-8"))["rows"]
        this_kind = [r for r in kept if "cli_seconds" in r]  # rows of this version's bench
        rows = [r for r in this_kind if r["instance"] not in args.files] + rows
        rows.sort(key=lambda r: r["instance"])
    (results / "pb.json").write_text(
        json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n", encoding="utf-8"
    )
    (results / "pb.md").write_text(markdown(rows, meta), encoding="utf-8")
    failed = [r for r in rows if False in (r["identical"], r["same_order"], r["exact_same"])]
    missed = [r for r in rows if r.get("meets_target") is False]
    print(f"\n{len(rows)} rows; {len(failed)} not identical; {len(missed)} not meeting the target")
    print(f"wrote {results / 'pb.json'} and {results / 'pb.md'}")
    return 1 if failed else 0


def folder_results() -> Path:
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    return results


def ours(election: Any, key: str, repeat: int, cap: float, exact: bool = False) -> dict[str, Any]:
    """Best wall and CPU seconds of ``repeat`` tallies (one when a run takes over 10 s), and
    the selection in order; ``None`` seconds when a run did not finish within ``cap``."""
    rule, satisfaction, completion = key.split()
    wall = cpu = float("inf")
    selected: list[str] = []
    for attempt in range(max(1, repeat)):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            with time_limit(cap):
                result = tally(election, rule, satisfaction, completion, exact=exact)
        except TimeoutError:
            return {"seconds": None, "cpu_seconds": None, "selected": None}
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
        selected = result.selected
        if wall > 10 and attempt == 0:
            break  # a long run varies little; repeating it only costs time
    return {"seconds": round(wall, 4), "cpu_seconds": round(cpu, 4), "selected": selected}


def cli_run(path: Path, key: str, cap: float) -> tuple[float | None, float | None]:
    """The whole ``alongside budget tally`` process, start-up included: wall seconds and its
    peak memory (maximum resident set, MB); ``None`` when it did not finish within ``cap``."""
    rule, satisfaction, completion = key.split()
    command = [sys.executable, "-m", "alongside.budgeting.rules", "tally", str(path)]
    command += ["--rule", rule, "--satisfaction", satisfaction, "--format", "json"]
    if rule == "mes":
        command += ["--completion", completion]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    try:
        with time_limit(cap):
            _, status, usage = os.wait4(process.pid, 0)
    except TimeoutError:
        process.kill()
        process.wait()
        return None, None
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
    return round(seconds, 3), round(usage.ru_maxrss / 1024, 1)


def bench_key(
    name: str,
    info: dict[str, Any],
    key: str,
    election: Any,
    parse_seconds: float,
    folder: Path,
    args: argparse.Namespace,
) -> dict[str, Any]:
    rule, _, completion = key.split()
    mine = ours(election, key, args.repeat, args.cap)
    row: dict[str, Any] = {
        "instance": name,
        "voters": info["voters"],
        "projects": info["projects"],
        "rule": key,
        "our_seconds": mine["seconds"],
        "our_cpu_seconds": mine["cpu_seconds"],
        "parse_seconds": round(parse_seconds, 4),
        "with_parsing_seconds": None,
        "cli_seconds": None,
        "cli_max_rss_mb": None,
        "exact_seconds": None,
        "exact_same": None,
        "pabutools_seconds": None,
        "pabutools_source": _reference_note(info["pabutools_seconds"][key]),
        "ratio": None,
        "ratio_is_lower_bound": False,
        "ratio_is_estimate": False,
        "identical": None,
        "same_order": None,
        "meets_target": None,
    }
    if mine["seconds"] is None:
        row["our_note"] = f"did not finish in {args.cap:.0f} s"
        return row
    selected: list[str] = mine["selected"]
    row["with_parsing_seconds"] = round(mine["seconds"] + parse_seconds, 4)
    row["cli_seconds"], row["cli_max_rss_mb"] = cli_run(folder / name, key, args.cap)
    if rule == "mes" and args.exact_cap != 0:
        exact = ours(election, key, 1, args.exact_cap or args.cap, exact=True)
        row["exact_seconds"] = exact["seconds"]
        if exact["selected"] is not None:
            row["exact_same"] = exact["selected"] == selected

    reference = info["selections"].get(key)
    reference_seconds = info["pabutools_seconds"][key]
    pabu_seconds: float | None = None
    identical: bool | None = None
    long_run = long_runs().get(f"{name} {key}")
    if isinstance(reference_seconds, str) and long_run is not None:
        # Its reference never finished; bench/pabutools_long.py ran or estimated it since.
        pabu_seconds = float(long_run["seconds"])
        row["ratio_is_estimate"] = long_run["kind"] == "estimated"
        row["pabutools_source"] = f"{long_run['kind']} {long_run['date']}: {long_run['how']}"
        if not row["ratio_is_estimate"]:
            identical = long_run["selected"] == sorted(selected)
    elif isinstance(reference_seconds, str):
        pabu_seconds = 120.0 if "120" in reference_seconds else None
        row["ratio_is_lower_bound"] = True
    elif args.quick or reference_seconds > args.live_limit:
        pabu_seconds = float(reference_seconds)
        row["pabutools_source"] = "expected.json"
    else:
        live, pabu_seconds = pabutools_run(folder / name, key)
        row["pabutools_source"] = "live"
        identical = sorted(live) == sorted(selected)
        row["same_order"] = live == selected
    if reference is not None:
        identical = (identical is not False) and sorted(reference) == sorted(selected)
    row["identical"] = identical
    if pabu_seconds is not None:
        row["pabutools_seconds"] = round(pabu_seconds, 3)
        row["ratio"] = round(pabu_seconds / mine["seconds"], 1)
    if rule == "mes" and completion != "none":
        fast_enough = row["with_parsing_seconds"] <= TARGET_SECONDS
        if pabu_seconds is not None and pabu_seconds > SLOW_PABUTOOLS:
            fast_enough = fast_enough and (
                row["ratio_is_lower_bound"] or pabu_seconds / mine["seconds"] >= TARGET_RATIO
            )
        row["meets_target"] = fast_enough
    return row


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in this (main) thread once ``seconds`` have passed."""

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def long_runs() -> dict[str, Any]:
    """pabutools runs too long for a benchmark, made by bench/pabutools_long.py."""
    path = ROOT / "bench" / "results" / "pabutools-long.json"
    if not path.exists():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _reference_note(reference_seconds: float | str) -> str:
    if isinstance(reference_seconds, str):
        return f"expected.json: {reference_seconds}"
    return f"expected.json: {reference_seconds} s"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _megabytes(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _row_line(row: dict[str, Any]) -> str:
    if row["our_seconds"] is None:
        return f"{row['instance'][:44]:44s} {row['rule']:28s} ours {row['our_note']}"
    ratio = "-" if row["ratio"] is None else f"{row['ratio']}x"
    return (
        f"{row['instance'][:44]:44s} {row['rule']:28s} ours {row['our_seconds']:8.3f}s "
        f"cli {_seconds(row['cli_seconds'])}s exact {_seconds(row['exact_seconds'])}s "
        f"pabutools {_seconds(row['pabutools_seconds'])}s ({row['pabutools_source']}) {ratio} "
        f"identical={row['identical']} order={row['same_order']} exact={row['exact_same']}"
    )


def _yes(value: bool | None) -> str:
    return {True: "yes", False: "**NO**", None: "n/a"}[value]


def markdown(rows: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    lines = [
        "# Tally engine vs pabutools 1.2.3",
        "",
        f"Machine: {meta['machine']}; Python {meta['python']}; mode {meta['mode']}; load average"
        f" (1, 5, 15 min) {meta['load_average_before']} before, {meta['load_average_after']}"
        " after: the machine is shared, so compare ratios measured in the same run, and CPU"
        " seconds, more than wall seconds across runs.",
        "",
        f"Ours: `tally()` in this process on the parsed election, best of {meta['repeat']} (1"
        " when it takes over 10 s), wall clock, and CPU time in brackets; with parsing adds"
        " reading the file once. CLI: `alongside budget tally FILE --format json` as a new"
        " process, start-up included, and its peak memory (maximum resident set)."
        " Exact-only: `tally(..., exact=True)`, no floating point,"
        f" stopped after {meta['exact_cap_seconds']:.0f} s (-), and whether it selects what the"
        " fast engine selects in the same order. pabutools: the rule call alone, run live when"
        f" its reference took at most {meta['live_limit_seconds']:.0f} s, else from"
        " ../shared/pb/expected.json or, where that never finished, bench/pabutools_long.py"
        " (≈: estimated). Same set: ours equals expected.json's selection (and the live run's);"
        " same order: ours equals the live pabutools run in selection order. Target: add1 and"
        f" add1-greedy at most {TARGET_SECONDS:.0f} s with parsing, and at least"
        f" {TARGET_RATIO:.0f}× faster than pabutools where it takes over"
        f" {SLOW_PABUTOOLS:.0f} s.",
        "",
        "| instance | voters | projects | rule | ours s (CPU) | with parsing | CLI s (MB) |"
        " exact-only (same) | pabutools s (source) | ratio | same set | same order | target |",
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | --- | --- | --- |",
    ]
    for r in rows:
        head = f"| {r['instance']} | {r['voters']:,} | {r['projects']} | {r['rule']} |"
        if r["our_seconds"] is None:
            lines.append(
                f"{head} {r['our_note']} | - | - | - | ({r['pabutools_source']}) | - | n/a |"
                " n/a | **not met** |"
            )
            continue
        pabu = _seconds(r["pabutools_seconds"])
        ratio = "-" if r["ratio"] is None else f"{r['ratio']:,.1f}×"
        if r["ratio_is_lower_bound"] and r["ratio"] is not None:
            pabu, ratio = f"> {r['pabutools_seconds']:.0f}", f"> {r['ratio']:,.1f}×"
        if r["ratio_is_estimate"] and r["ratio"] is not None:
            pabu, ratio = f"≈ {r['pabutools_seconds']:,.0f}", f"≈ {r['ratio']:,.0f}×"
        exact = "-" if r["rule"].startswith("greedy") else "not finished"
        if r["exact_seconds"] is not None:
            exact = f"{r['exact_seconds']:.3f} ({_yes(r['exact_same'])})"
        target = {True: "met", False: "**not met**", None: ""}[r["meets_target"]]
        lines.append(
            f"{head} {r['our_seconds']:.3f} ({r['our_cpu_seconds']:.3f}) |"
            f" {r['with_parsing_seconds']:.3f} | {_seconds(r['cli_seconds'])}"
            f" ({_megabytes(r.get('cli_max_rss_mb'))}) | {exact} |"
            f" {pabu} ({r['pabutools_source']}) | {ratio} | {_yes(r['identical'])} |"
            f" {_yes(r['same_order'])} | {target} |"
        )
    lines += ["", *target_summary(rows)]
    return "\n".join(lines) + "\n"


def target_summary(rows: list[dict[str, Any]]) -> list[str]:
    """The target, row by row where it applies, with the rows that miss it named."""
    judged = [r for r in rows if r["meets_target"] is not None]
    missed = [r for r in judged if not r["meets_target"]]
    memory = [r["cli_max_rss_mb"] for r in rows if r.get("cli_max_rss_mb") is not None]
    lines = [
        "## Against the target",
        "",
        f"{len(judged) - len(missed)} of {len(judged)} add1 and add1-greedy rows meet it.",
    ]
    if memory:
        lines.append(f"The largest CLI process peaked at {max(memory):,.0f} MB (limit 1,024 MB).")
    if missed:
        lines += ["", "Not met:", ""]
    for r in missed:
        if r["our_seconds"] is None:
            lines.append(f"- {r['instance']} ({r['rule']}): {r['our_note']}.")
            continue
        ratio = "" if r["ratio"] is None else f", {r['ratio']:,.1f}× pabutools"
        lines.append(
            f"- {r['instance']} ({r['rule']}): {r['with_parsing_seconds']:.2f} s with"
            f" parsing{ratio}."
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
