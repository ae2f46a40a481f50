"""Assets and policy: every page under a strict CSP with no inline script or style, every asset
served by the site itself (compressed), htmx vendored with its licence."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client

from coopdec.web.middleware import POLICY
from tests.web.catalogue_data import Created

pytestmark = pytest.mark.django_db
STATIC = Path(__file__).resolve().parents[2] / "src" / "coopdec" / "web" / "static" / "coopdec"


class Inventory(HTMLParser):
    """Scripts, styles and asset references of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts = 0
        self.style_elements = 0
        self.style_attributes = 0
        self.event_handlers: list[str] = []
        self.assets: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.style_attributes += "style" in values
        self.event_handlers += [name for name in values if name.startswith("on")]
        if tag == "script":
            self._in_script = not values.get("src")
            if values.get("src"):
                self.assets.append(values["src"] or "")
        if tag == "style":
            self.style_elements += 1
        if tag == "link" and values.get("href"):
            self.assets.append(values["href"] or "")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def close_quietly(response: Any) -> bytes:
    """Read a file response and release its file, as the test client does: without the
    ``request_finished`` handler that would close the test's database connection."""
    body = b"".join(response.streaming_content)
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    return body


def pages(created: Created) -> list[str]:
    return [
        "/",
        "/pourquoi-agir/",
        "/catalogue/?country=BF&departement=90",
        f"/partenariats/{created.partnerships['T-BEL-BF']}/",
        f"/projets/{created.project}/",
        "/collectivites/commune/90010/",
        "/pays/BF/",
        "/contacts/?region=27",
    ]


def test_pages_have_a_strict_policy_and_nothing_inline(client: Client, catalogue: Created) -> None:
    assert "default-src 'self'" in POLICY and "unsafe" not in POLICY
    for path in pages(catalogue):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Security-Policy"] == POLICY, path
        inventory = Inventory()
        inventory.feed(response.content.decode())
        assert inventory.inline_scripts == 0, path
        assert inventory.style_elements == inventory.style_attributes == 0, path
        assert inventory.event_handlers == [], path
        for asset in inventory.assets:
            assert asset.startswith("/static/"), (path, asset)  # no CDN, no other host
            static = client.get(asset)
            close_quietly(static)
            assert static.status_code == 200, asset


def test_static_text_is_gzipped_for_browsers_that_accept_it(client: Client) -> None:
    response = client.get("/static/dsfr/dist/dsfr.min.css", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    body = close_quietly(response)
    assert len(body) < 100_000 < len(gzip.decompress(body))
    plain = client.get("/static/dsfr/dist/dsfr.min.css")
    close_quietly(plain)
    assert "Content-Encoding" not in plain


def test_htmx_is_vendored_with_its_licence() -> None:
    htmx = (STATIC / "vendor" / "htmx" / "htmx.min.js").read_text("utf-8")
    assert "htmx" in htmx and len(htmx) > 40_000
    assert "Zero-Clause BSD" in (STATIC / "vendor" / "htmx" / "LICENSE").read_text("utf-8")


def test_htmx_is_told_not_to_inject_styles_or_eval(client: Client) -> None:
    html = client.get("/").content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', html)
    assert config is not None
    assert '"includeIndicatorStyles": false' in config[1] and '"allowEval": false' in config[1]


def test_french_whatever_the_browser_asks_until_the_switcher_says_english(client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="fr"' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en"' in client.get("/").content.decode()
