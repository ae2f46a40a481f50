"""The CLI, the API and the service give the same verdicts for the same project and date."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.test import Client
from docx import Document
from pypdf import PdfReader

from coopdec import projectfile_service as services

EXAMPLES = services.EXAMPLE_FILE.parent
EXAMPLE = EXAMPLES / "carmaux-koudougou-eau.yaml"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopdec", *args], capture_output=True, text=True, check=False
    )


def project() -> dict[str, object]:
    return dict(yaml.safe_load(EXAMPLE.read_text("utf-8")))


@pytest.mark.parametrize("on", ["2024-06-01", "2025-03-01"])
def test_check_is_the_same_through_cli_api_and_service(client: Client, on: str) -> None:
    from_cli = cli("check", str(EXAMPLE), "--date", on, "--json")
    assert from_cli.returncode == 0, from_cli.stderr
    cli_report = json.loads(from_cli.stdout)
    api = client.post(f"/api/v1/check?date={on}", project(), content_type="application/json")
    assert api.status_code == 200, api.content
    import datetime as dt

    service_report = services.check(services.parse(project()), dt.date.fromisoformat(on)).to_json()
    assert cli_report == api.json() == service_report
    assert cli_report["date"] == on
    assert sum(cli_report["summary"].values()) == len(cli_report["verdicts"]) >= 15
    for verdict in cli_report["verdicts"]:
        assert verdict["sources"], verdict["rule"]
        assert verdict["confidence"] in {"high", "medium", "low"}


def test_funding_is_the_same_through_cli_and_api(client: Client) -> None:
    from_cli = cli("funding", str(EXAMPLE), "--date", "2025-03-01", "--json")
    assert from_cli.returncode == 0, from_cli.stderr
    api = client.post("/api/v1/funding?date=2025-03-01", project(), content_type="application/json")
    assert json.loads(from_cli.stdout) == api.json()
    programs = api.json()["programs"]
    assert len(programs) == 54
    assert programs[0]["eligible"] is True
    assert {"id", "name", "funder", "eligible", "reasons", "max_rate"} <= set(programs[0])
    # The example's partner is in Burkina Faso: a dated, sourced warning on every programme.
    assert all(any("6 août 2023" in w for w in p["warnings"]) for p in programs)


def test_invalid_project_file_exits_2_naming_each_field(tmp_path: Path, client: Client) -> None:
    data = project()
    data["financing"] = [{"source": "own_cash", "amount": "beaucoup"}]
    data["partners"] = [{"name": "X", "country": "XX", "kind": "local_authority"}]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = cli("check", str(bad))
    assert result.returncode == 2
    assert "financing[0].amount" in result.stderr
    assert "partners[0].country" in result.stderr
    assert "Traceback" not in result.stderr
    api = client.post("/api/v1/check", data, content_type="application/json")
    assert api.status_code == 422
    paths = {e["path"] for e in api.json()["errors"]}
    assert {"financing[0].amount", "partners[0].country"} <= paths


def test_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("coopdec_project: 1\ntitle: [unclosed\n", "utf-8")
    result = cli("check", str(bad))
    assert result.returncode == 2
    assert "broken.yaml" in result.stderr


def test_api_rejects_a_non_object_body(client: Client) -> None:
    response = client.post("/api/v1/check", "[1, 2]", content_type="application/json")
    assert response.status_code in {400, 422}
    assert "detail" in response.json()


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_documents_through_cli_and_api(tmp_path: Path, client: Client, fmt: str) -> None:
    out = tmp_path / f"convention.{fmt}"
    result = cli("document", "convention", str(EXAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    api = client.post(
        f"/api/v1/documents/convention?format={fmt}", project(), content_type="application/json"
    )
    assert api.status_code == 200
    for content in (out.read_bytes(), api.content):
        if fmt == "pdf":
            text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        else:
            text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
        assert "L1115-1" in text
        assert "Koudougou" in text


def test_document_errors(client: Client) -> None:
    data = project()
    del data["budget"]
    missing = client.post(
        "/api/v1/documents/convention?format=pdf", data, content_type="application/json"
    )
    assert missing.status_code == 422
    assert "budget.total" in {e["path"] for e in missing.json()["errors"]}
    unknown = client.post("/api/v1/documents/poeme", project(), content_type="application/json")
    assert unknown.status_code == 400
    wrong = client.post(
        "/api/v1/documents/convention?format=odt", project(), content_type="application/json"
    )
    assert wrong.status_code == 400
