"""The bilingual convention through its three doors, one service: the workspace page (a
choice next to the convention's downloads), the API (``bilingual=true``) and the CLI
(``--bilingual``) give the same file, holding the French and the English clauses."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.test import Client
from docx import Document
from pypdf import PdfReader

from coopdec import projectfile_service as services
from tests.projectfile_service.test_three_interfaces import EXAMPLE, cli, project

ON = "2025-03-01"
STEM = "acces-a-l-eau-potable-dans-les-secteurs-periurbains-de-convention-fr-en"
BOTH = ("Règlement des litiges", "Settlement of disputes", "Article 10 – Language")


def text_of(content: bytes, fmt: str) -> str:
    if fmt == "pdf":
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    document = Document(io.BytesIO(content))
    return " ".join(p.text for p in document.paragraphs)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_bilingual_convention_is_the_same_from_page_api_and_cli(
    client: Client, tmp_path: Path, fmt: str
) -> None:
    service = services.document(
        "convention",
        services.parse(project()),
        fmt,
        dt.date.fromisoformat(ON),
        bilingual=True,
    )
    assert service.filename == f"{STEM}.{fmt}"
    out = tmp_path / f"convention.{fmt}"
    result = cli(
        "document", "convention", str(EXAMPLE), "-o", str(out), "--date", ON, "--bilingual"
    )
    assert result.returncode == 0, result.stderr
    api = client.post(
        f"/api/v1/documents/convention?format={fmt}&date={ON}&bilingual=true",
        project(),
        content_type="application/json",
    )
    assert api.status_code == 200, api.content
    assert api["Content-Disposition"] == f'attachment; filename="{STEM}.{fmt}"'
    client.post("/projet/exemple/")
    page = client.get("/projet/documents/").content.decode()
    link = f"/projet/documents/convention.{fmt}?bilingual=1"
    assert f'href="{link}"' in page
    web = client.get(f"/projet/documents/convention.{fmt}?date={ON}&bilingual=1")
    assert web.status_code == 200
    for content in (out.read_bytes(), api.content, web.content):
        text = " ".join(text_of(content, fmt).split())
        assert all(words in text for words in BOTH), text[:500]
    if fmt == "pdf":  # the PDF is reproducible: the three doors give the same bytes
        assert out.read_bytes() == api.content == web.content == service.content


@pytest.mark.django_db
def test_only_the_convention_has_a_bilingual_choice(client: Client) -> None:
    client.post("/projet/exemple/")
    page = client.get("/projet/documents/").content.decode()
    assert "bilingual=1" in page
    assert "deliberation.pdf?bilingual=1" not in page
    refused = client.post(
        "/api/v1/documents/deliberation?format=pdf&bilingual=true",
        project(),
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "convention" in refused.json()["detail"]
