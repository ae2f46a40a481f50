"""Detail pages: partnership, project, French authority, country, contacts directory."""

from __future__ import annotations

import html as html_module
import re
from typing import Any

import pytest
from django.test import Client

from coopdec.catalogue.models import FrenchAuthority
from coopdec.catalogue.queries import authorities
from tests.web.catalogue_data import JOURNEY, MARK, Created

pytestmark = pytest.mark.django_db


def test_partnership_page_cites_partners_themes_funders_and_sources(
    client: Client, catalogue: Created
) -> None:
    html = client.get(f"/partenariats/{catalogue.partnerships['T-BEL-BF']}/").content.decode()
    assert f"{MARK} Belfort – Bobo-Dioulasso" in html
    assert 'href="/collectivites/commune/90010/">Belfort</a>' in html
    assert "Commune de Bobo-Dioulasso" in html and 'href="/pays/BF/">Burkina Faso</a>' in html
    # Themes with their SDG goals, in words.
    assert re.search(
        r"Eau et assainissement — ODD 3 [^<]*ODD 6 « Eau propre et assainissement »", html
    )
    assert "MEAE/DAECT, AFD" in html and "depuis 2005" in html
    assert 'href="https://example.org/source-a"' in html and "Fiche mise à jour le 2024-05" in html
    assert "Ouvert à de nouvelles collectivités" in html
    assert f"{MARK} Forages et comités de l&#x27;eau à Bobo-Dioulasso" in html  # its project


def test_project_page_shows_targets_budget_and_contact(client: Client, catalogue: Created) -> None:
    html = client.get(f"/projets/{catalogue.project}/").content.decode()
    assert "6.1 —" in html and "120" in html and "EUR" in html
    assert "BFC International" in html and "réseau régional multi-acteurs" in html
    assert f'href="/partenariats/{catalogue.partnerships["T-BEL-BF"]}/"' in html


