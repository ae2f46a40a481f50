"""Issue 4's "done when": from the home page, every partnership of a département in a country
in a few clicks, a link to share, the selection on the map, and the right contact."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import Site, Watch, check_clean, needs_chromium, new_page
from tests.web.catalogue_data import JOURNEY, PARTNERSHIPS

pytestmark = [pytest.mark.browser, needs_chromium]

JOURNEY_TITLES = {title for key, title, *_ in PARTNERSHIPS if key in JOURNEY}


def card_titles(page: Any) -> set[str]:
    return set(page.locator(".coopdec-cards .fr-card__title a").all_inner_texts())


def test_departement_in_a_country_shared_mapped_and_contacted(
    page: Any, site: Site, browser: Any
) -> None:
    page.goto(site.url + "/")
    menu = page.get_by_role("navigation", name="Menu principal")
    menu.get_by_role("link", name="3. Catalogue").click()
    page.wait_for_url(site.url + "/catalogue/")
    page.evaluate("window.__sameDocument = true")

    # Two choices, no full reload: the département, then the country.
    page.select_option("#ajout-departement", "90")
    page.wait_for_url(re.compile(r"departement=90"))
    page.select_option("#ajout-country", "BF")
    page.wait_for_url(re.compile(r"country=BF.*departement=90|departement=90.*country=BF"))
    assert page.evaluate("window.__sameDocument") is True
    assert card_titles(page) >= JOURNEY_TITLES
    # Whatever else `coopdec init` loaded, every result is of the département and the country:
    # the download of the selection agrees with the page.
    total = int(page.locator("#resultats").inner_text().split()[0])
    assert total == page.locator(".coopdec-cards > li").count()

    # The link is the state: another browser, without JavaScript, sees the same results.
    shared = page.url
    other = new_page(browser, site, Watch(), java_script_enabled=False)
    other.goto(shared)
    assert card_titles(other) == card_titles(page)
    other.context.close()

    # On the map, Burkina Faso is the selected country.
    burkina = page.locator("#carte svg path.coopdec-map__selected")
    assert burkina.count() == 1
    assert "Burkina Faso" in (burkina.locator("title").text_content() or "")

    # The right contact: the regional network of Bourgogne-Franche-Comté, on the page...
    callout = page.locator(".coopdec-contacts-callout")
    assert "BFC International" in callout.inner_text()
    # ...and on the authority page, reached from a result.
    page.get_by_role("link", name=re.compile("Belfort – Bobo-Dioulasso")).click()
    page.get_by_role("link", name="Belfort", exact=True).first.click()
    page.wait_for_url(re.compile(r"/collectivites/commune/90010/"))
    network = page.locator("h3", has_text="Le réseau régional multi-acteurs")
    assert network.count() == 1
    assert "BFC International" in page.locator("main").inner_text()


def test_home_search_box_leads_to_results(page: Any, site: Site, watch: Watch) -> None:
    page.goto(site.url + "/")
    page.fill("#q-accueil", "Bobo-Dioulasso")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/catalogue/\?q=Bobo-Dioulasso"))
    assert any("Bobo-Dioulasso" in t for t in card_titles(page))
    check_clean(page, watch)
