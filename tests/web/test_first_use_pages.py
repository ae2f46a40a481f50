"""Pages as a first-time user met them (issue 15): the API documentation offline, compressed
public pages, paginated country and authority pages, the record's own date, the way back to
the catalogue with its filters, the contacts of a selection."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.web.catalogue_data import Created

pytestmark = pytest.mark.django_db


def _duplicated_keys(text: str) -> list[str]:
    found: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in pairs]
        found.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return found


def test_the_api_documentation_is_served_from_the_package(client: Client) -> None:
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in page and "https://" not in page
    assert "/static/ninja/swagger-ui-bundle.js" in page
    script = client.get("/static/ninja/swagger-ui-bundle.js")
    assert script.status_code == 200
    script.close()
    # The page's script reads the published document; a duplicated key made it refuse it.
    assert _duplicated_keys(client.get("/api/v1/openapi.json").content.decode()) == []


def _cards(html: str) -> int:
    return html.count('coopdec-card"><div class="fr-card__body">')


@pytest.mark.parametrize("path", ["/pays/DE/", "/collectivites/commune/25388/"])
def test_country_and_authority_pages_are_paginated(
    client: Client, catalogue: Created, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    from coopdec.web import paging

    monkeypatch.setattr(paging, "PER_PAGE", 10)
    first = client.get(path).content.decode()
    assert _cards(first) == 10
    assert f'href="{path}?page=2" rel="next"' in first and 'aria-current="page"' in first
    last = client.get(path + "?page=3").content.decode()
    assert 0 < _cards(last) <= 10 and 'rel="next"' not in last
    assert f'href="{path}?page=2" rel="prev"' in last
    # A malformed number is the first page, one past the end the last.
    assert _cards(client.get(path + "?page=abc").content.decode()) == 10
    assert client.get(path + "?page=99").content.decode().count('aria-current="page">3<') == 1


@pytest.mark.parametrize("path", ["/catalogue/?country=BF", "/pays/BF/", "/contacts/"])
def test_public_pages_are_compressed(client: Client, catalogue: Created, path: str) -> None:
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_a_page_with_a_form_token_is_not_compressed(client: Client) -> None:
    """BREACH: a response carrying a secret (the CSRF token) and reflected input stays
    uncompressed."""
    from django.middleware.csrf import get_token
    from django.test import RequestFactory

    from coopdec.web.middleware import _public_page

    request = RequestFactory().get("/")
    assert _public_page(request)
    get_token(request)
    assert not _public_page(request)


def test_a_record_shows_its_own_date_not_the_day_it_was_loaded(
    client: Client, catalogue: Created
) -> None:
    import datetime as dt

    html = client.get(f"/partenariats/{catalogue.partnerships['T-BEL-BF']}/").content.decode()
    assert "Fiche mise à jour le 2024-05." in html
    assert dt.date.today().isoformat() not in html  # the day the test catalogue was written
    project = client.get(f"/projets/{catalogue.project}/").content.decode()
    assert "Fiche mise à jour le 2023." in project


def test_back_to_the_catalogue_keeps_the_filters(client: Client, catalogue: Created) -> None:
    path = f"/partenariats/{catalogue.partnerships['T-BEL-BF']}/"
    came_from = "http://testserver/catalogue/?country=BF&theme=eau_assainissement"
    html = client.get(path, HTTP_REFERER=came_from).content.decode()
    assert 'href="/catalogue/?country=BF&amp;theme=eau_assainissement">Retour au catalogue' in html
    # Another site, or another page of this one: the whole catalogue.
    for other in ("https://example.org/catalogue/?country=BF", "http://testserver/pays/BF/"):
        html = client.get(path, HTTP_REFERER=other).content.decode()
        assert 'href="/catalogue/">Retour au catalogue' in html


def test_the_regions_own_network_comes_first_among_its_contacts(client: Client) -> None:
    html = client.get("/contacts/?region=53").content.decode()
    first_card = html.index('class="fr-card__title"')
    assert html.index("Réseau Bretagne Solidaire") - first_card < 300
    assert "Les organisations qui servent aussi toutes les régions" in html


def test_no_heading_about_national_bodies_over_an_empty_list(client: Client) -> None:
    # Île-de-France has no regional multi-actor network in the shipped data.
    html = client.get("/contacts/?region=11&kind=rrma").content.decode()
    assert "0 organisation" in html and "Aucune organisation ne correspond" in html
    assert "Les organisations qui servent aussi toutes les régions" not in html


def test_api_answers_are_not_compressed_by_the_page_rule(client: Client) -> None:
    response = client.get("/api/v1/themes", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response
