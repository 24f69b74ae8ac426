"""`make bench`: run every benchmark in this folder; each writes its results to bench/results/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["pages.py", "pb.py", "voice.py", "vote_night.py", "polling_station.py", "credits.py"]


def main() -> int:
    failed = []
    for name in BENCHMARKS:
        print(f"== {name} ==", flush=True)
        if subprocess.run(
            [sys.executable, str(HERE / name), *sys.argv[1:]], check=False
        ).returncode:
            failed.append(name)
    if failed:
        print(f"Benchmarks failed: {', '.join(failed)}")
        return 1
    print(f"Results are in {HERE / 'results'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
