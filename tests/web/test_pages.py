"""The pages answer in French by default, in the DSFR frame, and in English on request."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.web.catalogue_data import Created

pytestmark = pytest.mark.django_db


def test_home_page_in_french_with_dsfr_header_and_three_parts(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "fr-header" in html and "fr-footer" in html
    assert "dsfr.min.css" in html
    for part in ("Pourquoi agir", "Monter un projet", "Catalogue"):
        assert part in html
    assert "34\xa0969" in html  # a key figure read from the database, with its source
    assert "COG 2026" in html
    assert 'action="/catalogue/"' in html and 'name="q"' in html  # the search box


def test_home_page_counts_the_catalogue_with_its_date(client: Client, catalogue: Created) -> None:
    html = client.get("/").content.decode()
    figures = {
        label: int(value.replace("\xa0", ""))
        for value, label in re.findall(
            r'fr-tile__title">([\d\xa0]+)</p>\s*<p class="fr-tile__desc">([^<]+)<', html
        )
    }
    assert figures["partenariats recensés"] == 27
    assert figures["pays partenaires"] == 3  # Burkina Faso, Senegal, Germany
    assert figures["collectivités françaises engagées"] == 5
    assert re.search(r"sources publiques citées fiche par fiche ; état au \d{4}-\d\d-\d\d", html)


@pytest.mark.parametrize("path", ["/pourquoi-agir/", "/monter-un-projet/", "/catalogue/"])
def test_part_pages(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode()


def test_why_act_lists_the_17_goals_with_themes(client: Client) -> None:
    html = client.get("/pourquoi-agir/").content.decode()
    assert "Eau propre et assainissement" in html
    assert "Eau et assainissement" in html


def test_language_switch_to_english(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/pourquoi-agir/"})
    assert response.status_code == 302
    html = client.get("/pourquoi-agir/").content.decode()
    assert '<html lang="en"' in html
    assert "Clean water and sanitation" in html


def test_language_links_switch_and_come_back(client: Client) -> None:
    html = client.get("/pourquoi-agir/?x=1").content.decode()
    link = 'href="/langue/en/?next=/pourquoi-agir/%3Fx%3D1"'
    assert link in html and 'hreflang="en"' in html
    response = client.get("/langue/en/?next=/pourquoi-agir/%3Fx%3D1")
    assert response.status_code == 302 and response["Location"] == "/pourquoi-agir/?x=1"
    assert response.cookies["django_language"].value == "en"
    assert "no-cache" in response["Cache-Control"]
    assert "Clean water and sanitation" in client.get("/pourquoi-agir/").content.decode()
    back = client.get("/langue/fr/?next=/")
    assert back["Location"] == "/" and back.cookies["django_language"].value == "fr"
    assert '<html lang="fr"' in client.get("/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_language_links_never_leave_the_site(client: Client, target: str) -> None:
    response = client.get("/langue/en/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/"


def test_unknown_language_is_404(client: Client) -> None:
    assert client.get("/langue/de/?next=/").status_code == 404


@pytest.mark.parametrize("path", ["/", "/pourquoi-agir/", "/catalogue/", "/contacts/"])
def test_public_pages_set_no_cookie(client: Client, path: str) -> None:
    """No form on public pages: no CSRF token to make, no cookie before a visitor acts."""
    response = client.get(path)
    assert response.status_code == 200
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_admin_lists_reference_tables_read_only(client: Client) -> None:
    assert client.get("/admin/").status_code == 302
    User.objects.create_superuser("curator", "curator@example.org", "pw-for-tests-only")
    client.login(username="curator", password="pw-for-tests-only")
    listing = client.get("/admin/reference/commune/?q=Abergement")
    assert listing.status_code == 200
    assert "Abergement-Clémenciat" in listing.content.decode()
    assert client.get("/admin/reference/commune/add/").status_code == 403


def test_healthz(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import connection

    from coopdec.web import views

    monkeypatch.setattr(views, "_index_health", None)
    answer = client.get("/healthz").json()
    assert (answer["status"], answer["search_index"]["status"]) == ("ok", "ok")
    # Documents gone behind the index's back: still 200 (the pages work), reported degraded.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_document WHERE kind = 'partnership'")
    assert client.get("/healthz").json()["status"] == "ok"  # the last answer, for 30 s
    monkeypatch.setattr(views, "_index_health", None)
    drifting = client.get("/healthz")
    assert drifting.status_code == 200
    assert drifting.json()["status"] == "degraded"
    assert drifting.json()["search_index"]["kinds"]["partnership"]["agrees"] is False


def test_language_cookie_is_http_only_same_site_and_secure_in_production(
    client: Client, tmp_path: Path
) -> None:
    import os
    import secrets
    import subprocess
    import sys

    cookie = client.get("/langue/en/?next=/").cookies["django_language"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPDEC_", "DJANGO_"))}
    env |= {
        "COOPDEC_DEBUG": "0",
        "COOPDEC_SECRET_KEY": secrets.token_urlsafe(64),
        "COOPDEC_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "coopdec.settings",
    }
    code = "from django.conf import settings; print(settings.LANGUAGE_COOKIE_SECURE)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
