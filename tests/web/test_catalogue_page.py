"""The catalogue page: the search service's results, facets, URL state, htmx fragments,
pagination, sorting, the map and charts that follow the filters, downloads, type-ahead."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from django.test import Client

from coopdec.catalogue.search import SearchQuery, search
from tests.web.catalogue_data import FILLERS, JOURNEY, MARK, PARTNERSHIPS, Created

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "catalogue-results"}
TITLES = {key: title for key, title, *_ in PARTNERSHIPS}


def titles_in(html: str) -> set[str]:
    """Titles of the result cards (card headings link to a detail page)."""
    found = re.findall(
        r'class="fr-card__title"><a href="/(?:partenariats|projets)/\d+/">([^<]+)<', html
    )
    return {t.replace("&#x27;", "'") for t in found}


def test_journey_filters_departement_and_country(client: Client, catalogue: Created) -> None:
    response = client.get("/catalogue/?departement=90&country=BF")
    assert response.status_code == 200
    html = response.content.decode()
    expected = {TITLES[k] for k in JOURNEY} | {
        f"{MARK} Forages et comités de l'eau à Bobo-Dioulasso"
    }
    assert titles_in(html) == expected
    assert "4 fiches trouvées" in html
    # Both filters are shown as removable tags, each link dropping only its own filter.
    assert 'href="/catalogue/?country=BF"' in html and 'href="/catalogue/?departement=90"' in html
    # The regional network of Bourgogne-Franche-Comté is offered as the contact.
    assert "Qui contacter pour cette sélection" in html and "BFC International" in html


def test_page_lists_what_the_search_service_returns(client: Client, catalogue: Created) -> None:
    params = {"theme": ["eau_assainissement"], "sort": ["-start_year"]}
    result = search(SearchQuery.from_params(params))
    html = client.get("/catalogue/?theme=eau_assainissement&sort=-start_year").content.decode()
    assert [h.title for h in result.results] == [
        t.replace("&#x27;", "'")
        for t in re.findall(r'class="fr-card__title"><a href="[^"]+">([^<]+)<', html)
    ]
    assert f"{result.total} fiches trouvées" in html


def test_facets_count_values_and_check_the_selected_ones(
    client: Client, catalogue: Created
) -> None:
    html = client.get("/catalogue/?country=BF").content.decode()
    assert re.search(r'id="f-country-BF" name="country" value="BF" checked', html)
    # Multi-select facet: other countries keep their counts while Burkina Faso is selected.
    assert re.search(r'<option value="DE">Allemagne \(22\)</option>', html)
    water = (
        r'id="f-theme-eau_assainissement" name="theme" value="eau_assainissement">'
        r'<label[^>]*>Eau et assainissement <span class="coopdec-count">\(2\)'
    )
    assert re.search(water, html)


def test_a_plain_form_submission_redirects_to_the_shareable_url(client: Client) -> None:
    response = client.get("/catalogue/?q=&country=&departement=90&page=1&sort=title")
    assert response.status_code == 302
    assert response["Location"] == "/catalogue/?departement=90&sort=title"


def test_htmx_gets_only_the_results_region_and_the_canonical_url(
    client: Client, catalogue: Created
) -> None:
    response = client.get("/catalogue/?country=BF&zone=&departement=90", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="catalogue-results"')
    assert "<html" not in html and "fr-header" not in html
    assert response["HX-Push-Url"] == "/catalogue/?country=BF&departement=90"
    assert 'hx-swap-oob="innerHTML"' in html and "4 fiches trouvées" in html
    assert "HX-Request" in response["Vary"]
    # The query the results were made for is the pushed one: the script compares it with
    # the address bar after the back button, and the form's empty fields are not in it.
    assert 'data-query="country=BF&amp;departement=90"' in html
    # The back button after a cache miss asks for the whole page.
    restore = client.get("/catalogue/?country=BF", HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert "<html" in restore.content.decode()


def test_pagination_keeps_the_filters(client: Client, catalogue: Created) -> None:
    first = client.get("/catalogue/?country=DE").content.decode()
    assert f"{FILLERS} fiches trouvées" in first and "page 1 sur 2" in first
    assert 'href="/catalogue/?country=DE&amp;page=2"' in first
    second = client.get("/catalogue/?country=DE&page=2").content.decode()
    assert len(titles_in(second)) == FILLERS - 20
    assert not titles_in(first) & titles_in(second)
    assert 'aria-current="page">2<' in second


def test_sorting_by_start_year(client: Client, catalogue: Created) -> None:
    html = client.get("/catalogue/?country=DE&sort=-start_year").content.decode()
    years = [int(y) for y in re.findall(r"Ville allemande (\d\d)<", html)]
    assert years == sorted(years, reverse=True)[: len(years)] and years[0] == FILLERS
    assert '<option value="-start_year" selected>' in html


def test_typing_words_after_a_listing_sorts_by_relevance(
    client: Client, catalogue: Created
) -> None:
    listing = client.get("/catalogue/?country=BF").content.decode()
    assert '<option value="" selected>Pertinence (titre sans mots-clés)</option>' in listing
    # What the form sends once words are typed: the default sort, so relevance.
    response = client.get("/catalogue/?q=eau+potable&country=BF&sort=", **HTMX)
    assert response["HX-Push-Url"] == "/catalogue/?country=BF&q=eau+potable"
    result = search(SearchQuery.from_params({"q": "eau potable", "country": "BF"}))
    assert result.query.sort == "relevance"
    html = response.content.decode()
    assert (
        titles_in(html)
        and next(
            iter(re.findall(r'class="fr-card__title"><a href="[^"]+">([^<]+)<', html))
        ).replace("&#x27;", "'")
        == result.results[0].title
    )


def test_bad_parameters_say_which_one_with_a_400(client: Client, catalogue: Created) -> None:
    response = client.get("/catalogue/?sort=random")
    assert response.status_code == 400
    assert "sort" in response.content.decode() and "fr-alert--error" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("country=XX", "country"), ("theme=foo", "theme"), ("departement=999", "departement"),
     ("sdg=99", "sdg")],
)  # fmt: skip
def test_a_value_that_names_nothing_is_a_400_naming_the_parameter(
    client: Client, catalogue: Created, query: str, parameter: str
) -> None:
    """Well-formed values the catalogue does not know: the page with a clear message, never a
    server error (the API answers the same 400)."""
    response = client.get(f"/catalogue/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "fr-alert--error" in html
    assert parameter in html or query.split("=")[1] in html
    fragment = client.get(
        f"/catalogue/?{query}", headers={"HX-Request": "true", "HX-Target": "catalogue-results"}
    )
    assert fragment.status_code == 400


def test_map_follows_the_filters_and_links_each_country(client: Client, catalogue: Created) -> None:
    html = client.get("/catalogue/?departement=90").content.decode()
    svg = re.search(r'<svg[^>]*class="coopdec-map__svg".*?</svg>', html, re.S)
    assert svg is not None
    # Burkina Faso (854) is shaded and links to the catalogue filtered on it; Germany (276)
    # has no record of the département: no link, the lightest shade.
    burkina = (
        r'<a href="/catalogue/\?departement=90&amp;country=BF" tabindex="-1">'
        r'<path class="coopdec-map__c2" d="[^"]+"><title>Burkina Faso\u00a0: 4 fiches'
    )
    assert re.search(burkina, svg[0])
    assert re.search(r'<path class="coopdec-map__c0" d="[^"]+"><title>Allemagne</title>', svg[0])
    # The same links for keyboards and screen readers, in a table.
    assert re.search(r'<td><a href="/catalogue/\?departement=90&amp;country=BF">Burkina Faso</a>'
                     r"</td><td>4</td>", html)  # fmt: skip
    selected = client.get("/catalogue/?departement=90&country=BF").content.decode()
    assert "coopdec-map__c2 coopdec-map__selected" in selected
    # Clicking the only selected country again removes the filter.
    assert '<a href="/catalogue/?departement=90" tabindex="-1">' in selected


def test_charts_follow_the_filters_with_tables(client: Client, catalogue: Created) -> None:
    html = client.get("/catalogue/?country=BF").content.decode()
    for chart in ("graphique-themes", "graphique-zones", "graphique-annees"):
        assert f'aria-labelledby="{chart}-title"' in html
    table = re.search(r"<caption>Fiches par thème</caption>.*?</tbody>", html, re.S)
    assert table is not None
    assert re.search(r">Eau et assainissement</a></td><td>2</td>", table[0])
    assert "Mobilité et transports" in table[0] and "Culture et patrimoine" not in table[0]
    years = re.search(r"<caption>Fiches par année de début</caption>.*?</tbody>", html, re.S)
    assert years is not None and "<td>1998</td><td>1</td>" in years[0]


def test_downloads_list_the_whole_result_set(client: Client, catalogue: Created) -> None:
    response = client.get("/catalogue/export.csv?country=DE&page=2")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == FILLERS  # every page, not only page 2
    assert rows[0]["pays (ISO)"] == "DE"
    assert rows[0]["page"].startswith("http://testserver/partenariats/")
    data = json.loads(b"".join(client.get("/catalogue/export.json?country=DE").streaming_content))
    assert data["total"] == FILLERS and len(data["results"]) == FILLERS
    assert {r["title"] for r in data["results"]} == {r["titre"] for r in rows}
    assert data["query"] == {"country": ["DE"], "sort": ["title"]}


def test_typeahead_proposes_filters_keeping_the_others(client: Client, catalogue: Created) -> None:
    html = client.get("/catalogue/suggestions/?q=burk&theme=sante").content.decode()
    assert (
        '<a class="coopdec-suggestions__item" href="/catalogue/?country=BF&amp;theme=sante">'
        in html
    )
    html = client.get("/catalogue/suggestions/?q=belf").content.decode()
    assert "Territoire de Belfort (90)" in html  # the département
    assert re.search(r'href="/catalogue/\?authority=\d+">.*Belfort \(90\)', html)  # the commune
    assert client.get("/catalogue/suggestions/?q=b").content.strip() == b""


def test_the_examples_facet_filters_keeps_its_url_state_and_reaches_the_downloads(
    client: Client, catalogue: Created, django_capture_on_commit_callbacks: Any
) -> None:
    from coopdec.catalogue.writer import CatalogueWriter

    with django_capture_on_commit_callbacks(execute=True):  # the writer's commit
        CatalogueWriter().set_example("T-PROJ-BEL-BF", "Des comités qui durent", "modérateur")
    project = f"{MARK} Forages et comités de l'eau à Bobo-Dioulasso"
    html = client.get("/catalogue/?country=BF").content.decode()
    # The facet is offered with its count before it is chosen.
    assert "Exemples de bonnes pratiques" in html
    assert re.search(
        r'id="f-example-true" name="example" value="true">'
        r'<label[^>]*>Exemple de bonne pratique <span class="coopdec-count">\(1\)',
        html,
    )
    html = client.get("/catalogue/?country=BF&example=true").content.decode()
    assert titles_in(html) == {project}
    assert re.search(r'id="f-example-true" name="example" value="true" checked', html)
    # A removable tag that drops this filter only (the URL keeps the country).
    assert "Exemples de bonnes pratiques : Exemple de bonne pratique" in html
    assert 'href="/catalogue/?country=BF"' in html
    others = titles_in(client.get("/catalogue/?country=BF&example=false").content.decode())
    assert project not in others and TITLES["T-BEL-BF"] in others
    text = b"".join(client.get("/catalogue/export.csv?example=true").streaming_content).decode(
        "utf-8-sig"
    )
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [(r["titre"], r["exemple de bonne pratique"]) for r in rows] == [(project, "oui")]
    assert client.get("/catalogue/?example=souvent").status_code == 400
