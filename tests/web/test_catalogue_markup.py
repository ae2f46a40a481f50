"""The catalogue page's fast paths give the markup the slow ones gave: the frame rendered
once per language (web/layout.py) is the template's own rendering, the results region is the
same for the page and the htmx fragment, the per-language word tables follow the language,
and the memos return what they replace."""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlencode

import pytest
from django.shortcuts import render
from django.test import Client, RequestFactory, override_settings
from django.utils import translation
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from coopdec.web import caches, catalogue_page, catalogue_templates, figures, layout, urlstate
from coopdec.web.svg.choropleth import Choropleth, MapValue, render_choropleth
from coopdec.web.svg.geometry import world_shapes
from tests.web.catalogue_data import Created

pytestmark = pytest.mark.django_db
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "catalogue-results"}


def _without_token(html: str) -> str:
    return CSRF.sub('name="csrfmiddlewaretoken" value="…"', html)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_framed_page_is_the_template_rendered_by_django(
    rf: RequestFactory, language: str
) -> None:
    slots = {"q": "eau &amp; assainissement", "results": '<div id="catalogue-results"></div>'}
    request = rf.get("/catalogue/?q=eau+%26+assainissement&country=BF")
    with translation.override(language):
        framed = layout.render_framed(
            request, "web/catalogue.html", fixed={"nav": "catalogue"}, slots=slots
        )
        plain = render(
            rf.get("/catalogue/?q=eau+%26+assainissement&country=BF"),
            "web/catalogue.html",
            {
                "nav": "catalogue",
                "q": "eau & assainissement",
                "results": mark_safe(slots["results"]),  # noqa: S308 (a constant)
            },
        )
    assert framed["Content-Type"] == plain["Content-Type"]
    expected = _without_token(plain.content.decode())
    assert _without_token(framed.content.decode()) == expected
    # The language links send the visitor back to the URL they were on, and need no token.
    assert (
        'href="/langue/en/?next=/catalogue/%3Fq%3Deau%2B%2526%2Bassainissement%26country%3DBF"'
        in expected
    )
    assert "csrfmiddlewaretoken" not in expected and "csrftoken" not in framed.cookies
    assert f'<html lang="{language}"' in expected


def test_the_frame_is_cut_at_its_markers() -> None:
    shape = layout.Frame(("<p>", "a", "</p><p>", "b", "</p>"))
    assert shape.slots == frozenset({"a", "b"})
    body = shape.fill({"a": "é", "b": ["x", "—".encode(), "y"]})
    assert body.decode() == "<p>é</p><p>x—y</p>"
    assert layout.encode(["a", b"b", "ç"]) == "abç".encode()


def test_each_language_keeps_its_own_frame(client: Client, catalogue: Created) -> None:
    french = client.get("/catalogue/?country=BF").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/catalogue/?country=BF").content.decode()
    client.cookies["django_language"] = "fr"
    again = client.get("/catalogue/?country=BF").content.decode()
    assert '<html lang="fr"' in french and '<html lang="fr"' in again
    assert '<html lang="en"' in english and "Sort by" in english and "Trier par" not in english
    assert "Télécharger (CSV)" in french and "Download (CSV)" in english
    assert _without_token(french) == _without_token(again)


def test_the_page_and_the_fragment_carry_the_same_region(
    client: Client, catalogue: Created
) -> None:
    page = client.get("/catalogue/?country=BF&theme=eau_assainissement").content.decode()
    fragment = client.get("/catalogue/?country=BF&theme=eau_assainissement", **HTMX)
    region = fragment.content.decode().split('\n<p id="catalogue-status"')[0]
    assert region.startswith('<div id="catalogue-results"') and region in page
    assert 'value="eau_assainissement" checked' in region
    assert fragment.content.decode().rstrip().endswith("</p>")


def test_the_search_box_keeps_the_words_escaped(client: Client, catalogue: Created) -> None:
    html = client.get("/catalogue/?q=%22eau%22+%3Cb%3E").content.decode()
    assert 'id="q" name="q" value="&quot;eau&quot; &lt;b&gt;"' in html
    assert "<b>" not in html.split('id="catalogue-results"')[0].split('id="q"')[1]


def test_words_follow_the_active_language(catalogue: Created) -> None:
    with translation.override("fr"):
        french = catalogue_templates._words()["sort_by"]
        labels = catalogue_page._words()["dimensions"]["country"]
    with translation.override("en"):
        english = catalogue_templates._words()["sort_by"]
        english_labels = catalogue_page._words()["dimensions"]["country"]
    assert (french, english) == ("Trier par", "Sort by")
    assert (labels, english_labels) == ("Pays", "Country")


def test_per_language_builds_once_per_language() -> None:
    calls: list[str] = []

    @caches.per_language
    def table() -> str:
        calls.append(translation.get_language() or "")
        return translation.gettext("Pays")

    with translation.override("en"):
        assert table() == table() == "Country"
    with translation.override("fr"):
        assert table() == "Pays"
    assert calls == ["en", "fr"]


def test_per_index_generation_builds_again_when_the_index_moves(catalogue: Created) -> None:
    from coopdec.catalogue.search import refresh_index

    calls: list[str] = []

    @caches.per_index_generation
    def table() -> dict[str, int]:
        calls.append(caches.index_generation())
        return {}

    first = table()
    assert table() is first and len(calls) == 1
    refresh_index(partnerships=list(catalogue.partnerships.values())[:1])
    assert table() is not first and len(calls) == 2 and calls[0] != calls[1]


