"""Capture what the CLI and the API answer for every project-file example and test fixture.

Run it with the interpreter of one tree, once before and once after a refactoring, then
compare the two captures (``--compare A B``): the outputs must be byte-identical (documents
are compared by their text, since DOCX and PDF files carry build timestamps).

    /work/main/.venv/bin/python scripts/capture_project_outputs.py --out /tmp/before.json
    .venv/bin/python scripts/capture_project_outputs.py --out /tmp/after.json
    .venv/bin/python scripts/capture_project_outputs.py --compare /tmp/before.json /tmp/after.json

Runs in process (Typer's runner for the CLI, Django's test client for the API): no server,
no database writes (the project endpoints and commands need none).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATES = ("2024-06-01", "2025-03-01")
DOCUMENT_DATE = "2026-03-12"
KINDS = ("convention", "deliberation", "lettre-intention", "candidature")


def _inputs() -> list[tuple[str, str, str]]:
    """(name, suffix, text) of every example and fixture project file."""
    import yaml

    found: list[tuple[str, str, str]] = []
    for path in sorted((REPO / "src/coopdec/assistant/examples").glob("*.*")):
        found.append((f"examples/{path.name}", path.suffix, path.read_text("utf-8")))
    # The documents' fixture project (a Python dict in the test's conftest).
    sys.path.insert(0, str(REPO))
    from tests.documents.conftest import PROJECT

    found.append(("tests/documents/PROJECT", ".yaml", yaml.safe_dump(PROJECT, allow_unicode=True)))
    for path in sorted((REPO / "tests/assistant/cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        base = data.get("base") or {}
        for index, case in enumerate(data["cases"]):
            situation = {"coopdec_project": 1, **base, **(case.get("situation") or {})}
            text = yaml.safe_dump(situation, allow_unicode=True, sort_keys=False)
            found.append((f"cases/{path.stem}[{index}]", ".yaml", text))
    return found


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.footer.paragraphs]
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _text(fmt: str, data: bytes) -> str:
    return _docx_text(data) if fmt == "docx" else _pdf_text(data)


def capture() -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coopdec.settings")
    os.environ["COLUMNS"] = "200"
    import django
    import yaml

    django.setup()
    from django.test import Client
    from typer.testing import CliRunner

    from coopdec.cli.app import app

    runner = CliRunner()
    client = Client()
    results: dict[str, Any] = {}
    work = Path(tempfile.mkdtemp(prefix="coopdec-capture-"))
    for name, suffix, text in _inputs():
        path = work / (name.replace("/", "_") + suffix)
        path.write_text(text, "utf-8")
        data = yaml.safe_load(text)
        body = json.dumps(data, default=str, ensure_ascii=False)
        documents = name.startswith(("examples/", "tests/"))
        for on in DATES:
            for command in ("check", "funding"):
                run = runner.invoke(app, [command, str(path), "--date", on, "--json"])
                results[f"cli {command} {name} {on}"] = [run.exit_code, run.stdout]
                api = client.post(
                    f"/api/v1/{command}?date={on}",
                    body,
                    content_type="application/json",
                    secure=True,
                )
                results[f"api {command} {name} {on}"] = [api.status_code, api.content.decode()]
        if not documents:
            continue
        for kind in KINDS:
            for fmt in ("docx", "pdf"):
                out = work / f"out.{fmt}"
                out.unlink(missing_ok=True)
                run = runner.invoke(
                    app, ["document", kind, str(path), "-o", str(out), "--date", DOCUMENT_DATE]
                )
                produced = _text(fmt, out.read_bytes()) if out.exists() else None
                # The byte count in the message depends on timestamps inside the file.
                results[f"cli document {kind} {fmt} {name}"] = [run.exit_code, produced]
                api = client.post(
                    f"/api/v1/documents/{kind}?format={fmt}&date={DOCUMENT_DATE}",
                    body,
                    content_type="application/json",
                    secure=True,
                )
                content = (
                    _text(fmt, api.content) if api.status_code == 200 else api.content.decode()
                )
                results[f"api document {kind} {fmt} {name}"] = [api.status_code, content]
    return results


def compare(before: Path, after: Path) -> int:
    a = json.loads(before.read_text("utf-8"))
    b = json.loads(after.read_text("utf-8"))
    different = sorted(key for key in a.keys() | b.keys() if a.get(key) != b.get(key))
    for key in different:
        print(f"DIFFERENT: {key}")
        print(f"  before: {str(a.get(key))[:400]}\n  after:  {str(b.get(key))[:400]}")
    print(f"{len(a)} outputs before, {len(b)} after, {len(different)} different")
    return 1 if different else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", type=Path, nargs=2)
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        parser.error("--out or --compare")
    started = dt.datetime.now()
    results = capture()
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    print(f"{len(results)} outputs in {dt.datetime.now() - started}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
