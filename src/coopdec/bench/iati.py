"""``coopdec bench iati``: import a large generated IATI file into a fresh SQLite database.

The file is generated from the shipped examples — the project files of
``coopdec/assistant/examples`` exported as IATI activities — and, when the folder is there,
the real IATI files of ``../shared/data/iati/samples`` (ACF Spain, FCDO, the IATI reference
example). Each activity gets its own identifier, title and recipient countries, taken in turn
from a list of ODA recipients, so that no two activities are equal.

Measured in the same run, on the same file: a bare lxml ``iterparse`` pass (the reference:
elements filtered on ``iati-activity`` and freed as they come, nothing else), then the import
by ``import_iati`` in a child process started on a fresh database (a copy of a database
initialised once by ``coopdec init``), timed around the call only. Peak RSS adds the peak of
the importing process and that of its reader process (pages shared after start-up are
counted twice, so the figure errs on the high side).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coopdec.bench import iati_data as bench_data

REPO_SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "iati" / "samples"


def bare_parse(path: Path) -> tuple[int, float, float]:
    """Activities, seconds and CPU seconds of a bare lxml iterparse pass over ``path``."""
    from lxml import etree

    started, cpu = time.perf_counter(), time.process_time()
    count = 0
    for _event, element in etree.iterparse(str(path), events=("end",), tag="iati-activity"):
        count += 1
        element.clear(keep_tail=False)
        parent = element.getparent()
        while element.getprevious() is not None:
            del parent[0]
    return count, time.perf_counter() - started, time.process_time() - cpu


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(  # noqa: S603 (this interpreter, this package)
        [sys.executable, "-m", "coopdec.bench.iati", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"coopdec bench: {' '.join(args)}: {done.stderr.strip()[-2000:]}")
    return done.stdout


def _environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COOPDEC_")}
    env["COOPDEC_DATA_DIR"] = str(data_dir)
    return env


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(
    activities: int,
    runs: int = 1,
    samples: Path | None = REPO_SAMPLES,
    with_index: bool = False,
) -> dict[str, Any]:
    """Generate, parse bare, import ``runs`` times; the figures as a JSON-ready dict."""
    work = Path(tempfile.mkdtemp(prefix="coopdec-bench-iati-"))
    try:
        template = work / "template"
        template.mkdir()
        subprocess.run(
            [sys.executable, "-m", "coopdec", "init"],
            env=_environment(template),
            check=True,
            capture_output=True,
        )
        examples = work / "examples.xml"
        _run(["examples", str(examples)], _environment(template))
        path = work / "activities.xml"
        found = samples if samples and samples.is_dir() else None
        mix = bench_data.generate(path, activities, examples, found)
        raw, imports, index, rss, child_rss, counts = [], [], [], [], [], {}
        raw_cpu, importer_cpu, reader_cpu, load, after_index = [], [], [], [], []
        load_before = []
        for number in range(runs):
            # Other work on the machine, before this run adds its own processes.
            load_before.append(os.getloadavg()[0])
            count, seconds, cpu = bare_parse(path)
            raw.append(seconds)
            raw_cpu.append(cpu)
            data_dir = work / f"run{number}"
            shutil.copytree(template, data_dir)
            command = ["child", str(path), *(["--with-index"] if with_index else [])]
            result = json.loads(_run(command, _environment(data_dir)))
            imports.append(result["seconds"])
            index.append(result["index_seconds"])
            importer_cpu.append(result["cpu_seconds"])
            reader_cpu.append(result["reader_cpu_seconds"])
            load.append(result["load_average"])
            after_index.append(result["peak_rss_after_index_kb"] / 1024)
            rss.append(result["peak_rss_kb"] / 1024)
            child_rss.append(result["child_peak_rss_kb"] / 1024)
            counts = {"read": result["read"], "created": result["created"], "parsed": count}
            shutil.rmtree(data_dir)
        size = path.stat().st_size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    import_s, raw_s = statistics.median(imports), statistics.median(raw)
    reader_s, raw_cpu_s = statistics.median(reader_cpu), statistics.median(raw_cpu)
    busiest = max(reader_s, statistics.median(importer_cpu))
    return {
        "activities": activities,
        "import_seconds": round(import_s, 2),
        "import_p95_seconds": round(_p95(imports), 2),
        "activities_per_second": round(activities / import_s),
        "raw_parse_seconds": round(raw_s, 2),
        "raw_parse_p95_seconds": round(_p95(raw), 2),
        "import_over_raw_parse": round(import_s / raw_s, 2),
        "index_seconds": round(statistics.median(index), 2) if with_index else None,
        # CPU seconds say what the run would take on two idle cores (other work shares them).
        "raw_parse_cpu_seconds": round(raw_cpu_s, 2),
        "importer_cpu_seconds": round(statistics.median(importer_cpu), 2),
        "reader_cpu_seconds": round(reader_s, 2),
        # On two idle cores the import takes at least the CPU time of its busier process
        # (reader or importer): what the wall-clock figures would be without other work.
        "activities_per_busiest_cpu_second": round(activities / busiest),
        "busiest_cpu_over_raw_parse_cpu": round(busiest / raw_cpu_s, 2),
        "load_average_1min_before": round(max(load_before), 2),
        "load_average_1min": round(max(load), 2),
        "peak_rss_mb": round(max(r + c for r, c in zip(rss, child_rss, strict=True))),
        "importer_peak_rss_mb": round(max(rss)),
        "reader_peak_rss_mb": round(max(child_rss)),
        "importer_peak_rss_after_index_mb": round(max(after_index)),
        "file_mb": round(size / 1024 / 1024),
        "mix": mix,
        "counts": counts,
        "runs": runs,
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
    }


def _child(path: Path, with_index: bool) -> None:
    """In a fresh data directory: import ``path`` and print the import's figures.

    Without ``with_index``, the receivers of ``catalogue_changing`` and ``catalogue_changed``
    (the search index's journal and indexing) are disconnected: the targets are about the
    import; the index is measured on request."""
    from coopdec.bootstrap import setup_django

    setup_django(creates_database=True)
    from coopdec.catalogue.changes import catalogue_changed, catalogue_changing
    from coopdec.catalogue.imports.iati.importer import import_iati

    if not with_index:
        catalogue_changed.receivers = []
        catalogue_changing.receivers = []

    summary = import_iati(path, use_child=True)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    if summary.status != "imported":
        raise SystemExit(f"import refused: {summary.to_json()}")
    print(
        json.dumps(
            {
                "seconds": summary.seconds,
                "index_seconds": summary.index_seconds,
                "cpu_seconds": summary.cpu_seconds,
                "reader_cpu_seconds": children.ru_utime + children.ru_stime,
                "load_average": os.getloadavg()[0],
                "peak_rss_after_index_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "read": summary.read,
                "created": summary.created,
                "peak_rss_kb": summary.peak_rss_kb,
                "child_peak_rss_kb": summary.child_peak_rss_kb,
            }
        )
    )


def lines(result: dict[str, Any]) -> Iterator[str]:
    for key, value in result.items():
        yield f"{key:28} {value}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench_iati", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    for name in ("child", "examples"):
        command = sub.add_parser(name)
        command.add_argument("path", type=Path)
        command.add_argument("--with-index", action="store_true")
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--samples", type=Path, default=REPO_SAMPLES)
    parser.add_argument("--with-index", action="store_true", help="time the search index too")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args(argv)
    if options.command == "child":
        _child(options.path, options.with_index)
        return
    if options.command == "examples":
        from coopdec.bootstrap import setup_django

        setup_django(creates_database=True)
        bench_data.write_examples(options.path)
        return
    result = run(options.activities, options.runs, options.samples, options.with_index)
    print(json.dumps(result) if options.json else "\n".join(lines(result)))


if __name__ == "__main__":
    main()
