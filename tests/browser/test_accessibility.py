"""axe-core (shipped in the axe-playwright-python wheel) finds no WCAG 2.1 A/AA violation on
any page type, in French and in English.

axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy does
not govern: the policy stays on while the page is audited.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import pytest

from tests.browser.conftest import Site, Watch, check_clean, needs_chromium, new_page

pytestmark = [pytest.mark.browser, needs_chromium]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def axe_source() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text("utf-8")


def page_paths(site: Site) -> list[str]:
    return [
        "/",
        "/pourquoi-agir/",
        "/monter-un-projet/",
        "/catalogue/",
        "/catalogue/?departement=90&country=BF",
        "/catalogue/?q=zzzzzz",  # no result
        f"/partenariats/{site.partnerships['T-BEL-BF']}/",
        f"/projets/{site.project}/",
        "/collectivites/commune/90010/",
        "/pays/BF/",
        "/contacts/",
    ]


def audit(page: Any) -> list[str]:
    page.evaluate(axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_21_AA,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_violation_on_any_page_type(browser: Any, site: Site, language: str) -> None:
    watch = Watch()
    page = new_page(browser, site, watch)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    problems: dict[str, list[str]] = {}
    for path in page_paths(site):
        page.goto(site.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == language
        found = audit(page)
        if found:
            problems[path] = found
    check_clean(page, watch)
    page.context.close()
    assert problems == {}


def test_no_violation_after_an_htmx_update(page: Any, site: Site) -> None:
    """The fragment swapped in by a facet change is audited too."""
    page.goto(site.url + "/catalogue/?country=BF")
    page.locator("label[for='f-theme-eau_assainissement']").click()
    page.wait_for_url(lambda url: "theme=eau_assainissement" in url)
    page.locator("#q").fill("eau")
    page.locator("#suggestions a").first.wait_for()
    assert audit(page) == []


def test_the_audit_catches_a_violation(page: Any, site: Site) -> None:
    """The check above can fail: an image without a text alternative is reported."""
    page.goto(site.url + "/contacts/")
    page.evaluate(
        "() => { const img = document.createElement('img');"
        " img.src = '/static/dsfr/dist/favicon/favicon.svg';"
        " document.querySelector('main').appendChild(img); }"
    )
    assert any(problem.startswith("image-alt") for problem in audit(page))
