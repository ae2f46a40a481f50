"""The project workspace in a browser: fill a step, see the verdicts change in place, pick a
date, let the financing line show its own fields, download a document and the project file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.conftest import Site, needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


def verdict(page: Any, rule: str) -> Any:
    return page.locator(f'#verdicts li[data-rule="{rule}"]')


def test_fill_check_and_download(page: Any, site: Site, tmp_path: Path) -> None:
    page.goto(site.url + "/projet/")
    page.wait_for_url(site.url + "/projet/identification/")
    assert verdict(page, "l1115_1.partner").get_attribute("data-status") == "unknown"

    # Find the lead authority in the directory and take it.
    page.fill("#authority-q", "Carmaux")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Cheffe de file : Carmaux").first.click()
    page.wait_for_url(site.url + "/projet/identification/")
    assert "Carmaux" in page.locator("#workspace").inner_text()

    # Saving a step updates the form and the panel in place (htmx), without a reload.
    page.evaluate("window.__sameDocument = true")
    page.fill("#id_title", "Eau potable à Koudougou")
    page.fill("#id_partners-0-name", "Commune de Koudougou")
    page.select_option("#id_partners-0-country", "BF")
    page.select_option("#id_partners-0-kind", "local_authority")
    page.get_by_role("button", name="Enregistrer et vérifier").click()
    expect_status = page.locator("#workspace-status")
    expect_status.get_by_text("Étape « Identification » enregistrée").wait_for()
    assert verdict(page, "l1115_1.partner").get_attribute("data-status") == "ok"
    assert page.evaluate("window.__sameDocument") is True

    # A wrong value is refused where it was typed, and said in the status region.
    page.goto(site.url + "/projet/financement/")
    page.evaluate("window.__sameDocument = true")
    page.fill("#id_budget_total", "cent mille")
    page.get_by_role("button", name="Enregistrer et vérifier").click()
    page.locator("#id_budget_total-errors").get_by_text("Montant en euros attendu").wait_for()
    assert "Rien n'est enregistré" in expect_status.inner_text()
    assert page.get_attribute("#id_budget_total", "aria-invalid") == "true"

    # A financing line shows the field its source needs, and only that one.
    row = page.locator("[data-item]").first
    assert row.locator('[data-field="service"]').is_hidden()
    page.select_option("#id_financing-0-source", "one_percent")
    assert row.locator('[data-field="service"]').is_visible()
    assert row.locator('[data-field="program"]').is_hidden()
    page.fill("#id_budget_total", "100000")
    page.fill("#id_financing-0-amount", "12 000")
    page.select_option("#id_financing-0-service", "eau_assainissement")
    page.get_by_role("button", name="Enregistrer et vérifier").click()
    expect_status.get_by_text("Étape « Financement » enregistrée").wait_for()
    assert page.evaluate("window.__sameDocument") is True

    # The date of the law: the panel and the address follow it.
    page.fill("#panel-date", "2025-03-01")
    page.get_by_role("button", name="Vérifier à cette date").click()
    page.wait_for_url(re.compile(r"date=2025-03-01"))
    page.get_by_role("heading", name="Vérifications au 1 mars 2025").wait_for()

    # The example project has every field the documents need.
    page.get_by_role("button", name="Charger un projet d'exemple").click()
    page.get_by_role("link", name="Documents et fichier de projet").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF — Convention de partenariat").click()
    pdf = tmp_path / "convention.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter en YAML").click()
    exported = tmp_path / "projet.yaml"
    download.value.save_as(exported)
    project = yaml.safe_load(exported.read_text("utf-8"))
    assert project["lead_authority"]["code"] == "81060"
    assert len(project["financing"]) == 5


def test_the_workspace_pages_pass_axe(page: Any, site: Site) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.goto(site.url + "/projet/identification/")
    page.get_by_role("button", name="Charger un projet d'exemple").click()
    for path in ("identification/?q=Carmaux", "diagnostic/", "financement/", "documents/"):
        page.goto(f"{site.url}/projet/{path}")
        results = axe.run(page, context="#contenu")
        assert results.violations_count == 0, (path, results.generate_report())
