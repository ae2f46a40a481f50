"""The search benchmark behind ``coopdec bench search`` (and ``benchmarks/bench_search.py``).

On a database that ``setup_django`` already points to (a new one): load the reference data,
then ``size`` synthetic projects, index them, and time a fixed mix of 200 queries through
four paths in the same run: the search service (in process), the HTTP API (a real gunicorn
server on 127.0.0.1, one worker), the engine's own ranked query without facets (FTS5
``MATCH … ORDER BY rank LIMIT 20`` / PostgreSQL ``@@ … ORDER BY ts_rank LIMIT 20``), and
Datasette serving the same SQLite file through its JSON API with the same words, filters and
facets. Each path runs the mix once to warm up, then once measured.
"""

from __future__ import annotations

import json
import os
import random
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection

from coopdec.bench.datasette import datasette_params, prepare_datasette
from coopdec.catalogue.search import SearchQuery, rebuild_index, search, synthetic
from coopdec.catalogue.search.backends import get_backend
from coopdec.catalogue.search.text import parse_text

WORDS = (
    "eau", "potable", "assainissement", "énergie", "solaire", "santé", "formation",
    "écoles", "coopération", "jeunesse", "patrimoine", "déchets", "agricoles", "transports",
    "gouvernance", "décentralisation", "femmes", "forêts", "numérique", "tourisme", "marchés",
    "hôpitaux", "enseignants", "climat", "élevage", "urbanisme", "culture", "sport", "migrants",
)  # fmt: skip
FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("theme", ("eau_assainissement", "sante", "education_formation", "agriculture_alimentation",
               "energie_climat", "culture_patrimoine", "gouvernance_locale")),
    ("country", ("SN", "ML", "BF", "MG", "MA", "TN", "VN", "HT", "CM", "BJ")),
    ("zone", ("afrique_subsaharienne", "afrique_nord", "asie_oceanie", "europe")),
    ("status", ("active", "ended", "planned")),
    ("open", ("true",)),
    ("relation_type", ("jumelage", "cooperation", "convention_cadre", "projet")),
    ("authority_kind", ("commune", "epci", "departement", "region")),
    ("region", ("84", "53", "11", "75", "76", "93")),
    ("sdg", ("3", "4", "6", "11")),
    ("year_from", ("2000", "2010", "2018")),
)  # fmt: skip


def _unaccent(word: str) -> str:
    from coopdec.textnorm import fold

    return fold(word)


def query_mix(count: int = 200, seed: int = 7) -> list[dict[str, str]]:
    """1–3 French words (with and without accents, the last one sometimes cut short),
    0–3 filters, pages of 20 (mostly the first)."""
    rng = random.Random(seed)  # noqa: S311 (a benchmark mix, not secrets)
    mix = []
    for _ in range(count):
        words = rng.sample(WORDS, rng.choice((1, 1, 2, 2, 3)))
        words = [_unaccent(w) if rng.random() < 0.4 else w for w in words]
        if rng.random() < 0.3 and len(words[-1]) > 4:
            words[-1] = words[-1][: rng.randint(3, len(words[-1]) - 1)]  # type-ahead
        params = {"q": " ".join(words) + ("" if rng.random() < 0.5 else " ")}
        for name, values in rng.sample(FILTERS, rng.choice((0, 1, 1, 2, 3))):
            params[name] = rng.choice(values)
        params["page"] = "1" if rng.random() < 0.8 else str(rng.randint(2, 5))
        params["page_size"] = "20"
        mix.append(params)
    return mix


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return round(statistics.median(ordered), 2), round(p95, 2)


def _timed(run: Callable[[dict[str, str]], Any], mix: list[dict[str, str]]) -> list[float]:
    for params in mix:  # warm-up pass
        run(params)
    samples = []
    for params in mix:
        start = time.perf_counter()
        run(params)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _raw_terms(params: dict[str, str]) -> list[tuple[str, bool]]:
    return [(w.term if not w.prefix else w.word, w.prefix) for w in parse_text(params["q"])]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, client: Any, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if client.get(url, timeout=5).status_code < 500:
                return
        except Exception:  # noqa: S110 (not up yet)
            pass
        time.sleep(0.3)
    raise RuntimeError(f"serveur injoignable : {url}")


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _server(port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        COOPDEC_DEBUG="0", COOPDEC_SECURE_SSL_REDIRECT="0",
        COOPDEC_SECRET_KEY=secrets.token_urlsafe(50), COOPDEC_ALLOWED_HOSTS="127.0.0.1",
        COOPDEC_RATELIMIT_ENABLED="0",  # a benchmark is one address asking as fast as it can
    )  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "coopdec.wsgi:application",
               "--workers", str(workers), "--worker-class", "gthread", "--threads", "1",
               "--bind", f"127.0.0.1:{port}",
               "--timeout", "600", "--log-level", "warning"]  # fmt: skip
    return subprocess.Popen(command, env=env)  # noqa: S603 (our own command line)


