"""``coopdec bench publish``: how long a published record takes to be found by a search served
by another process, and what publishing does to search times (issue 21, item 4).

A real server (gunicorn, two workers, production settings) serves the catalogue's database;
this process publishes through ``CatalogueWriter`` — the path the moderation takes — and polls
``GET /api/v1/search`` until the record's unique word is found. Every search is served by a
worker other than the publishing process, which is the case of several workers or app servers
sharing one database: each worker reads the index generation before every search and applies
the change (``catalogue/search/memory.py``).

Figures: the visibility delay (from the start of the publish to the first search that finds
it) p50/p95/max; the search API p50/p95 on the query mix (``searches`` queries, after two
warming passes) quietly and while another process publishes ``rate`` records per second
(blocks of the mix in turn, see ``_alternating``), and their ratio. The machine's load
average is recorded with them.
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import statistics
import time
from typing import Any

from django.db import connection

from coopdec.bench.search import _free_port, _percentiles, _server, _wait_for, query_mix

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def unique_word(number: int) -> str:
    """A word no record contains (letters only, so the tokeniser keeps it whole)."""
    digits = ""
    while True:
        number, rest = divmod(number, 26)
        digits = LETTERS[rest] + digits
        if number == 0:
            break
    return f"publiqz{digits}"


def _publish(number: int, word: str) -> None:
    from coopdec.catalogue.writer import CatalogueWriter

    CatalogueWriter().save_partnership(
        f"bench-publish-{number}",
        {"title": f"Jumelage de mesure {word}", "relation_type": "jumelage", "status": "active"},
    )


def _visible_after(client: Any, word: str, started: float, timeout: float) -> float:
    while time.perf_counter() - started < timeout:
        answer = client.get("/api/v1/search", params={"q": f"{word} "})
        answer.raise_for_status()
        if answer.json()["total"] >= 1:
            return (time.perf_counter() - started) * 1000
        time.sleep(0.01)
    raise RuntimeError(f"« {word} » introuvable après {timeout} s")


def _searches(client: Any, mix: list[dict[str, str]]) -> list[float]:
    samples = []
    for params in mix:
        start = time.perf_counter()
        client.get("/api/v1/search", params=params).raise_for_status()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _publisher(first: int, rate: float, go: Any, stop: Any, done: Any) -> None:
    """Publish ``rate`` records per second while ``go`` is set, until ``stop`` is (in its
    own process)."""
    number = first
    try:
        while not stop.is_set():
            if not go.wait(0.05):
                continue
            started = time.perf_counter()
            _publish(number, unique_word(number))
            with done.get_lock():
                done.value += 1
            number += 1
            stop.wait(max(0.0, 1 / rate - (time.perf_counter() - started)))
    finally:
        connection.close()


BLOCK = 50  # searches per quiet or loaded block
STEADY_SECONDS = 1.2  # publishing before a loaded block: the workers are applying changes
SETTLE_SECONDS = 2.0  # after it: every worker has applied the last publication


def _alternating(
    client: Any, mix: list[dict[str, str]], rate: float, first: int
) -> tuple[list[float], list[float], float, int]:
    """Each block of the mix quietly, then again while publications go on, block after block.

    On a machine whose other load comes and goes, two phases one after the other met
    different conditions (docs/benchmarks.md); blocks in turn meet the same. A loaded block
    starts once publishing has gone on for ``STEADY_SECONDS`` and the next quiet one once the
    workers have caught up. Returns the quiet and loaded samples, the seconds spent loaded
    and the publications made in all."""
    context = multiprocessing.get_context("fork")
    go, stop, done = context.Event(), context.Event(), context.Value("i", 0)
    connection.close()  # the forked publisher opens its own connection
    publisher = context.Process(target=_publisher, args=(first, rate, go, stop, done))
    publisher.start()
    quiet: list[float] = []
    loaded: list[float] = []
    loaded_seconds = 0.0
    try:
        for start in range(0, len(mix), BLOCK):
            block = mix[start : start + BLOCK]
            quiet += _searches(client, block)
            go.set()
            time.sleep(STEADY_SECONDS)
            started = time.perf_counter()
            loaded += _searches(client, block)
            loaded_seconds += time.perf_counter() - started + STEADY_SECONDS
            go.clear()
            time.sleep(SETTLE_SECONDS)
    finally:
        stop.set()
        publisher.join(30)
    return quiet, loaded, loaded_seconds, done.value


def run(
    publishes: int = 30, rate: float = 5.0, workers: int = 2, searches: int = 300
) -> dict[str, Any]:
    """Initialise the database, start the server, measure; returns the ``--json`` figures.

    The loaded searches run while another process publishes (a forked one: a thread of this
    process would hold its interpreter lock while the client times the answers, and count
    the benchmark's own work as the server's), in blocks alternating with quiet ones."""
    import httpx

    from coopdec.catalogue.search import SearchQuery, search
    from coopdec.platform import initialise

    initialise()
    documents = search(SearchQuery()).total
    vendor = connection.vendor
    connection.close()  # the server's workers open their own connections
    port = _free_port()
    server = _server(port, workers=workers)
    mix = query_mix(searches)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            _wait_for("/api/v1/zones", client)
            for _ in range(2):  # warm every worker's index and term cache, as in a steady state
                _searches(client, mix)
            delays = []
            for number in range(publishes):
                word = unique_word(number)
                started = time.perf_counter()
                _publish(number, word)
                delays.append(_visible_after(client, word, started, timeout=30))
            quiet, loaded, loaded_seconds, published = _alternating(client, mix, rate, publishes)
    finally:
        server.terminate()
        server.wait(30)
    visible_p50, visible_p95 = _percentiles(delays)
    quiet_p50, quiet_p95 = _percentiles(quiet)
    loaded_p50, loaded_p95 = _percentiles(loaded)
    return {
        "backend": vendor,
        "documents": documents,
        "workers": workers,
        "publishes": publishes,
        "visible_p50_ms": visible_p50,
        "visible_p95_ms": visible_p95,
        "visible_max_ms": round(max(delays), 2),
        "visible_mean_ms": round(statistics.fmean(delays), 2),
        "target_visible_p95_ms": 2000,
        "searches": len(mix),
        "quiet_search_p50_ms": quiet_p50,
        "quiet_search_p95_ms": quiet_p95,
        "loaded_search_p50_ms": loaded_p50,
        "loaded_search_p95_ms": loaded_p95,
        "publish_rate_per_s": round(published / loaded_seconds, 2) if loaded_seconds else 0,
        "loaded_over_quiet_p95": round(loaded_p95 / quiet_p95, 2) if quiet_p95 else None,
        "target_loaded_over_quiet_p95": 1.5,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU, "
        f"Python {platform.python_version()}",
    }
