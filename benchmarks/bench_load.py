"""Load on a production-configured server: concurrent clients on a mix of pages and API calls.

    python benchmarks/bench_load.py [--clients 50] [--seconds 60] [--database-url URL]
        [--think-ms 0] [--during-import 100000] [--kill-worker-at 20] [--reference quiet.json]
        [--json]

Starts ``coopdec serve`` (gunicorn, DEBUG off, a random secret) on a free loopback port, with
a fresh data directory initialised by ``coopdec init`` (or ``--data-dir``, or the PostgreSQL
database of ``--database-url``, initialised if needed), rate limits off (this measures the
server, not the limits). ``--clients`` threads, each with its own keep-alive connection,
loop for ``--seconds`` over the mix below; the report gives requests/s, p50/p95/p99 latency
per kind and overall, and the errors (any status >= 500 or connection failure).

The mix (issue 19, item 2): catalogue pages with and without a query, the search API, detail
pages of partnerships and projects (ids found through the API first), the workspace's first
steps. Loopback only. The clients start ``--warmup`` seconds (default 10) before the
measured ``--seconds``: the warm-up's requests (cold caches) are reported apart.

Scenarios (issue 19, item 2):

- ``--during-import N``: an IATI file of N activities is generated first (the generator of
  ``benchmarks/bench_iati.py``), then ``coopdec import iati`` runs in its own process against
  the served database; the load starts once the import has run a few seconds and goes on
  past ``--seconds`` until the import has ended (commit and search index included; at most
  15 minutes), and the report
  gives the import's exit code and duration and every "database is locked" line seen in the
  import's output or the server's log. ``--reference quiet.json`` (the ``--json`` report of a
  quiet run) adds the ratio of the search API's p99 to the quiet one (target: ≤ 2).
- ``--kill-worker-at S``: S seconds into the load, one gunicorn worker (a child of the server
  this script started, never any other process) is killed with SIGKILL. Failed requests are
  split into those in flight at that moment and those started after it (target: none after).
  As browsers and HTTP libraries do for an idempotent GET, a request written on a kept-alive
  connection that the server had already closed is retried once on a new connection; the
  report counts those retries.

``--think-ms M`` makes each client wait a random time (exponential, mean M ms) between its
requests, as people reading pages do; 0 (the default) is a closed loop with no pause, which
measures the server's saturation throughput (latency is then clients / throughput).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, NamedTuple
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


STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class Sample(NamedTuple):
    """One request: when it started (seconds from the load's start), how long, its status
    (0: connection failed) and whether it was retried after a stale kept-alive connection."""

    started: float
    elapsed: float
    status: int
    retried: bool


def client(
    port: int,
    stop: list[float],
    seed: int,
    details: list[str],
    out: dict[str, list[Sample]],
    origin: float,
    think_ms: float,
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    fresh = True
    while time.perf_counter() < stop[0]:
        kind, path = pick(rng, details)
        started = time.perf_counter()
        retried = False
        try:
            try:
                status, _ = get(conn, path)
            except STALE:
                # A GET on a kept-alive connection the server closed meanwhile (worker
                # restarted, keep-alive expired): retried once, as clients do.
                if fresh:
                    raise
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                retried = True
                status, _ = get(conn, path)
            fresh = False
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            fresh = True
        done = time.perf_counter()
        out[kind].append(Sample(started - origin, done - started, status, retried))
        if think_ms:
            # In short steps, watching the end: during an import the end is moved on every
            # 0.5 s, and a pause cut at the end of the moment made clients think half as long.
            wake = time.perf_counter() + rng.expovariate(1000 / think_ms)
            while (now := time.perf_counter()) < min(wake, stop[0]):
                time.sleep(min(0.25, min(wake, stop[0]) - now))
    conn.close()


def follow_import(
    importer: subprocess.Popen[bytes], stop: list[float], origin: float, extra: dict[str, Any]
) -> None:
    """Keep the load on until the import ends (at most IMPORT_LOAD_LIMIT seconds)."""
    # Moved on from 2 s before the planned end: clients pausing until that end wake exactly
    # then, and about half of them used to stop before this thread had moved it.
    time.sleep(max(0.0, stop[0] - 2 - time.perf_counter()))
    while importer.poll() is None and time.perf_counter() < origin + IMPORT_LOAD_LIMIT:
        stop[0] = max(stop[0], time.perf_counter() + 1)
        time.sleep(0.5)
    extra["import_ended_at_load_second"] = round(time.perf_counter() - origin, 1)


def children_cpu() -> float:
    """User + system CPU seconds of the reaped child processes (and their reaped children)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def worker_pids(server_pid: int) -> list[int]:
    """The gunicorn workers of the server this script started (children of its arbiter)."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def kill_one_worker(server_pid: int, at: float, origin: float, record: dict[str, Any]) -> None:
    """``at`` seconds after ``origin``: SIGKILL one worker of our own server, note when."""
    time.sleep(max(0.0, origin + at - time.perf_counter()))
    pids = worker_pids(server_pid)
    if not pids:
        record["error"] = "no worker found"
        return
    os.kill(pids[0], signal.SIGKILL)
    record.update(pid=pids[0], at=round(time.perf_counter() - origin, 3))


def prepare_import(data_dir: Path, env: dict[str, str], activities: int) -> Path:
    """A generated IATI file of ``activities`` activities (outside the measured time)."""
    from coopdec.bench import iati_data
    from coopdec.bench.iati import REPO_SAMPLES

    examples, path = data_dir / "examples.xml", data_dir / f"load-{activities}.xml"
    subprocess.run(
        [sys.executable, "-m", "coopdec.bench.iati", "examples", str(examples)],
        env=env,
        check=True,
        capture_output=True,
    )
    samples = REPO_SAMPLES if REPO_SAMPLES.is_dir() else None
    iati_data.generate(path, activities, examples, samples)
    return path


LOCKED = "database is locked"
IMPORT_LOAD_LIMIT = 900


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=positive, default=50)
    parser.add_argument("--seconds", type=positive, default=60)
    parser.add_argument("--workers", type=positive, default=2)
    parser.add_argument("--think-ms", type=float, default=0.0)
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds, not measured")
    parser.add_argument("--during-import", type=positive, metavar="ACTIVITIES")
    parser.add_argument(
        "--import-share", type=float, metavar="SHARE",
        help="COOPDEC_IMPORT_SHARE of the import run by --during-import (default: unset, 1)",
    )  # fmt: skip
    parser.add_argument("--kill-worker-at", type=float, metavar="SECONDS")
    parser.add_argument("--reference", type=Path, help="--json report of a quiet run")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--database-url")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="coopdec-load-"))
    env = server_env(data_dir, args.database_url)
    coopdec = [sys.executable, "-m", "coopdec"]
    subprocess.run([*coopdec, "init"], env=env, check=True, capture_output=True)
    import_file = prepare_import(data_dir, env, args.during_import) if args.during_import else None
    port = free_port()
    cpu_before = children_cpu()
    log_path = data_dir / "load-server.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [*coopdec, "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    importer: subprocess.Popen[bytes] | None = None
    cpu_after_import = cpu_before
    extra: dict[str, Any] = {"load_average_1min_before": round(os.getloadavg()[0], 2)}
    kill: dict[str, Any] = {}
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
        if import_file:
            import_log = (data_dir / "load-import.log").open("w")
            import_started = time.perf_counter()
            import_env = dict(env)
            if args.import_share is not None:
                import_env["COOPDEC_IMPORT_SHARE"] = str(args.import_share)
            importer = subprocess.Popen(
                [*coopdec, "import", "iati", str(import_file), "--json"],
                env=import_env,
                stdout=import_log,
                stderr=subprocess.STDOUT,
            )
            time.sleep(5)  # past start-up: the import is reading and writing
        results: dict[str, list[Sample]] = defaultdict(list)
        # Clients start --warmup seconds before the measured time (cold caches, connections):
        # those requests are reported apart, not in the figures.
        origin = time.perf_counter() + args.warmup
        # When the clients stop; during an import, moved on until the import ends (its last
        # phase, the commit and the search index's update, is the one that matters most).
        stop = [origin + args.seconds]
        threads = [
            threading.Thread(
                target=client, args=(port, stop, n, details, results, origin, args.think_ms)
            )
            for n in range(args.clients)
        ]
        if importer:
            threads.append(
                threading.Thread(target=follow_import, args=(importer, stop, origin, extra))
            )
        if args.kill_worker_at is not None:
            threads.append(
                threading.Thread(
                    target=kill_one_worker, args=(server.pid, args.kill_worker_at, origin, kill)
                )
            )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - origin
        extra["load_average_1min_after"] = round(os.getloadavg()[0], 2)
        if importer:
            extra["import_running_at_load_end"] = importer.poll() is None
            code = importer.wait(timeout=3600)
            cpu_after_import = children_cpu()
            import_log.close()
            output = (data_dir / "load-import.log").read_text(errors="replace")
            extra["import"] = {
                "activities": args.during_import,
                "share": args.import_share or 1.0,
                "exit_code": code,
                "seconds": round(time.perf_counter() - import_started, 1),
                "locked_lines": output.count(LOCKED),
                "cpu_seconds": round(cpu_after_import - cpu_before, 1),
                "output_tail": output[-600:] if code else "",
            }
        if kill:
            time.sleep(2)
            extra["workers_after_kill"] = worker_pids(server.pid)
    finally:
        if importer and importer.poll() is None:
            importer.terminate()
            importer.wait(timeout=30)
        server.terminate()
        server.wait(timeout=30)
        log.close()
        if import_file:
            import_file.unlink(missing_ok=True)  # 767 MB for 100 000 activities
    # The arbiter reaps its workers, so their CPU time is in ours once it is reaped too (the
    # importer's, reaped earlier, is set apart; PostgreSQL's own processes are not counted).
    server_cpu = children_cpu() - (cpu_after_import if importer else cpu_before)
    extra["server_cpu_seconds"] = round(server_cpu, 1)
    server_log = log_path.read_text(errors="replace")
    extra["server_log_locked_lines"] = server_log.count(LOCKED)
    extra["server_log_tracebacks"] = server_log.count("Traceback")
    report = summarise(results, wall, args, extra, kill)
    if args.reference:
        quiet = json.loads(args.reference.read_text())["by_kind"]["search_api"]["p99_ms"]
        report["search_api_p99_over_reference"] = round(
            report["by_kind"]["search_api"]["p99_ms"] / quiet, 2
        )
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


def summarise(
    results: dict[str, list[Sample]],
    wall: float,
    args: argparse.Namespace,
    extra: dict[str, Any],
    kill: dict[str, Any],
) -> dict[str, Any]:
    def failed(sample: Sample) -> bool:
        return sample.status == 0 or sample.status >= 500

    def stats(samples: list[Sample]) -> dict[str, Any]:
        times = [s.elapsed * 1000 for s in samples]
        return {
            "requests": len(samples),
            "errors": sum(1 for s in samples if failed(s)),
            "p50_ms": round(percentile(times, 0.50), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "p99_ms": round(percentile(times, 0.99), 1),
        }

    warmup = [s for samples in results.values() for s in samples if s.started < 0]
    results = {kind: [s for s in samples if s.started >= 0] for kind, samples in results.items()}
    everything = [s for samples in results.values() for s in samples]
    report: dict[str, Any] = {
        "engine": "postgresql" if args.database_url else "sqlite",
        "clients": args.clients,
        "seconds": round(wall, 1),
        "workers": args.workers,
        "think_ms": args.think_ms,
        "requests_per_second": round(len(everything) / wall, 1),
        "all": stats(everything),
        "warmup": {"seconds": args.warmup, **stats(warmup)},
        "by_kind": {kind: stats(samples) for kind, samples in sorted(results.items())},
        # Over time: a slow start (cold caches) or a disturbance shows in its window.
        "p99_ms_by_10s": [
            round(
                percentile([s.elapsed * 1000 for s in everything if w <= s.started < w + 10], 0.99)
            )
            for w in range(0, max(1, int(wall)), 10)
        ],
        "statuses": dict(sorted(Counter(s.status for s in everything).items())),
        "retried_on_stale_connection": sum(1 for s in everything if s.retried),
        **extra,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}",
    }
    if everything:
        report["server_cpu_ms_per_request"] = round(
            extra["server_cpu_seconds"] * 1000 / (len(everything) + len(warmup)), 1
        )
    if "at" in kill:
        at = kill["at"]
        in_flight = [s for s in everything if s.started <= at <= s.started + s.elapsed]
        after = [s for s in everything if s.started > at]
        report["kill"] = {
            **kill,
            "in_flight": len(in_flight),
            "failed_in_flight": sum(1 for s in in_flight if failed(s)),
            "failed_after": sum(1 for s in after if failed(s)),
            "requests_after": len(after),
            "retried_in_flight": sum(1 for s in in_flight if s.retried),
            "retried_after": sum(1 for s in after if s.retried),
        }
    elif kill:
        report["kill"] = kill
    return report


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
    shown = ("all", "by_kind", "engine", "clients", "seconds", "workers", "machine")
    for key, value in report.items():
        if key not in shown and key != "requests_per_second":
            print(f"  {key}: {value}")


if __name__ == "__main__":
    raise SystemExit(main())
