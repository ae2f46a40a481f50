"""What a first-time user hit on the catalogue (issue 15): the page jumping to the footer when
a facet is ticked, the country list applying a filter at every arrow key, htmx errors in the
console after an in-page update, the API documentation blank offline, the small screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Site, Watch, check_clean, needs_chromium, new_page

pytestmark = [pytest.mark.browser, needs_chromium]


def _scroll_y(page: Any) -> float:
    return float(page.evaluate("window.scrollY"))


def _tick_keeps_the_scroll(page: Any, site: Site, *, keyboard: bool) -> None:
    page.set_viewport_size({"width": 1280, "height": 700})
    page.goto(site.url + "/catalogue/?country=BF")
    label = page.locator("label[for='f-theme-eau_assainissement']")
    label.scroll_into_view_if_needed()
    before = _scroll_y(page)
    if keyboard:
        page.locator("#f-theme-eau_assainissement").focus()
        page.keyboard.press("Space")
    else:
        label.click()
    page.wait_for_url(re.compile(r"theme=eau_assainissement"))
    expect(page.locator("#f-theme-eau_assainissement")).to_be_checked()
    page.wait_for_timeout(300)  # the swap settles
    assert abs(_scroll_y(page) - before) < 100, (before, _scroll_y(page))
    expect(page.locator("label[for='f-theme-eau_assainissement']")).to_be_in_viewport()


def test_ticking_a_facet_with_the_mouse_does_not_scroll_to_the_footer(
    page: Any, site: Site
) -> None:
    _tick_keeps_the_scroll(page, site, keyboard=False)


def test_ticking_a_facet_with_space_does_not_scroll_to_the_footer(page: Any, site: Site) -> None:
    _tick_keeps_the_scroll(page, site, keyboard=True)


def test_arrow_keys_browse_the_country_list_and_enter_applies(page: Any, site: Site) -> None:
    page.goto(site.url + "/catalogue/?departement=90")
    select = page.locator("#ajout-country")
    select.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(1200)  # what an applied filter would take to come back
    assert "country=" not in page.url
    chosen = select.input_value()
    assert chosen  # the list moved
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"country={chosen}"))
    expect(page.locator(f"#f-country-{chosen}")).to_be_checked()
    assert page.url.count("country=") == 1


def test_typing_then_removing_a_filter_leaves_no_console_error(page: Any, site: Site) -> None:
    """The search box's "change" on blur sent the search again, and the click on a filter
    tag aborted it: htmx wrote two errors to the console (the page fixture fails on any)."""
    page.goto(site.url + "/catalogue/?country=BF")
    page.locator("#q").press_sequentially("eau", delay=40)
    page.wait_for_url(re.compile(r"q=eau"))
    expect(page.locator(".fr-tags-group a").first).to_be_visible()
    page.wait_for_timeout(600)
    page.locator(".fr-tags-group a", has_text="Burkina").click()
    page.wait_for_url(re.compile(r"^(?!.*country=BF).*q=eau"))
    page.go_back()
    page.wait_for_url(re.compile(r"country=BF"))
    page.wait_for_timeout(500)


def test_the_api_documentation_works_offline(page: Any, site: Site, watch: Watch) -> None:
    page.goto(site.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    assert watch.outside == []


PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_results_come_first_and_filtrer_reaches_the_filters(
    browser: Any, site: Site
) -> None:
    watch = Watch()
    page = new_page(browser, site, watch, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(site.url + "/catalogue/?country=BF")
    first_card = page.locator(".coopdec-cards .fr-card").first.bounding_box()
    facets = page.locator(".coopdec-facets").bounding_box()
    assert first_card is not None and facets is not None
    assert first_card["y"] < 2 * PHONE["height"], first_card  # not four screens down
    assert first_card["y"] < facets["y"]
    page.get_by_role("link", name="Filtrer", exact=True).click()
    expect(page.locator("#facette-theme")).to_be_in_viewport()
    check_clean(page, watch)
    page.context.close()


def test_without_javascript_the_phone_menu_gives_the_navigation(browser: Any, site: Site) -> None:
    watch = Watch()
    page = new_page(browser, site, watch, viewport=PHONE, java_script_enabled=False)
    page.goto(site.url + "/catalogue/")
    navigation = page.get_by_role("navigation", name="Menu principal")
    expect(navigation.get_by_role("link", name="Contacts utiles")).to_be_hidden()
    page.locator(".fr-header__navbar").get_by_role("link", name="Menu").click()
    expect(navigation.get_by_role("link", name="Contacts utiles")).to_be_visible()
    navigation.get_by_role("link", name="Contacts utiles").click()
    page.wait_for_url(site.url + "/contacts/")
    page.context.close()
    assert watch.outside == []
