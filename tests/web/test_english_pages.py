"""English pages say nothing in French that the site itself writes (issue 15): the map
section and its table, contact coverage ("France entière"), French spacing before a colon,
the programmes' names; walked over the main pages with the workspace's example project."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.web.catalogue_data import Created

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/catalogue/",
    "/catalogue/?country=BF",
    "/contacts/",
    "/contacts/?region=27&country=BF&theme=eau_assainissement",
    "/financements/",
    "/pays/BF/",
    "/projet/identification/",
    "/projet/financement/",
    "/projet/documents/",
]
# French the site writes itself (data such as record titles stay in their language).
FRENCH = [
    "Carte des fiches par pays",
    "Les pays de la carte, en tableau",
    "Nombre de fiches par pays",
    "Légende de la carte",
    "pays sélectionné",
    "France entière",
    "Anglais",
]
# Programmes' French names, where the page names a programme (its heading, a choice).
PROGRAMMES_IN_FRENCH = [
    "Appel à projets généraliste",
    "Dispositif conjoint d'appui",
    "Agence de l'eau Loire-Bretagne –",
]
NAMING = re.compile(r"<(option|h4|th)\b[^>]*>(.*?)</\1>", re.S)
# The site's own English words, then a space before a colon: French typography left on an
# English page (records' titles keep their own: "Belfort – Bobo-Dioulasso : l'eau").
SPACED_COLON = re.compile(
    r"\b(Country|Themes?|Theme|Région|Département|Blocking|Compliant|Needs attention"
    r"|Not applicable|To complete or to check|Sources?|Search|records?|Status|Kind"
    r"|Start year|Type of record)\s:"
)


def visible(html: str) -> str:
    """The page's text and its attributes' words, without scripts and styles."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&nbsp;", "\u00a0")


@pytest.fixture
def english(client: Client, catalogue: Created) -> Client:
    client.get("/langue/en/?next=/")
    client.post("/projet/exemple/")
    return client


@pytest.mark.parametrize("path", PAGES)
def test_no_french_words_the_site_writes_on_english_pages(english: Client, path: str) -> None:
    response = english.get(path)
    assert response.status_code == 200
    text = visible(response.content.decode())
    assert [word for word in FRENCH if word in text] == []
    names = " ".join(visible(m[1]) for m in NAMING.findall(response.content.decode()))
    assert [name for name in PROGRAMMES_IN_FRENCH if name in names] == []
    assert SPACED_COLON.findall(text.replace("\u00a0", " ")) == []


def test_programmes_carry_their_english_names(english: Client) -> None:
    funding = visible(english.get("/financements/").content.decode())
    assert "General call for projects supporting decentralised cooperation" in funding
    assert "Loire-Brittany water agency" in funding
    panel = visible(english.get("/projet/financement/").content.decode())
    assert "water agency" in panel
    assert "Blocking:" in panel.replace("\u00a0", " ").replace(" :", ":") or "Blocking" in panel


def test_french_pages_keep_the_french_names(client: Client, catalogue: Created) -> None:
    funding = visible(client.get("/financements/").content.decode())
    assert "Appel à projets généraliste en soutien à la coopération décentralisée" in funding
    assert "Carte des fiches par pays" in visible(client.get("/catalogue/").content.decode())


def test_verdicts_and_funders_read_in_english(english: Client) -> None:
    panel = visible(english.get("/projet/identification/").content.decode())
    assert "Annual declaration of ODA" in panel
    assert "Previous year's ODA declared" in panel
    assert "French Ministry for Europe and Foreign Affairs" in panel or "Water Agency" in panel
    for french in ("Déclaration annuelle de l'APD", "APD de l'année précédente", "Sans objet :"):
        assert french not in panel
    funding = visible(english.get("/financements/").content.decode())
    assert "Loire-Brittany Water Agency" in funding
    assert "Agence de l'eau Loire-Bretagne" not in funding


def test_french_pages_keep_the_french_verdicts(client: Client, catalogue: Created) -> None:
    client.post("/projet/exemple/")
    panel = visible(client.get("/projet/identification/").content.decode())
    assert "Déclaration annuelle de l'APD" in panel
    assert "Agence de l'eau Loire-Bretagne" in visible(
        client.get("/financements/").content.decode()
    )