@given(st.text(max_size=30))
def test_the_templates_escape_like_html_escape(text: str) -> None:
    rows = [figures.Row(text, 3), figures.Row(text, 2, "/catalogue/?q=" + text, True)]
    with translation.override("fr"):
        written = str(catalogue_templates.table_rows(rows))
    assert f"<tr><td>{escape(text)}</td><td>3</td></tr>" in written
    assert f'<a href="/catalogue/?q={escape(text)}" aria-current="true">' in written


@given(
    st.dictionaries(
        st.sampled_from(["q", "country", "theme", "page"]),
        st.lists(st.text(alphabet="ab é&=+%<>\"'#", min_size=1, max_size=5), min_size=1),
        max_size=4,
    )
)
def test_encode_is_urlencode_of_the_sorted_pairs(params: dict[str, list[str]]) -> None:
    pairs = [(key, value) for key in sorted(params) for value in params[key]]
    assert urlstate.encode(params) == ("?" + urlencode(pairs) if pairs else "")


@pytest.mark.parametrize(
    "params",
    [{}, {"country": ["BF"]}, {"country": ["BF", "SN"], "q": ["eau & <sel>"]}, {"q": ['"x"']}],
)
def test_map_links_escape_like_html_escape(params: dict[str, list[str]]) -> None:
    links = catalogue_page.MapLinks(params)
    for iso2 in ("BF", "SN", "DE", "X&"):
        assert links.html(iso2) == escape(links(iso2))


def test_the_prepared_map_paints_what_render_choropleth_draws() -> None:
    shapes = world_shapes()
    names = {c.numeric: f"Pays {c.numeric} é" for c in shapes.countries}
    first, second = shapes.countries[0].numeric, shapes.countries[1].numeric
    values = {
        first: MapValue(3, "Un <pays> : 3 fiches", "/catalogue/?country=AA&q=x"),
        second: MapValue(0, "Sans fiche", None),
    }
    drawn = render_choropleth(shapes, values, names=names, selected=frozenset({second}))
    painted = Choropleth(shapes, names).paint(
        {first: 3, second: 0},
        titles={first: escape(values[first].label), second: escape(values[second].label)},
        hrefs={first: escape("/catalogue/?country=AA&q=x")},
        selected=frozenset({second}),
    )
    assert painted.decode() == drawn
    assert '<a href="/catalogue/?country=AA&amp;q=x" tabindex="-1">' in drawn
    assert "<title>Un &lt;pays&gt; : 3 fiches</title>" in drawn
    assert 'class="coopdec-map__c0 coopdec-map__selected"' in drawn
    assert drawn.count("<path ") == len(shapes.countries)


def test_in_debug_the_frame_is_rendered_afresh(rf: RequestFactory) -> None:
    request = rf.get("/catalogue/")
    slots = {"q": "", "results": "<p>r</p>"}
    with override_settings(DEBUG=True), translation.override("fr"):
        first = layout.frame("web/catalogue.html", "/catalogue/", {"nav": "x"}, frozenset(slots))
        again = layout.frame("web/catalogue.html", "/catalogue/", {"nav": "x"}, frozenset(slots))
        page = layout.render_framed(request, "web/catalogue.html", fixed={"nav": "x"}, slots=slots)
    assert first == again and first is not again
    assert "<p>r</p>" in page.content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_map_written_from_prepared_pieces_is_the_general_one(language: str) -> None:
    """The catalogue's fast path (``prefix_html``) draws the same map and table as links made
    one by one."""
    links = catalogue_page.MapLinks({"q": ["eau & <sel>"], "theme": ["sante"]})
    counts = {"SN": 12, "ML": 3, "FR": 1, "BF": 12, "DE": 0, "XX": 4}
    with translation.override(language):
        fast = figures.world_map(
            counts, href=links, href_html=links.html, prefix_html=links.prefix_html
        )
        general = figures.world_map(counts, href=links, href_html=links.html)
        # Again, from the pieces kept per country and count, under another query's links.
        others = catalogue_page.MapLinks({"zone": ["afrique"]})
        again = figures.world_map(
            counts, href=others, href_html=others.html, prefix_html=others.prefix_html
        )
        other_general = figures.world_map(counts, href=others, href_html=others.html)
    assert again.svg == other_general.svg and again.table != fast.table
    assert again.table == str(catalogue_templates.table_rows(other_general.rows))
    assert fast.svg == general.svg
    assert fast.table == str(catalogue_templates.table_rows(general.rows))
    assert fast.total_countries == general.total_countries == 4
    assert fast.table is not None and fast.table.index(">Burkina") < fast.table.index(">S")


@pytest.mark.parametrize("query", ["", "q=eau&country=SN", "q=%3Cb%3E&page=2", "theme=sante"])
def test_django_and_jinja2_render_the_region_alike(catalogue: Created, query: str) -> None:
    """The templates are written in the syntax both engines share; the benchmark compares
    them (docs/benchmarks.md), so both must write the same region."""
    from django.http import QueryDict

    params = catalogue_page.clean_params(dict(QueryDict(query).lists()))
    page = catalogue_page.build(catalogue_page.SearchQuery.from_params(params), params)
    with translation.override("en"):
        jinja = layout.encode(catalogue_templates.results_region(page, query))
        catalogue_templates.use_engine("django")
        try:
            django = layout.encode(catalogue_templates.results_region(page, query))
        finally:
            catalogue_templates.use_engine("jinja2")
    assert jinja == django
    assert b"<b>" not in jinja
