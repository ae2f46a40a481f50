"""The guide reader and the workbook in Chromium: no WCAG 2.1 A/AA violation (axe) in French
and English, no CSP violation, and an exercise answered with the keyboard alone, then with
JavaScript off."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import Site, Watch, check_clean, needs_chromium, new_page
from tests.browser.test_accessibility import audit

pytestmark = [pytest.mark.browser, needs_chromium]

PATHS = [
    "/guide/",
    "/guide/cadre-juridique/",
    "/guide/appels-du-ministere/",
    "/guide/cycle-de-projet/",
    "/guide/recherche/?q=pr%C3%A9fet",
    "/guide/recherche/?q=zzzzzz",
    "/guide/references/",
    "/cahier/",
    "/cahier/ministere-eau-burkina/",
    "/cahier/taux-pma-2025/",
    "/cahier/imprimer/",
]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_violation_on_the_reader_and_the_workbook(
    browser: Any, site: Site, language: str
) -> None:
    watch = Watch()
    page = new_page(browser, site, watch)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    problems: dict[str, list[str]] = {}
    for path in PATHS:
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == language
        found = audit(page)
        if found:
            problems[path] = found
    # an answered exercise shows its result and explanation: audited too
    page.goto(site.url + "/cahier/charte-karabakh/")
    page.locator("label", has_text="Non" if language == "fr" else "No").first.click()
    page.locator("form button[type=submit]").click()
    page.locator("#resultat").wait_for()
    found = audit(page)
    if found:
        problems["/cahier/charte-karabakh/ (answered)"] = found
    check_clean(page, watch)
    page.context.close()
    assert problems == {}


def test_an_exercise_answered_with_the_keyboard_alone(page: Any, site: Site) -> None:
    page.goto(site.url + "/cahier/ministere-eau-burkina/")
    page.locator("#choix-1").focus()  # first radio of the group
    page.keyboard.press("ArrowDown")  # yes -> caution
    page.keyboard.press("ArrowDown")  # caution -> no
    assert page.locator("#choix-3").is_checked()
    page.keyboard.press("Enter")  # submits the form
    page.locator("#resultat").wait_for()
    assert page.locator("#resultat").get_attribute("data-correct") == "true"
    assert "l1115_5.foreign_state" in page.locator("#resultat").inner_text()
    page.goto(site.url + "/cahier/")
    assert "1 bonne(s) réponse(s) sur 1" in page.locator("[data-score]").inner_text()


def test_the_workbook_and_the_reader_work_without_javascript(browser: Any, site: Site) -> None:
    watch = Watch()
    page = new_page(browser, site, watch, java_script_enabled=False)
    page.goto(site.url + "/guide/recherche/?q=jumelage")
    assert page.locator("#guide-results li").count() > 0
    page.goto(site.url + "/cahier/plafond-eau-depasse/")
    page.locator("label[for='choix-3']").click()
    page.locator("form button[type=submit]").click()
    assert page.locator("#resultat").get_attribute("data-correct") == "true"
    page.context.close()


def test_the_print_style_hides_the_site_chrome(page: Any, site: Site) -> None:
    page.goto(site.url + "/guide/un-pour-cent/")
    page.emulate_media(media="print")
    assert not page.locator("header.fr-header").is_visible()
    assert not page.locator(".coopdec-guide-pager").is_visible()
    assert page.locator("article h1").is_visible()
