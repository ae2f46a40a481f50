"""Documents, export and import of the project file from the workspace."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from docx import Document
from pypdf import PdfReader

from coopdec import projectfile_service as services
from coopdec.assistant import ProjectFileError

from .helpers import example, exported

pytestmark = pytest.mark.django_db

KINDS = ("convention", "deliberation", "lettre-intention", "candidature")


def test_an_empty_project_lists_what_each_document_needs(client: Client) -> None:
    html = client.get("/projet/documents/").content.decode()
    for label in ("Convention de partenariat", "Projet de délibération", "Lettre d&#x27;intention"):
        assert label in html
    assert '<a href="/projet/identification/">Partenaires étrangers</a>' in html
    assert '<a href="/projet/financement/">Coût total du projet</a>' in html
    response = client.get("/projet/documents/convention.pdf", follow=True)
    assert response.redirect_chain == [("/projet/documents/", 302)]
    assert "ne peut pas être produit" in response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_each_document_downloads_and_opens(client: Client, kind: str) -> None:
    client.post("/projet/exemple/")
    pdf = client.get(f"/projet/documents/{kind}.pdf?date=2025-03-01")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    stem = "acces-a-l-eau-potable-dans-les-secteurs-periurbains-de"
    assert pdf["Content-Disposition"] == f'attachment; filename="{stem}-{kind}.pdf"'
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Koudougou" in text and "Carmaux" in text
    docx = client.get(f"/projet/documents/{kind}.docx?date=2025-03-01")
    assert docx.status_code == 200
    body = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    tables = "\n".join(
        cell.text
        for table in Document(io.BytesIO(docx.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Koudougou" in body + tables
    assert "100\u202f000,00\u00a0€" in body + tables  # the project's budget


def test_documents_are_the_services_documents(client: Client) -> None:
    """Same bytes as the service (and so as the CLI and the API) for the same date."""
    import datetime as dt

    client.post("/projet/exemple/")
    on = dt.date(2025, 3, 1)
    page = client.get("/projet/documents/candidature.docx?date=2025-03-01").content
    api = client.post(
        "/api/v1/documents/candidature?format=docx&date=2025-03-01",
        exported(client),
        content_type="application/json",
    ).content
    direct = services.document("candidature", services.parse(exported(client)), "docx", on).content

    def paragraphs(content: bytes) -> list[str]:
        return [p.text for p in Document(io.BytesIO(content)).paragraphs]

    assert paragraphs(page) == paragraphs(api) == paragraphs(direct)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_then_import_gives_the_same_project(client: Client, fmt: str) -> None:
    client.post("/projet/exemple/")
    response = client.get(f"/projet/fichier.{fmt}")
    stem = "acces-a-l-eau-potable-dans-les-secteurs-periurbains-de"
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.{fmt}"'
    content = response.content
    loaded = yaml.safe_load(content) if fmt == "yaml" else json.loads(content)
    assert loaded == services.normalise(example())
    other = Client()
    upload = SimpleUploadedFile(f"projet.{fmt}", content)
    response = other.post("/projet/importer/", {"file": upload})
    assert response.status_code == 302
    assert other.get(f"/projet/fichier.{fmt}").content == content


def _upload(client: Client, name: str, content: bytes) -> str:
    response = client.post("/projet/importer/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fichier refusé : le projet n'a pas changé" in html
    return html


BAD_FILES = [
    ("invalid-yaml.yaml", b"title: [unclosed\nthemes: x\n", "YAML invalide, ligne 2, colonne"),
    ("invalid.json", b'{"coopdec_project": 1,}', "JSON invalide, ligne 1, colonne 23"),
    ("latin1.yaml", "title: Coopération\n".encode("latin-1"), "le fichier n&#x27;est pas en UTF-8"),
    ("projet.txt", b"coopdec_project: 1\n", "extension non prise en charge"),
    ("list.yaml", b"- 1\n- 2\n", "le fichier doit contenir un objet"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES)
def test_a_bad_file_is_refused_with_a_precise_message(
    client: Client, name: str, content: bytes, message: str
) -> None:
    client.post("/projet/exemple/")
    before = client.get("/projet/fichier.yaml").content
    html = _upload(client, name, content)
    assert message in html
    assert client.get("/projet/fichier.yaml").content == before


def test_wrong_fields_are_each_named_by_their_path(client: Client) -> None:
    client.post("/projet/exemple/")
    before = client.get("/projet/fichier.yaml").content
    project = example()
    project["financing"][2]["amount"] = "douze"
    project["partners"][0]["country"] = "XX"
    project["budget"]["colour"] = "bleu"
    html = _upload(client, "projet.yaml", yaml.safe_dump(project, allow_unicode=True).encode())
    assert (
        '<li data-path="financing[2].amount">Montant — ligne de financement 3\u00a0: un montant'
        in (html)
    )
    assert "Pays — partenaire 1\u00a0: code pays ISO 3166 alpha-2 inconnu : XX" in html
    assert "budget.colour\u00a0: clé inconnue" in html  # no label: the key as the file has it
    assert client.get("/projet/fichier.yaml").content == before


def test_an_oversized_file_is_refused_before_reading(client: Client) -> None:
    client.post("/projet/exemple/")
    before = client.get("/projet/fichier.yaml").content
    content = b"coopdec_project: 1\n" + b"# padding\n" * 20_000
    assert len(content) > services.MAX_UPLOAD_BYTES
    html = _upload(client, "big.yaml", content)
    assert "fichier trop volumineux : plus de 102400 octets (100 Kio au plus)" in html
    assert "Ce champ est obligatoire" not in html  # one message, the right one
    assert client.get("/projet/fichier.yaml").content == before
    with pytest.raises(ProjectFileError, match=rf"{len(content)} octets \(100 Kio au plus\)"):
        services.read_project_upload(content, "big.yaml")


def test_the_import_keeps_its_csrf_check(client: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    upload = SimpleUploadedFile("projet.yaml", b"coopdec_project: 1\ntitle: Intrus\n")
    assert strict.post("/projet/importer/", {"file": upload}).status_code == 403


def test_no_file_at_all_is_a_form_error(client: Client) -> None:
    response = client.post("/projet/importer/", {})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()


def test_unknown_document_or_format_is_not_found(client: Client) -> None:
    assert client.get("/projet/documents/testament.pdf").status_code == 404
    assert client.get("/projet/documents/convention.odt").status_code == 404
    assert client.get("/projet/fichier.xml").status_code == 404
