"""Search benchmark: ``python benchmarks/bench_search.py --size 100000 [--backend postgresql]``.

The same as ``coopdec bench search`` (see src/coopdec/bench/search.py); prints JSON.
Figures and the machine go to docs/benchmarks.md.
"""

from __future__ import annotations

import sys

from coopdec.cli.app import app

if __name__ == "__main__":
    sys.argv = ["coopdec", "bench", "search", *sys.argv[1:], "--json"]
    app()