def measure_api(mix: list[dict[str, str]]) -> dict[str, Any]:
    import httpx

    port = _free_port()
    server = _server(port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
            _wait_for("/api/v1/zones", client)
            samples = _timed(
                lambda p: client.get("/api/v1/search", params=p).raise_for_status(), mix
            )
            workers = _children(server.pid) or [server.pid]
            rss = max(_peak_rss_mb(pid) for pid in workers)
    finally:
        server.terminate()
        server.wait(30)
    p50, p95 = _percentiles(samples)
    return {"api_p50_ms": p50, "api_p95_ms": p95, "peak_rss_mb": rss}


def measure_datasette(mix: list[dict[str, str]], database: str) -> dict[str, Any]:
    import httpx

    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", database, "--port", str(port),
               "--host", "127.0.0.1", "--setting", "sql_time_limit_ms", "5000",
               "--setting", "facet_time_limit_ms", "5000",
               "--setting", "num_sql_threads", "1"]  # fmt: skip
    server = subprocess.Popen(  # noqa: S603 (our own command line)
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    name = Path(database).stem
    failures = {"errors": 0, "facets_timed_out": 0}

    def run(params: dict[str, str]) -> None:
        query: Any = datasette_params(params)
        response = client.get(f"/{name}/datasette_facets.json", params=query)
        if response.status_code != 200:
            failures["errors"] += 1
            return
        failures["facets_timed_out"] += len(response.json().get("facets_timed_out", []))

    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            _wait_for(f"/{name}.json", client)
            samples = _timed(run, mix)
    finally:
        server.terminate()
        server.wait(30)
    p50, p95 = _percentiles(samples)
    return {"datasette_p50_ms": p50, "datasette_p95_ms": p95,
            "datasette_errors": failures["errors"] // 2,
            "datasette_facets_timed_out": failures["facets_timed_out"] // 2}  # fmt: skip


def run(
    size: int,
    *,
    seed: int = 1,
    api: bool = True,
    datasette: bool = True,
    datasette_queries: int | None = None,
) -> dict[str, Any]:
    """Load, index and measure; returns the figures (the ``--json`` output).

    ``datasette_queries`` sends Datasette only the first queries of the mix (at a million
    projects it takes seconds per query); its ratio is then taken against the service's p95
    on the same queries.
    """
    from coopdec.platform import initialise

    started = time.perf_counter()
    initialise()
    init_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="coopdec-bench-") as folder:
        started = time.perf_counter()
        path = synthetic.generate(size, Path(folder) / "catalogue.marshal", seed=seed)
        generate_seconds = time.perf_counter() - started
        # The load: the generated catalogue into the tables, then the search index.
        started = time.perf_counter()
        synthetic.load_file(path)
        inserted = time.perf_counter()
        documents = rebuild_index()
        load_seconds = time.perf_counter() - started
        index_seconds = time.perf_counter() - inserted
    mix = query_mix()
    backend = get_backend()
    figures: dict[str, Any] = {
        "size": size, "backend": connection.vendor, "documents": documents,
        "load_seconds": round(load_seconds, 1), "index_seconds": round(index_seconds, 1),
        "generate_seconds": round(generate_seconds, 1), "init_seconds": round(init_seconds, 1),
    }  # fmt: skip
    started = time.perf_counter()
    search(SearchQuery())  # the first search loads this process's column store
    figures["store_load_seconds"] = round(time.perf_counter() - started, 2)
    service = _timed(lambda p: search(SearchQuery.from_params(p)), mix)
    figures["service_p50_ms"], figures["service_p95_ms"] = _percentiles(service)

    def raw(params: dict[str, str]) -> None:
        with connection.cursor() as cursor:
            backend.raw_search(cursor, _raw_terms(params), 20)

    figures["raw_p50_ms"], figures["raw_p95_ms"] = _percentiles(_timed(raw, mix))
    figures["service_over_raw_p95"] = round(figures["service_p95_ms"] / figures["raw_p95_ms"], 2)
    figures["bench_process_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    connection.close()  # the server and Datasette read the same database
    if api:
        figures.update(measure_api(mix))
        figures["api_added_p50_ms"] = round(figures["api_p50_ms"] - figures["service_p50_ms"], 2)
    if datasette and connection.vendor == "sqlite":
        prepare_datasette()
        connection.close()
        subset = mix[:datasette_queries] if datasette_queries else mix
        figures["datasette_queries"] = len(subset)
        figures.update(measure_datasette(subset, str(connection.settings_dict["NAME"])))
        same_queries = _percentiles(service[: len(subset)])[1]
        figures["datasette_over_service_p95"] = round(figures["datasette_p95_ms"] / same_queries, 2)
    else:
        figures["datasette_p95_ms"] = None  # Datasette serves SQLite files only
    return figures


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(run(int(sys.argv[1])), indent=2))
