"""Record, then compare, the diagnostic's three outputs for a sample of authorities.

    python -m benchmarks.diagnostic_outputs --data-dir DIR --out before.json [--authorities 120]
    python -m benchmarks.diagnostic_outputs --data-dir DIR --out after.json --compare before.json

For each authority of ``bench_diagnostic.sample`` (every région, département and EPT first,
then EPCI and communes drawn with a fixed seed; Paris, Marseille and Lyon always), with no
priority and with two: ``coopdec diagnostic KIND CODE --json`` (the CLI, in this process), the
API's JSON (``GET /api/v1/french-authorities/{kind}/{code}/diagnostic``) and the page's HTML
(``/collectivites/{kind}/{code}/diagnostic/``), in French and in English, through Django's
WSGI handler. A change meant to make the diagnostic faster must leave every one of them
byte-identical: ``--compare`` names the first difference of each output that differs and
exits 1. The diagnostic is judged on one fixed date so that two runs compare.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.bench_diagnostic import _environment, sample

ON = "2026-03-02"
PRIORITIES = ("eau", "jeunesse")


def _get(app: Any, path: str, query: str = "", language: str = "fr") -> bytes:
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "443", "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "https", "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_COOKIE": f"django_language={language}",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
    }  # fmt: skip
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h: status.append(s)))
    return status[0].encode() + b"\n" + body


def record(count: int) -> dict[str, str]:
    """Key -> output text, for every authority of the sample and every output."""
    import logging

    import django

    django.setup()
    # The request log's handler would write to the CLI runner's closed streams.
    logging.disable(logging.WARNING)
    from django.core.handlers.wsgi import WSGIHandler
    from typer.testing import CliRunner

    from coopdec.cli.app import app as cli

    app, runner, found = WSGIHandler(), CliRunner(), {}
    for kind, code in sample(count):
        for chosen in ((), PRIORITIES):
            key = f"{kind}/{code}" + "".join(f"+{p}" for p in chosen)
            options = [f"--priority={p}" for p in chosen]
            run = runner.invoke(cli, ["diagnostic", kind, code, "--json", "--date", ON, *options])
            found[f"cli {key}"] = f"{run.exit_code}\n{run.stdout}"
            query = "&".join([f"date={ON}", *(f"priority={p}" for p in chosen)])
            api = f"/api/v1/french-authorities/{kind}/{code}/diagnostic"
            found[f"api {key}"] = _get(app, api, query).decode()
            for language in ("fr", "en"):
                page = f"/collectivites/{kind}/{code}/diagnostic/"
                query = "&".join(f"priority={p}" for p in chosen)
                found[f"page-{language} {key}"] = _get(app, page, query, language).decode()
    return found


def compare(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """One line per output that differs or is missing on one side."""
    problems = [f"{k}: only before" for k in before if k not in after]
    problems += [f"{k}: only after" for k in after if k not in before]
    for key in before.keys() & after.keys():
        old, new = before[key], after[key]
        if old != new:
            at = next(
                (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                min(len(old), len(new)),
            )
            problems.append(f"{key}: differs at {at}: {old[at - 40 : at + 40]!r} / "
                            f"{new[at - 40 : at + 40]!r}")  # fmt: skip
    return sorted(problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--authorities", type=int, default=120)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--compare", type=Path, help="an earlier --out to compare with")
    options = parser.parse_args()
    _environment(options.data_dir)
    found = record(options.authorities)
    options.out.write_text(json.dumps(found, ensure_ascii=False, sort_keys=True))
    print(f"{len(found)} outputs recorded in {options.out}")
    if options.compare:
        problems = compare(json.loads(options.compare.read_text()), found)
        for line in problems:
            print(line)
        print(f"{len(found) - len(problems)} identical, {len(problems)} different")
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
