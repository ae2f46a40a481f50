"""A first-time user in the workspace: a refused import takes the focus, emptying asks first
(with and without JavaScript)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Site, Watch, check_clean, needs_chromium, new_page

pytestmark = [pytest.mark.browser, needs_chromium]

BAD_FILE = "coopdec_project: 1\ntitle: Fissel\nfinancing:\n  - {source: own_cash, amount: douze}\n"


def test_a_refused_import_moves_the_focus_to_its_error_summary(
    page: Any, site: Site, watch: Watch, tmp_path: Path
) -> None:
    path = tmp_path / "fissel.yaml"
    path.write_text(BAD_FILE, "utf-8")
    page.goto(site.url + "/projet/documents/")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Importer", exact=True).click()
    summary = page.locator("#import-errors")
    summary.wait_for()
    assert "fr-alert--error" in (summary.get_attribute("class") or "")
    assert page.evaluate("document.activeElement && document.activeElement.id") == "import-errors"
    assert "Montant — ligne de financement 1" in summary.inner_text()
    assert "financing[0]" not in summary.inner_text()
    # It is on screen, where the user is looking, not below the fold.
    assert summary.is_visible() and page.evaluate(
        "document.getElementById('import-errors').getBoundingClientRect().top < innerHeight"
    )
    # The refused file is answered 400 on purpose (bad input); Chromium logs that status as a
    # console error: the only one this journey may give.
    expected = [e for e in watch.errors if "400" in e and "/projet/importer/" in e]
    assert len(expected) == 1
    watch.errors = [e for e in watch.errors if e not in expected]


@pytest.mark.parametrize("javascript", [True, False])
def test_emptying_the_workspace_asks_for_confirmation(
    browser: Any, site: Site, javascript: bool
) -> None:
    watch = Watch()
    page = new_page(browser, site, watch, java_script_enabled=javascript)
    page.goto(site.url + "/projet/identification/")
    page.get_by_role("button", name="Charger un projet d'exemple").click()
    page.wait_for_url(site.url + "/projet/identification/")
    assert page.input_value("#id_title")
    page.get_by_role("link", name="Vider l'espace projet").click()
    page.wait_for_url(site.url + "/projet/effacer/")
    page.get_by_role("link", name="Annuler").click()
    page.wait_for_url(site.url + "/projet/identification/")
    assert page.input_value("#id_title")  # nothing was lost by asking
    page.get_by_role("link", name="Vider l'espace projet").click()
    page.get_by_role("button", name="Oui, vider l'espace projet").click()
    page.wait_for_url(site.url + "/projet/identification/")
    assert page.input_value("#id_title") == ""
    if javascript:  # the watch reads the page with a script
        check_clean(page, watch)
    page.context.close()
