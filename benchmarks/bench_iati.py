"""Benchmark the IATI import (``coopdec bench iati`` runs the same code).

    python benchmarks/bench_iati.py --activities 100000 [--runs 3] [--with-index] [--json]

Generates a varied IATI 2.03 file from the shipped examples (and the real samples of
../shared when present), times a bare lxml iterparse pass over it, then imports it into a
fresh SQLite database in a child process; prints activities/s, the ratio to the bare parse,
CPU seconds of each process and peak RSS. See src/coopdec/bench/iati.py.
"""

from __future__ import annotations

from coopdec.bench.iati import main

if __name__ == "__main__":
    main()
