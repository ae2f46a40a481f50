"""In Chromium: sign in through the loopback OpenID Connect provider (ProConnect's stand-in),
join the commune of the agent's SIRET automatically, see it in "Mon compte", sign out at
coopdec and at the provider. Account pages have no axe violation, in French and English.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import REPO, Site, Watch, check_clean, needs_chromium, new_page
from tests.browser.test_accessibility import audit
from tests.oidc_provider import run

pytestmark = [pytest.mark.browser, needs_chromium]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def proconnect_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    """``coopdec serve`` configured with the loopback provider (fresh ``coopdec init``)."""
    data = tmp_path_factory.mktemp("proconnect-site")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with run.running(data, [f"{url}/compte/connexion/proconnect/retour/"], [f"{url}/"]) as op:
        env = {k: v for k, v in os.environ.items() if not k.startswith("COOPDEC_")}
        env.update(op.environment(), COOPDEC_DATA_DIR=str(data), COOPDEC_DEBUG="1",
                   DJANGO_SETTINGS_MODULE="coopdec.settings")  # fmt: skip
        subprocess.run([sys.executable, "-m", "coopdec", "init"], env=env, cwd=REPO,
                       check=True, capture_output=True, timeout=600)  # fmt: skip
        log = (data / "server.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "coopdec", "serve", "--port", str(port), "--workers", "1"],
            env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/healthz", timeout=2):  # noqa: S310
                        break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError((data / "server.log").read_text()) from None
                    time.sleep(0.3)
            yield Site(url, {}, 0, {}), op.issuer
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def _clean(page: Any, watch: Watch, issuer: str) -> None:
    """The usual checks; the provider is the one other site the journey may visit."""
    watch.outside = [url for url in watch.outside if not url.startswith(f"{issuer}/")]
    # The stand-in provider's pages name no icon: Chromium's /favicon.ico there is a 404 of
    # the test fixture, not of coopdec.
    watch.errors = [e for e in watch.errors if f"'url': '{issuer}/favicon.ico'" not in e]
    check_clean(page, watch)


def test_sign_in_join_and_sign_out(browser: Any, proconnect_site: tuple[Site, str]) -> None:
    from playwright.sync_api import expect

    site, issuer = proconnect_site
    watch = Watch()
    page = new_page(browser, site, watch)
    page.goto(f"{site.url}/")
    page.get_by_role("link", name="Se connecter").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter à coopdec")
    assert audit(page) == []
    check_clean(page, watch)
    page.locator("#proconnect").click()
    # The provider's own page (another origin).
    page.get_by_label("Identifiant").fill("agent.brest")
    page.get_by_label("Mot de passe").fill(run.PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    assert page.url == f"{site.url}/compte/"
    row = page.get_by_role("row").filter(has_text="Brest")
    expect(row).to_contain_text("SIRET ProConnect")
    expect(row).to_contain_text("approuvée")
    assert audit(page) == []
    _clean(page, watch, issuer)
    page.locator("#deconnexion").click()
    page.wait_for_load_state()
    # ProConnect's logout page, then back home, signed out.
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(f"{site.url}/")
    expect(page.get_by_role("link", name="Se connecter").first).to_be_visible()
    page.goto(f"{site.url}/compte/")
    assert page.url.startswith(f"{site.url}/compte/connexion/")
    _clean(page, watch, issuer)
    page.context.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_account_pages_have_no_axe_violation(
    browser: Any, proconnect_site: tuple[Site, str], language: str
) -> None:
    site, _issuer = proconnect_site
    watch = Watch()
    page = new_page(browser, site, watch)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": site.url}])
    for path in ["/compte/connexion/", "/compte/inscription/", "/compte/mot-de-passe/"]:
        page.goto(f"{site.url}{path}")
        assert audit(page) == [], path
        check_clean(page, watch)
    page.context.close()
