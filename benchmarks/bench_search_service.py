"""Search service alone on an existing database: ``python benchmarks/bench_search_service.py DIR``.

``DIR`` is a SQLite data directory that ``coopdec bench search --data-dir DIR`` filled. A new
process loads the in-memory store, runs the benchmark's fixed mix of 200 queries once to warm
up, then once measured, and prints p50/p95 and the slowest queries: a second look at the
service without the load that preceded it in the benchmark's own process.
"""

from __future__ import annotations

import argparse
import json
import os
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir")
    parser.add_argument("--slowest", type=int, default=5)
    args = parser.parse_args()
    os.environ.pop("COOPDEC_DATABASE_URL", None)
    os.environ["COOPDEC_DATA_DIR"] = args.data_dir
    from coopdec.bootstrap import setup_django

    setup_django()
    from coopdec.bench.search import _percentiles, query_mix
    from coopdec.catalogue.search import SearchQuery, search

    mix = query_mix()
    started = time.perf_counter()
    search(SearchQuery())
    store_seconds = time.perf_counter() - started
    for params in mix:
        search(SearchQuery.from_params(params))
    samples = []
    for params in mix:
        started = time.perf_counter()
        search(SearchQuery.from_params(params))
        samples.append((time.perf_counter() - started) * 1000)
    p50, p95 = _percentiles(samples)
    slowest = sorted(range(len(mix)), key=lambda i: -samples[i])[: args.slowest]
    print(json.dumps({
        "store_load_seconds": round(store_seconds, 2), "service_p50_ms": p50,
        "service_p95_ms": p95, "load_average": os.getloadavg(),
        "slowest": [{"ms": round(samples[i], 1), "params": mix[i]} for i in slowest],
    }, indent=2, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
