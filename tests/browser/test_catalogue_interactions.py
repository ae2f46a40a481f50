"""The catalogue in a browser: type-ahead, facets updating without a reload, the back button,
pagination, the map, the language switch, downloads, no JavaScript, page weight."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Site, Watch, needs_chromium, new_page
from tests.web.catalogue_data import FILLERS

pytestmark = [pytest.mark.browser, needs_chromium]


def count(page: Any) -> int:
    return int(page.locator("#resultats").inner_text().split()[0])


def mark_document(page: Any) -> None:
    """Set a flag a full page load would wipe out."""
    page.evaluate("window.__sameDocument = true")


def same_document(page: Any) -> bool:
    return bool(page.evaluate("window.__sameDocument === true"))


def test_typeahead_proposes_filters_reachable_with_the_keyboard(page: Any, site: Site) -> None:
    page.goto(site.url + "/catalogue/")
    page.locator("#q").press_sequentially("burk", delay=40)
    suggestion = page.locator("#suggestions a", has_text="Burkina Faso")
    suggestion.wait_for()
    page.locator("#q").press("ArrowDown")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Burkina Faso" in focused or page.locator("#suggestions a").count() > 1
    page.locator("#suggestions a", has_text="Burkina Faso").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"country=BF"))
    expect(page.locator("#f-country-BF")).to_be_checked()


def test_typing_updates_the_results_and_the_url(page: Any, site: Site) -> None:
    page.goto(site.url + "/catalogue/")
    everything = count(page)
    mark_document(page)
    page.locator("#q").press_sequentially("Podor", delay=30)
    page.wait_for_url(re.compile(r"q=Podor"))
    expect(page.locator(".coopdec-cards")).to_contain_text("Belfort – Podor")
    assert same_document(page)
    assert count(page) < everything


def test_facets_update_in_place_and_the_back_button_returns(page: Any, site: Site) -> None:
    page.goto(site.url + "/catalogue/?country=BF")
    before = count(page)
    mark_document(page)
    page.locator("label[for='f-theme-eau_assainissement']").click()
    page.wait_for_url(re.compile(r"theme=eau_assainissement"))
    assert same_document(page)
    filtered = count(page)
    assert 0 < filtered < before
    # The facet counts followed: the checked theme is still offered, checked.
    expect(page.locator("#f-theme-eau_assainissement")).to_be_checked()
    page.go_back()
    page.wait_for_url(site.url + "/catalogue/?country=BF")
    expect(page.locator("#resultats")).to_have_text(re.compile(rf"^{before} fiches"))
    expect(page.locator("#f-theme-eau_assainissement")).not_to_be_checked()
    page.go_forward()
    page.wait_for_url(re.compile(r"theme=eau_assainissement"))
    expect(page.locator("#resultats")).to_have_text(re.compile(rf"^{filtered} fiches?"))


def test_pagination_without_reload_moves_focus_to_the_results(page: Any, site: Site) -> None:
    page.goto(site.url + "/catalogue/?country=DE")
    assert count(page) >= FILLERS
    first = page.locator(".coopdec-cards .fr-card__title a").all_inner_texts()
    mark_document(page)
    page.locator(".fr-pagination a[rel='next']").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert same_document(page)
    expect(page.locator("#resultats")).to_be_focused()
    second = page.locator(".coopdec-cards .fr-card__title a").all_inner_texts()
    assert second and not set(first) & set(second)


def test_clicking_a_country_on_the_map_filters(page: Any, site: Site) -> None:
    page.goto(site.url + "/catalogue/?departement=90")
    page.locator("#carte svg a[href*='country=BF'] path").click()
    page.wait_for_url(re.compile(r"departement=90.*country=BF|country=BF.*departement=90"))
    expect(page.locator("#f-country-BF")).to_be_checked()
    assert page.locator("#carte svg path.coopdec-map__selected").count() == 1


def test_language_switch_to_english_and_back(page: Any, site: Site) -> None:
    page.goto(site.url + "/catalogue/?country=BF")
    page.locator(".coopdec-lang a[hreflang='en']").first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith("/catalogue/?country=BF")
    assert page.locator("h1").inner_text() == "Catalogue of partnerships and projects"
    assert "Water and sanitation" in page.locator(".coopdec-facets").inner_text()
    page.locator(".coopdec-lang a[hreflang='fr']").first.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.url.endswith("/catalogue/?country=BF")


def test_downloads_are_the_current_result_set(page: Any, site: Site, tmp_path: Path) -> None:
    page.goto(site.url + "/catalogue/?country=DE")
    total = count(page)
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Télécharger (CSV)").click()
    path = tmp_path / "selection.csv"
    csv_download.value.save_as(path)
    rows = list(csv.DictReader(path.read_text("utf-8-sig").splitlines(), delimiter=";"))
    assert len(rows) == total and {r["pays (ISO)"] for r in rows} >= {"DE"}
    with page.expect_download() as json_download:
        page.get_by_role("link", name="Télécharger (JSON)").click()
    json_path = tmp_path / "selection.json"
    json_download.value.save_as(json_path)
    assert json.loads(json_path.read_text("utf-8"))["total"] == total


def test_works_without_javascript(browser: Any, site: Site) -> None:
    watch = Watch()
    page = new_page(browser, site, watch, java_script_enabled=False)
    page.goto(site.url + "/catalogue/")
    page.select_option("#ajout-departement", "90")
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url(site.url + "/catalogue/?departement=90")
    assert count(page) >= 4
    page.locator(".fr-pagination a[rel='next']").count()  # a link, when there is a next page
    page.context.close()
    assert watch.outside == []


def test_page_weight_without_fonts(page: Any, site: Site) -> None:
    """What the browser transfers for the catalogue page, fonts left out: at most 500 KB."""
    responses: list[Any] = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(site.url + "/catalogue/")
    page.wait_for_load_state("networkidle")
    total = 0
    for request in responses:
        if request.resource_type == "font" or request.url.endswith((".woff", ".woff2")):
            continue
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    assert total <= 500_000, f"{total} bytes"


def test_keyboard_reaches_content_filters_results_and_map_table(page: Any, site: Site) -> None:
    page.goto(site.url + "/catalogue/?country=BF")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Contenu"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#contenu"))
    seen: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return (e.id || '') + '|' + (e.getAttribute('href') || ''); })()"
            )
        )
    assert "q|" in seen  # the search box
    assert "f-country-BF|" in seen  # a facet
    assert any(s.startswith("|/partenariats/") for s in seen)  # a result
    # The map's own links stay out of the tab order; its table offers them.
    page.locator("#carte details").evaluate("details => { details.open = true; }")
    table_link = page.locator("#carte table a").first
    table_link.focus()
    assert page.evaluate("document.activeElement.closest('table') !== null")
    assert (
        page.locator("#carte svg a[tabindex='-1']").count() == page.locator("#carte svg a").count()
    )


_EXAMPLE = """
import sys, django
django.setup()
from coopdec.catalogue.writer import CatalogueWriter
if sys.argv[1] == "flag":
    CatalogueWriter().set_example("T-PROJ-BEL-BF", "Des comités de l'eau qui durent", "modérateur")
