"""Load on a production-configured server: concurrent clients on a mix of pages and API calls.

    python benchmarks/bench_load.py [--clients 50] [--seconds 60] [--database-url URL] [--json]

Starts ``coopdec serve`` (gunicorn, DEBUG off, a random secret) on a free loopback port, with
a fresh data directory initialised by ``coopdec init`` (or ``--data-dir``, or the PostgreSQL
database of ``--database-url``, initialised if needed), rate limits off (this measures the
server, not the limits). ``--clients`` threads, each with its own keep-alive connection,
loop for ``--seconds`` over the mix below; the report gives requests/s, p50/p95/p99 latency
per kind and overall, and the errors (any status >= 500 or connection failure).

The mix (issue 19, item 2): catalogue pages with and without a query, the search API, detail
pages of partnerships and projects (ids found through the API first), the workspace's first
steps. Loopback only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

WORDS = ("eau", "santé", "jeunesse", "culture", "agriculture", "éducation", "déchets", "sport")
COUNTRIES = ("SN", "BF", "ML", "MA", "TN", "VN", "MG", "HT")


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def server_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPDEC_", "DJANGO_"))}
    env.update(
        COOPDEC_DATA_DIR=str(data_dir),
        COOPDEC_DEBUG="0",
        COOPDEC_SECRET_KEY=secrets.token_urlsafe(50),
        COOPDEC_SECURE_SSL_REDIRECT="0",
        COOPDEC_RATELIMIT_ENABLED="0",
    )
    if database_url:
        env["COOPDEC_DATABASE_URL"] = database_url
    return env


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", quote(path, safe="/?=&"), headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    return response.status, response.read()


def detail_paths(port: int) -> list[str]:
    """Pages of real records: the first results of a few searches."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    paths = []
    for word in WORDS:
        status, body = get(conn, f"/api/v1/search?q={word}&page_size=20")
        if status == 200:
            for hit in json.loads(body)["results"]:
                kind = "partenariats" if hit["type"] == "partnership" else "projets"
                paths.append(f"/{kind}/{hit['id']}/")
    conn.close()
    return paths or ["/catalogue/"]


def pick(rng: random.Random, details: list[str]) -> tuple[str, str]:
    """(kind, path) of the next request of the mix."""
    word, country = rng.choice(WORDS), rng.choice(COUNTRIES)
    roll = rng.random()
    if roll < 0.25:
        return "catalogue", rng.choice(["/catalogue/", f"/catalogue/?q={word}&country={country}"])
    if roll < 0.55:
        return "search_api", f"/api/v1/search?q={word}&country={country}"
    if roll < 0.85:
        return "detail", rng.choice(details)
    return "workspace", rng.choice(["/projet/", "/monter-un-projet/", "/"])


def client(
    port: int, seconds: float, seed: int, details: list[str], out: dict[str, list[Any]]
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        kind, path = pick(rng, details)
        started = time.perf_counter()
        try:
            status, _ = get(conn, path)
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        elapsed = time.perf_counter() - started
        out[kind].append((elapsed, status))
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=positive, default=50)
    parser.add_argument("--seconds", type=positive, default=60)
    parser.add_argument("--workers", type=positive, default=2)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--database-url")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="coopdec-load-"))
    env = server_env(data_dir, args.database_url)
    coopdec = [sys.executable, "-m", "coopdec"]
    subprocess.run([*coopdec, "init"], env=env, check=True, capture_output=True)
    port = free_port()
    log = (data_dir / "load-server.log").open("w")
    server = subprocess.Popen(
        [*coopdec, "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start: see " + log.name) from None
                time.sleep(0.3)
        details = detail_paths(port)
        results: dict[str, list[Any]] = defaultdict(list)
        threads = [
            threading.Thread(target=client, args=(port, args.seconds, n, details, results))
            for n in range(args.clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    report = summarise(results, wall, args)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


def summarise(
    results: dict[str, list[Any]], wall: float, args: argparse.Namespace
) -> dict[str, Any]:
    def stats(samples: list[Any]) -> dict[str, Any]:
        times = [t * 1000 for t, _ in samples]
        return {
            "requests": len(samples),
            "errors": sum(1 for _, status in samples if status == 0 or status >= 500),
            "p50_ms": round(percentile(times, 0.50), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "p99_ms": round(percentile(times, 0.99), 1),
        }

    everything = [s for samples in results.values() for s in samples]
    return {
        "engine": "postgresql" if args.database_url else "sqlite",
        "clients": args.clients,
        "seconds": round(wall, 1),
        "workers": args.workers,
        "requests_per_second": round(len(everything) / wall, 1),
        "all": stats(everything),
        "by_kind": {kind: stats(samples) for kind, samples in sorted(results.items())},
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}",
    }


def print_report(report: dict[str, Any]) -> None:
    print(
        f"{report['engine']}: {report['clients']} clients, {report['seconds']} s, "
        f"{report['workers']} workers — {report['requests_per_second']} req/s ({report['machine']})"
    )
    for kind, row in [("all", report["all"]), *report["by_kind"].items()]:
        print(
            f"  {kind:<11} {row['requests']:>7} req  errors {row['errors']:>4}  "
            f"p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7} ms  p99 {row['p99_ms']:>7} ms"
        )


if __name__ == "__main__":
    raise SystemExit(main())
