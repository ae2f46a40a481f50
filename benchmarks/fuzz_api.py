"""The longer API fuzz run (issue 19, item 1): schemathesis against a production server.

    python benchmarks/fuzz_api.py [--examples 300] [--seed 0] [--database-url URL] [--json]

``make test`` fuzzes every operation with 25 examples, in process
(``tests/api/test_openapi_contract.py``). This run goes further: ``coopdec serve``
(gunicorn, DEBUG off, rate limits off) on a fresh data directory initialised by
``coopdec init`` (or the PostgreSQL database of ``--database-url``), the document read from
its ``/api/v1/openapi.json``, then ``--examples`` generated requests per operation (valid and
invalid data), sent over HTTP and checked as the contract test checks them: no server error,
a declared status code, a body matching the declared schema, the declared content type
(every check but "a request valid for the schema is accepted", for the reason given in the
contract test). Every example is checked even after a failure (no shrinking), so the counts
are of requests. The report: examples, operations, server errors, schema violations (any
other failed check), and the first failures of each operation.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.bench_load import free_port, server_env


def start_server(data_dir: Path, database_url: str | None) -> tuple[subprocess.Popen[bytes], str]:
    env = server_env(data_dir, database_url)
    coopdec = [sys.executable, "-m", "coopdec"]
    subprocess.run([*coopdec, "init"], env=env, check=True, capture_output=True)
    port = free_port()
    log = (data_dir / "fuzz-server.log").open("w")
    server = subprocess.Popen(
        [*coopdec, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    import urllib.request

    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):  # noqa: S310 (loopback)
                return server, url
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise SystemExit(f"the server did not start: see {log.name}") from None
            time.sleep(0.3)


def fuzz(url: str, examples: int, seed: int) -> dict[str, Any]:
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.core.failures import FailureGroup, ServerError
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    schema = schemathesis.openapi.from_url(url + "/api/v1/openapi.json")
    counts: Counter[str] = Counter()
    statuses: Counter[int] = Counter()
    failures: dict[str, list[str]] = {}
    operations = 0

    def check_operation(operation: Any) -> None:
        name = f"{operation.method.upper()} {operation.path}"

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            derandomize=False,
        )
        def run(case: Any) -> None:
            counts["examples"] += 1
            try:
                response = case.call(base_url=url, timeout=60)
            except Exception as error:  # a refused connection is a server failure too
                counts["server_errors"] += 1
                failures.setdefault(name, []).append(f"connection: {error!r}"[:300])
                return
            statuses[response.status_code // 100 * 100] += 1
            try:
                case.validate_response(response, excluded_checks=[positive_data_acceptance])
            except FailureGroup as group:
                for failure in group.exceptions:
                    kind = "server_errors" if isinstance(failure, ServerError) else "violations"
                    counts[kind] += 1
                    seen = failures.setdefault(name, [])
                    if len(seen) < 3:
                        seen.append(f"{type(failure).__name__}: {failure.title}"[:300])

        run._hypothesis_internal_use_seed = seed  # type: ignore[attr-defined]
        run()

    for result in schema.get_all_operations():
        operations += 1
        check_operation(result.ok())
    return {
        "operations": operations,
        "examples": counts["examples"],
        "examples_per_operation_max": examples,
        "server_errors": counts["server_errors"],
        "schema_violations": counts["violations"],
        "statuses": {f"{k // 100}xx": v for k, v in sorted(statuses.items())},
        "failures": failures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--database-url")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="coopdec-fuzz-"))
    server, url = start_server(data_dir, args.database_url)
    started = time.perf_counter()
    try:
        report = fuzz(url, args.examples, args.seed)
    finally:
        server.terminate()
        server.wait(timeout=30)
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["engine"] = "postgresql" if args.database_url else "sqlite"
    log = (data_dir / "fuzz-server.log").read_text(errors="replace")
    report["server_log_tracebacks"] = log.count("Traceback")
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for key, value in report.items():
            print(f"{key:28} {value}")
    return 1 if report["server_errors"] or report["schema_violations"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
