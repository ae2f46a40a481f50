"""The project assistant in English, in Chromium (issue 15): the verdicts, the rules' titles
and the programmes' reasons read in English, a change of date updates them in English, the
bilingual convention downloads from the documents page; no console error, and axe finds no
violation on the English workspace pages."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.browser.conftest import Site, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


def english_example(page: Any, site: Site) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": site.url}])
    page.goto(site.url + "/projet/identification/")
    page.get_by_role("button", name="Load an example project").click()
    page.wait_for_load_state("networkidle")


def test_verdicts_read_in_english_and_stay_english_after_an_update(page: Any, site: Site) -> None:
    english_example(page, site)
    verdicts = page.locator("#verdicts")
    text = verdicts.inner_text()
    assert "Annual declaration of ODA" in text
    assert "Previous year's ODA declared" in text
    assert "Déclaration annuelle de l'APD" not in text
    # Another date of the law: the panel is redrawn in place, still in English.
    page.fill("#panel-date", "2025-03-01")
    page.get_by_role("button", name="Check on this date").click()
    page.wait_for_url(re.compile(r"date=2025-03-01"))
    assert "Previous year's ODA declared (2025 campaign" in page.locator("#verdicts").inner_text()
    page.goto(site.url + "/projet/financement/")
    panel = page.locator("main").inner_text()
    assert "Adour-Garonne Water Agency" in panel or "Water Agency" in panel
    assert "Période :" not in panel and "Pays :" not in panel


def test_the_bilingual_convention_downloads_from_the_documents_page(
    page: Any, site: Site, tmp_path: Path
) -> None:
    english_example(page, site)
    page.goto(site.url + "/projet/documents/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Bilingual DOCX (editable)").click()
    assert download.value.suggested_filename.endswith("-convention-fr-en.docx")
    saved = tmp_path / "convention.docx"
    download.value.save_as(saved)
    text = " ".join(p.text for p in Document(io.BytesIO(saved.read_bytes())).paragraphs)
    assert "Règlement des litiges" in text and "Settlement of disputes" in text


def test_the_english_workspace_pages_pass_axe(page: Any, site: Site) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    english_example(page, site)
    for path in ("identification/", "financement/", "documents/"):
        page.goto(f"{site.url}/projet/{path}")
        assert page.locator("html").get_attribute("lang") == "en"
        results = axe.run(page, context="#contenu")
        assert results.violations_count == 0, (path, results.generate_report())