else:
    CatalogueWriter().clear_example("T-PROJ-BEL-BF")
"""


def _example(site: Site, action: str) -> None:
    """Flag (or unflag) the site's project as an example, from another process, as a
    moderator's form does: the server's index follows by itself."""
    import subprocess
    import sys

    from tests.browser.conftest import REPO

    subprocess.run([sys.executable, "-c", _EXAMPLE, action], env=site.env, cwd=REPO,
                   check=True, capture_output=True, timeout=120)  # fmt: skip


def test_the_examples_facet_filters_in_place(page: Any, site: Site) -> None:
    _example(site, "flag")
    try:
        page.goto(site.url + "/catalogue/?country=BF")
        for _ in range(20):  # the server applies the other process's change within ~2 s
            if page.locator("label[for='f-example-true']").count():
                break
            page.wait_for_timeout(300)
            page.reload()
        facet = page.locator("label[for='f-example-true']")
        expect(facet).to_contain_text("Exemple de bonne pratique")
        before = page.locator("#resultats").inner_text()
        mark_document(page)
        facet.click()
        page.wait_for_url(re.compile(r"example=true"))
        assert same_document(page)
        expect(page.locator("#resultats")).to_have_text(re.compile(r"^1 fiche"))
        expect(page.locator(".fr-card .fr-badge--new")).to_have_text("Exemple de bonne pratique")
        expect(page.locator("#f-example-true")).to_be_checked()
        page.go_back()
        page.wait_for_url(site.url + "/catalogue/?country=BF")
        # The address changes first; htmx then restores the page from its history
        # snapshot, so wait for the restored results before reading the box.
        expect(page.locator("#resultats")).to_have_text(before)
        expect(page.locator("#f-example-true")).not_to_be_checked()
    finally:
        _example(site, "clear")
