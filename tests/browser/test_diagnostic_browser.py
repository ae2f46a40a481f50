"""The diagnostic pages in Chromium: axe finds no WCAG 2.1 A/AA violation in French and in
English, the strict Content-Security-Policy holds, and the priorities flow works without
JavaScript from /pourquoi-agir/ to an authority's diagnostic and its note."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Site, Watch, check_clean, needs_chromium, new_page
from tests.browser.test_accessibility import audit

pytestmark = [pytest.mark.browser, needs_chromium]

PAGES = [
    "/collectivites/commune/90010/diagnostic/?priority=eau",  # Belfort, known actions
    "/collectivites/commune/01001/diagnostic/",  # no known action
    "/collectivites/region/04/diagnostic/",  # La Réunion (overseas région)
    "/collectivites/ept/200057990/diagnostic/",
    "/collectivites/epci/242900314/diagnostic/",  # Brest Métropole
    "/collectivites/departement/29/diagnostic/",
    "/collectivites/collectivite_particuliere/94/diagnostic/",  # Collectivité de Corse
    "/pourquoi-agir/",
    "/pourquoi-agir/?priority=eau&priority=jeunesse&zone=afrique_subsaharienne&q=belfort",
]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_violation_on_the_diagnostic_pages(browser: Any, site: Site, language: str) -> None:
    watch = Watch()
    page = new_page(browser, site, watch)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    problems: dict[str, list[str]] = {}
    for path in PAGES:
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == language
        found = audit(page)
        if found:
            problems[path] = found
    check_clean(page, watch)
    page.context.close()
    assert problems == {}


def test_priorities_to_diagnostic_to_note_without_javascript(browser: Any, site: Site) -> None:
    watch = Watch()
    page = new_page(browser, site, watch, java_script_enabled=False)
    page.goto(site.url + "/pourquoi-agir/")
    page.locator("label[for='priorite-eau']").click()
    page.get_by_role("button", name="Voir ce que ces priorités apportent").click()
    page.wait_for_url(lambda url: "priority=eau" in url)
    assert page.locator("#etape-2").is_visible()
    assert page.get_by_role("cell", name="6.1", exact=True).is_visible()
    page.locator("#q").fill("Belfort")
    page.get_by_role("button", name="Chercher").click()
    page.get_by_role("link", name="Belfort", exact=True).click()
    page.wait_for_url(lambda url: "/collectivites/commune/90010/diagnostic/" in url)
    assert page.locator("h1").inner_text().startswith("Belfort")
    assert page.locator("#priorite-eau").is_checked()
    with page.expect_download() as download:
        page.get_by_role("link", name="Note d'opportunité (PDF)").click()
    path = download.value.path()
    assert path is not None
    assert Path(path).read_bytes()[:4] == b"%PDF"
    assert watch.errors == [] and watch.outside == []
    page.context.close()