def test_authority_page_links_partnerships_network_and_peers(
    client: Client, catalogue: Created
) -> None:
    response = client.get("/collectivites/commune/90010/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Belfort</h1>" in html and "45\xa0912" in html  # population, French grouping
    assert 'href="/catalogue/?departement=90">Territoire de Belfort (90)</a>' in html
    assert "Bourgogne-Franche-Comté" in html
    assert "Ses 2 partenariats recensés" in html
    assert f'href="/catalogue/?authority={catalogue.authorities["commune:90010"]}"' in html
    assert "Le réseau régional multi-acteurs" in html and "BFC International" in html
    # Peers: communes of comparable size active in the same countries come first.
    assert re.search(
        r'Collectivités comparables.*href="/collectivites/commune/25388/">Montbéliard', html, re.S
    )


def test_peers_are_same_kind_similar_size_and_share_countries(catalogue: Created) -> None:
    carmaux = FrenchAuthority.objects.get(kind="commune", code="81060")
    peers = authorities.peers(carmaux, {"BF"})
    # Delle (5,623) shares Burkina Faso and weighs more than a third of Carmaux (9,872).
    assert peers[0].name == "Delle" and peers[0].shared_countries == 1
    assert all(p.kind.value == "commune" for p in peers)
    assert all(9872 // 3 <= (p.population or 0) <= 9872 * 3 for p in peers)


def test_country_page_breaks_partnerships_down_by_theme(client: Client, catalogue: Created) -> None:
    html = client.get("/pays/bf/").content.decode()
    assert "Coopération décentralisée avec ce pays : Burkina Faso" in html
    assert "4 partenariats recensés, 4 collectivité(s) française(s) engagée(s)." in html
    table = re.search(r"<caption>Partenariats par thème</caption>.*?</tbody>", html, re.S)
    assert table is not None
    assert "<td>Eau et assainissement</td><td>1</td>" in table[0]
    assert "1 partenariat n'a pas de thème précisé par sa source." in html  # Delle
    assert "Cités Unies France" in html  # a contact that covers Burkina Faso
    assert 'href="/catalogue/?country=BF"' in html


def test_contacts_directory_filters(client: Client, catalogue: Created) -> None:
    everyone = client.get("/contacts/").content.decode()
    assert "45 organisations" in everyone
    regional = client.get("/contacts/?region=27").content.decode()
    assert "BFC International" in regional and "Réseau Bretagne Solidaire" not in regional
    assert "Cités Unies France" in regional  # national contacts serve every région
    networks = client.get("/contacts/?kind=rrma").content.decode()
    assert "12 organisations" in networks
    burkina = client.get("/contacts/?country=BF").content.decode()
    closest = burkina.split('id="contacts-nationaux"')[0]
    assert "Cités Unies France" in closest  # the one that names Burkina Faso comes first


@pytest.mark.parametrize(
    "path",
    ["/partenariats/999999/", "/projets/999999/", "/collectivites/commune/00000/", "/pays/XX/"],
)
def test_unknown_records_are_404(client: Client, catalogue: Created, path: str) -> None:
    assert client.get(path).status_code == 404


def test_every_journey_partnership_reaches_its_country_and_authority(
    client: Client, catalogue: Created
) -> None:
    for key in JOURNEY:
        html = client.get(f"/partenariats/{catalogue.partnerships[key]}/").content.decode()
        assert 'href="/pays/BF/"' in html
        links = re.findall(r'href="(/collectivites/[a-z]+/\w+/)"', html)
        assert links and all(client.get(link).status_code == 200 for link in links)


def test_not_found_page_is_a_dsfr_page(client: Client, catalogue: Created, settings: Any) -> None:
    settings.DEBUG = False
    response = client.get("/pays/XX/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page introuvable</h1>" in html and "fr-header" in html


def test_contacts_for_a_water_project_show_the_national_bodies_that_apply(
    client: Client, catalogue: Created
) -> None:
    """Issue 15: région + country + theme answered "0 organisations"; the région's network,
    the basin's water agency and the country's and theme's networks come first, the national
    bodies that serve everyone follow, the other régions' networks and agencies are left out."""
    html = client.get("/contacts/?region=53&country=SN&theme=eau_assainissement").content
    page = html.decode()
    assert "0 organisations" not in page
    closest, others = page.split('id="contacts-nationaux"')
    names = re.findall(r'class="fr-card__title">(?:<a [^>]*>)?([^<(]+)', closest)
    assert [html_module.unescape(n).strip() for n in names] == [
        "Réseau Bretagne Solidaire",
        "Agence de l'eau Loire-Bretagne",
        "Cités Unies France",
        "Programme Solidarité Eau",
    ]
    assert "Délégation pour les collectivités territoriales" in others  # serves everyone
    assert "AMORCE" not in page  # devoted to waste and energy
    assert "Agence de l'eau Rhin-Meuse" not in page and "Resacoop" not in page
    everyone = client.get("/contacts/?country=BF").content.decode()
    assert "45 organisations" in everyone
    assert everyone.index("Cités Unies France") < everyone.index("Agence française")


def test_contacts_directory_in_english(client: Client, catalogue: Created) -> None:
    client.get("/langue/en/?next=/")
    page = client.get("/contacts/?region=53&country=SN&theme=eau_assainissement").content
    text = page.decode()
    assert "Closest to your search" in text and "Loire-Brittany basin" in text
    assert "France entière" not in text and "Whole of France" in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_allier_page_has_no_duplicate_heading(
    client: Client, catalogue: Created, language: str
) -> None:
    """Issue 15 reported a duplicate heading on the Allier page: every heading says
    something different (FR and EN)."""
    client.get(f"/langue/{language}/?next=/")
    html = client.get("/collectivites/departement/03/").content.decode()
    headings = [
        re.sub(r"<[^>]+>|\s+", " ", text).strip()
        for _level, text in re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", html, re.S)
    ]
    assert headings[0] == "Allier"
    assert len(headings) == len(set(headings)), headings
