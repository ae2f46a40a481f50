"""One request cannot make the server work for minutes: caps, body limit, nesting, deadline.

Issue 20: a 5,000-item body ran for an hour; a deeply nested file gave HTTP 500 and a
traceback. Each interface now answers with the project file's one error shape.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from coopdec import documents
from coopdec import projectfile_service as services

pytestmark = pytest.mark.django_db

EXAMPLE = services.EXAMPLE_FILE


def _example() -> dict[str, object]:
    return json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text("utf-8")), default=str))


def _post(client: Client, url: str, body: str) -> tuple[int, dict[str, object]]:
    response = client.post(url, body, content_type="application/json")
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


URLS = ["/api/v1/check", "/api/v1/funding", "/api/v1/documents/candidature?format=docx"]


@pytest.mark.parametrize("url", URLS)
def test_a_5000_line_list_under_the_body_limit_is_a_field_error(client: Client, url: str) -> None:
    project = {**_example(), "sdg_targets": ["6.1"] * 5000}
    body = json.dumps(project)
    assert len(body) < services.MAX_UPLOAD_BYTES
    status, answer = _post(client, url, body)
    assert status == 422
    assert answer == {
        "detail": "fichier de projet invalide",
        "errors": [{"path": "sdg_targets", "message": "5000 éléments : 30 au plus"}],
    }


@pytest.mark.parametrize("url", URLS)
def test_a_body_past_the_limit_is_a_json_413(client: Client, url: str) -> None:
    lines = [{"source": "own_cash", "amount": 1000, "name": "Apport"}] * 5000
    body = json.dumps({**_example(), "financing": lines})
    assert len(body) > services.MAX_UPLOAD_BYTES
    status, answer = _post(client, url, body)
    assert status == 413
    assert answer["errors"] == []
    assert f"{len(body.encode())} octets (100 Kio au plus)" in str(answer["detail"])


@pytest.mark.parametrize("url", URLS)
def test_deep_nesting_is_a_json_400(client: Client, url: str) -> None:
    body = '{"coopdec_project": 1, "title": ' + "[" * 5000 + "]" * 5000 + "}"
    status, answer = _post(client, url, body)
    assert status == 400
    assert answer == {
        "detail": "fichier de projet invalide",
        "errors": [
            {"path": "", "message": "structure trop profondément imbriquée (20 niveaux au plus)"}
        ],
    }


def test_the_cli_exits_2_with_a_clear_message_on_deep_nesting(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("coopdec_project: 1\ntitle: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    for command in (["check"], ["funding"], ["document", "convention"]):
        extra = ["-o", str(tmp_path / "out.pdf")] if command[0] == "document" else []
        run = subprocess.run(
            [sys.executable, "-m", "coopdec", *command, str(deep), *extra],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 2, run.stderr
        assert "imbriquée (20 niveaux au plus)" in run.stderr
        assert "Traceback" not in run.stderr


def test_the_web_import_answers_400_on_deep_nesting(client: Client) -> None:
    client.post("/projet/exemple/")
    before = client.get("/projet/fichier.yaml").content
    content = ("coopdec_project: 1\ntitle: " + "[" * 5000 + "]" * 5000 + "\n").encode()
    response = client.post("/projet/importer/", {"file": SimpleUploadedFile("deep.yaml", content)})
    assert response.status_code == 400
    assert "imbriquée (20 niveaux au plus)" in response.content.decode()
    assert client.get("/projet/fichier.yaml").content == before


def test_a_document_past_its_deadline_is_refused(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = services.parse(_example())
    with pytest.raises(documents.DeadlineExceeded):
        documents.render("deliberation", project, "docx", today=services.today(), timeout=0.0)
    assert documents.render("deliberation", project, "docx", today=services.today())
    monkeypatch.setattr(services, "DOCUMENT_DEADLINE", 0.0)
    status, answer = _post(
        client, "/api/v1/documents/deliberation?format=docx", json.dumps(_example())
    )
    assert status == 503
    assert answer == {
        "detail": "Le document a dépassé le temps de production autorisé.",
        "errors": [],
    }


def test_a_workspace_page_parses_the_file_once(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.post("/projet/exemple/")
    calls = []
    real = services.parse_project

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "parse_project", counting)
    assert client.get("/projet/financement/?date=2025-03-01").status_code == 200
    assert len(calls) == 1
    calls.clear()
    assert client.get("/projet/documents/?date=2025-03-01").status_code == 200
    assert len(calls) == 1
