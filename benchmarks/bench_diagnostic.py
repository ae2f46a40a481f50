"""Diagnostic page server time over 1,000 authorities of every kind (issue 17).

    python benchmarks/bench_diagnostic.py [--size 0|100000] [--authorities 1000] [--json]

A new data directory (SQLite), ``coopdec init`` (reference data, starter catalogue), then
``size`` synthetic projects (the search benchmark's generator; 0 = the starter catalogue only).
The sample: every région and département, every EPT, EPCI and communes drawn with a fixed seed
(overseas included), Paris, Marseille and Lyon always in. Then, in one process, production
settings (``DEBUG`` off):

- the catalogue snapshot is built once (its time is reported: a new process pays it once);
- **page**: ``GET /collectivites/<kind>/<code>/diagnostic/`` through Django's WSGI handler,
  full HTML, once per authority, each authority met for the first time (its funding answer may
  come from the cache of a neighbour of the same kind and territory, as in production);
- **service**: ``diagnose()`` alone, second pass over the same authorities;
- **reference**: the authority's existing page (``/collectivites/<kind>/<code>/``), same run.

Wall-clock times, and the page's CPU time (``page_cpu``: this process's own work, which a
machine shared with other jobs does not inflate; the load average is printed with them).

Target: page p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ALWAYS = [("commune", "75056"), ("commune", "13055"), ("commune", "69123")]


def _environment(folder: Path) -> None:
    for key in [k for k in os.environ if k.startswith("COOPDEC_")]:
        del os.environ[key]
    os.environ["COOPDEC_DATA_DIR"] = str(folder)
    os.environ["COOPDEC_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "coopdec.settings"


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return round(statistics.median(ordered), 2), round(p95, 2)


def _get(app: Any, path: str) -> int:
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "443", "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "https", "HTTP_X_FORWARDED_PROTO": "https",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
    }  # fmt: skip
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h: status.append(s)))
    if not status[0].startswith("200"):
        raise RuntimeError(f"{path}: {status[0]}")
    return len(body)


def sample(count: int, seed: int = 17) -> list[tuple[str, str]]:
    """Every région and département, every EPT, then EPCI and communes (a fifth EPCI)."""
    from coopdec.catalogue.models import FrenchAuthority

    rows = list(
        FrenchAuthority.objects.filter(code__isnull=False, official=True)
        .values_list("kind", "code")
        .order_by("kind", "code")
    )
    draw = random.Random(seed)
    chosen = list(ALWAYS)
    for kind in ("region", "collectivite_particuliere", "departement", "ept"):
        chosen += [r for r in rows if r[0] == kind]
    rest = max(0, count - len(chosen))
    epci = [r for r in rows if r[0] == "epci"]
    communes = [r for r in rows if r[0] == "commune" and r not in ALWAYS]
    chosen += draw.sample(epci, min(len(epci), rest // 5))
    chosen += draw.sample(communes, max(0, count - len(chosen)))
    return chosen[:count]


def measure(size: int, count: int, ready: bool = False) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler

    from coopdec.catalogue.models import FrenchAuthority
    from coopdec.catalogue.search import synthetic
    from coopdec.diagnostic import snapshot
    from coopdec.diagnostic.service import diagnose
    from coopdec.platform import initialise

    started = time.perf_counter()
    if not ready:
        initialise()
        if size:
            synthetic.load(size, seed=1)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    data = snapshot.current()
    snapshot_seconds = time.perf_counter() - started
    authorities = sample(count)
    app = WSGIHandler()
    # Warm-up on 30 other communes: templates, URL resolver, code paths.
    others = FrenchAuthority.objects.filter(kind="commune", code__isnull=False)
    for code in others.exclude(code__in=[c for _k, c in authorities]).values_list(
        "code", flat=True
    )[:30]:
        _get(app, f"/collectivites/commune/{code}/diagnostic/")
    load_at_start = [round(x, 1) for x in os.getloadavg()]
    samples: dict[str, list[float]] = {"page": [], "page_cpu": [], "service": [], "reference": []}
    by_kind: dict[str, list[float]] = {}
    cpu_by_kind: dict[str, list[float]] = {}
    sizes = []
    for kind, code in authorities:
        start, cpu = time.perf_counter(), time.process_time()
        sizes.append(_get(app, f"/collectivites/{kind}/{code}/diagnostic/"))
        elapsed = (time.perf_counter() - start) * 1000
        # CPU time of this process: the server's own work, without the time it waited for a
        # core on a machine shared with other jobs (the load average is reported with it).
        samples["page_cpu"].append((time.process_time() - cpu) * 1000)
        samples["page"].append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)
        cpu_by_kind.setdefault(kind, []).append(samples["page_cpu"][-1])
    for kind, code in authorities:
        start = time.perf_counter()
        diagnose(kind, code)
        samples["service"].append((time.perf_counter() - start) * 1000)
    for kind, code in authorities:
        start = time.perf_counter()
        _get(app, f"/collectivites/{kind}/{code}/")
        samples["reference"].append((time.perf_counter() - start) * 1000)
    figures: dict[str, Any] = {
        "size": size,
        "partnerships": data.partnerships,
        "projects": data.projects,
        "authorities": len(authorities),
        "load_seconds": round(load_seconds, 1),
        "snapshot_seconds": round(snapshot_seconds, 2),
        "page_html_median_kb": round(statistics.median(sizes) / 1024, 1),
    }
    for name, values in samples.items():
        figures[f"{name}_p50_ms"], figures[f"{name}_p95_ms"] = _percentiles(values)
    figures["page_over_reference_p95"] = round(
        figures["page_p95_ms"] / figures["reference_p95_ms"], 2
    )
    # (median, p95) per kind, wall clock and CPU.
    figures["page_ms_by_kind"] = {
        kind: _percentiles(values) for kind, values in sorted(by_kind.items())
    }
    figures["page_cpu_ms_by_kind"] = {
        kind: _percentiles(values) for kind, values in sorted(cpu_by_kind.items())
    }
    figures["count_by_kind"] = {kind: len(v) for kind, v in sorted(by_kind.items())}
    figures["page_max_ms"] = round(max(samples["page"]), 1)
    figures["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
    )
    # The machine is shared: the load average when the measures end (1, 5, 15 minutes).
    figures["load_average_start"] = load_at_start
    figures["load_average"] = [round(x, 1) for x in os.getloadavg()]
    return figures


def positive_count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=0, help="synthetic projects (0: none)")
    parser.add_argument("--authorities", type=positive_count, default=1000)
    parser.add_argument(
        "--data-dir", type=Path, help="a data directory already loaded (init and --size done)"
    )
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    if options.data_dir:
        _environment(options.data_dir)
        figures = measure(options.size, options.authorities, ready=True)
    else:
        with tempfile.TemporaryDirectory(prefix="coopdec-bench-diagnostic-") as folder:
            _environment(Path(folder))
            figures = measure(options.size, options.authorities)
    if options.json:
        print(json.dumps(figures, indent=2))
        return
    for key, value in figures.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
