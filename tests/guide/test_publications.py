"""PDF, EPUB and synthesis built once from the pages, then checked: every section present,
every internal link resolves, version and date printed, the synthesis on four pages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader
from typer.testing import CliRunner

from coopdec.cli.app import app
from coopdec.guide import publications
from coopdec.guide.content import LANGUAGES, load_guide

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


@cache
def built(fmt: str, lang: str) -> publications.Edition:
    return publications.build_cached(fmt, lang)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_has_every_page_and_section_with_version_and_date(lang: str) -> None:
    edition = built("pdf", lang)
    assert edition.content.startswith(b"%PDF")
    text = _text(edition.content)
    guide = load_guide(lang)
    for page in guide.pages:
        assert " ".join(page.title.split()) in text, page.id
        for section in page.sections:
            assert section.title.replace("’", "'")[:40] in text.replace("’", "'"), section.title
    assert edition.version in text and guide.reviewed.isoformat() in text
    assert "l1115_5.foreign_state" in text  # the rules appendix
    reader = PdfReader(io.BytesIO(edition.content))
    assert len(reader.pages) > 10


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_synthesis_is_four_pages_with_every_part(lang: str) -> None:
    edition = built("synthesis", lang)
    reader = PdfReader(io.BytesIO(edition.content))
    assert len(reader.pages) == 4
    text = _text(edition.content)
    guide = load_guide(lang)
    for title in guide.parts.values():
        assert title in text
    for page in guide.pages:
        assert " ".join(page.title.split()) in text
    assert edition.version in text and guide.reviewed.isoformat() in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_epub_is_structurally_valid(lang: str) -> None:
    edition = built("epub", lang)
    archive = zipfile.ZipFile(io.BytesIO(edition.content))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == b"application/epub+zip"
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    opf_path = container.find(".//{*}rootfile").get("full-path")
    opf = etree.fromstring(archive.read(opf_path))
    base = opf_path.rsplit("/", 1)[0] + "/"
    ns = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
    assert opf.get("version") == "3.0"
    assert opf.findtext(".//dc:language", namespaces=ns) == lang
    assert load_guide(lang).reviewed.isoformat() in opf.findtext(".//dc:date", namespaces=ns)
    assert edition.version in opf.findtext(".//dc:description", namespaces=ns)
    items = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:item", ns)}
    assert any(i.get("properties") == "nav" for i in opf.iterfind(".//opf:item", ns))
    ids_by_file: dict[str, set[str]] = {}
    for href in items.values():
        data = archive.read(base + href)  # every manifest item exists
        if href.endswith(".xhtml"):
            tree = etree.fromstring(data)  # well-formed XML
            ids_by_file[href] = set(tree.xpath("//@id"))
    for ref in opf.iterfind(".//opf:itemref", ns):
        assert ref.get("idref") in items
    for href in items.values():
        if not href.endswith(".xhtml"):
            continue
        tree = etree.fromstring(archive.read(base + href))
        for link in tree.xpath("//*[local-name()='a']/@href"):
            if link.startswith("http"):
                continue
            target, _, fragment = link.partition("#")
            target = target or href
            assert target in ids_by_file, (href, link)
            if fragment:
                assert fragment in ids_by_file[target], (href, link)
    for page in load_guide(lang).pages:
        assert f"{page.id}.xhtml" in ids_by_file


@pytest.mark.skipif(
    not (EPUBCHECK.exists() and shutil.which("java")), reason="epubcheck is not installed"
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_epub_passes_epubcheck(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "guide.epub"
    path.write_bytes(built("epub", lang).content)
    done = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_cli_writes_the_same_publication(tmp_path: Path) -> None:
    out = tmp_path / "synthese.pdf"
    result = CliRunner().invoke(app, ["guide", "build", "--format", "synthesis", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == built("synthesis", "fr").content
    bad = CliRunner().invoke(app, ["guide", "build", "--format", "docx", "-o", str(out)])
    assert bad.exit_code == 2


def test_the_site_serves_the_publications(client: object) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    answer = client.get("/guide/telecharger/epub/")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/epub+zip"
    assert answer.content == built("epub", "fr").content
    assert client.get("/guide/telecharger/docx/").status_code == 404
