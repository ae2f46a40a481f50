"""DOCX (and PDF) rendering time of a deliberation with many financing lines.

    python benchmarks/bench_documents.py [--lines 200] [--runs 15] [--format docx] [--profile]

The shipped example project (Carmaux – Koudougou) with its financing plan repeated up to
``--lines`` lines, against the same project with 5 lines as the reference, rendered in the
same process, alternately. The project is built past the model's cap of 30 lines on purpose
(the parser would refuse it): this measures the renderer, which must stay linear whatever
the caps are. Issue 20: 200 lines took 54 s as DOCX; the target is well under a second.
``--profile`` prints the 15 most expensive functions of one large rendering (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import datetime as dt
import json
import platform
import pstats
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from coopdec.documents import build_context, render_docx, render_pdf  # noqa: E402
from coopdec.projectfile import ProjectFile, load_project_file  # noqa: E402
from coopdec.projectfile.model import Budget, FinancingLine  # noqa: E402

EXAMPLE = SRC / "coopdec" / "assistant" / "examples" / "carmaux-koudougou-eau.yaml"
TODAY = dt.date(2026, 3, 12)
KIND = "deliberation"


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def project_with(lines: int) -> ProjectFile:
    """The example with ``lines`` own-cash lines of 1 000 €, the budget matching them."""
    base = load_project_file(EXAMPLE)
    financing = tuple(
        FinancingLine(source="own_cash", amount=Decimal(1000), name=f"Apport {i + 1}")
        for i in range(lines)
    )
    budget = dataclasses.replace(base.budget or Budget(), total=Decimal(1000 * lines))
    return dataclasses.replace(base, financing=financing, budget=budget)


def render(project: ProjectFile, fmt: str) -> bytes:
    context = build_context(project, today=TODAY)
    return (render_docx if fmt == "docx" else render_pdf)(KIND, context)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=positive, default=200)
    parser.add_argument("--reference-lines", type=positive, default=5)
    parser.add_argument("--runs", type=positive, default=15)
    parser.add_argument("--format", choices=("docx", "pdf"), default="docx")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    large, small = project_with(args.lines), project_with(args.reference_lines)
    render(small, args.format)  # warm up: fonts, reference data, templates
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(render, large, args.format)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)
    times: dict[str, list[float]] = {"large": [], "reference": []}
    for _run in range(args.runs):
        for name, project in (("large", large), ("reference", small)):
            started = time.perf_counter()
            render(project, args.format)
            times[name].append(time.perf_counter() - started)
    result = {
        "format": args.format,
        "kind": KIND,
        "lines": args.lines,
        "reference_lines": args.reference_lines,
        "runs": args.runs,
        "median_s": round(statistics.median(times["large"]), 4),
        "p95_s": round(p95(times["large"]), 4),
        "reference_median_s": round(statistics.median(times["reference"]), 4),
        "reference_p95_s": round(p95(times["reference"]), 4),
        "machine": f"{platform.machine()} {platform.processor() or ''}, Python "
        f"{platform.python_version()}".replace("  ", " "),
    }
    result["ratio_median"] = round(result["median_s"] / result["reference_median_s"], 2)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>20} : {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
