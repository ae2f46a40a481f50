"""Benchmark ``coopdec init`` on a new SQLite database, then a second (no-op) run.

    python benchmarks/bench_init.py --runs 5 [--json]

Each run uses a fresh data directory and the real command in a subprocess (as a user runs it).
The reference measured in the same run is the time to start the command and do nothing but
set Django up (``coopdec --help`` is too cheap: ``coopdec stats`` on the new database), so the
ratio shows what loading costs over bare start-up.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "coopdec", *args],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    first, second, reference = [], [], []
    for _ in range(options.runs):
        folder = Path(tempfile.mkdtemp(prefix="coopdec-bench-"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("COOPDEC_")}
        env["COOPDEC_DATA_DIR"] = str(folder)
        try:
            first.append(timed(["init"], env))
            second.append(timed(["init"], env))
            reference.append(timed(["stats"], env))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    result = {
        "runs": options.runs,
        "first_init_median_s": round(statistics.median(first), 2),
        "first_init_p95_s": round(p95(first), 2),
        "second_init_median_s": round(statistics.median(second), 2),
        "second_init_p95_s": round(p95(second), 2),
        "startup_reference_median_s": round(statistics.median(reference), 2),
        "second_init_over_startup": round(
            statistics.median(second) / statistics.median(reference), 2
        ),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
    }
    if options.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
