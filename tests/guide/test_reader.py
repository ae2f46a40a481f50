"""The web reader: table of contents, pages with anchors, previous/next, review dates,
search, the rules reference, and every link of every page answering."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from coopdec import assistant
from coopdec.guide import services
from coopdec.guide.content import LANGUAGES, load_guide

HREF = re.compile(r'href="(/[^"]*)"')


def _english(client: Client) -> None:
    client.cookies["django_language"] = "en"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_lists_every_part_and_page_with_its_review_date(
    client: Client, lang: str
) -> None:
    if lang == "en":
        _english(client)
    html = client.get("/guide/").content.decode()
    guide = load_guide(lang)
    for title in guide.parts.values():
        assert title.replace("'", "&#x27;") in html
    for page in guide.pages:
        assert f'href="/guide/{page.id}/"' in html
    assert html.count("data-reviewed") == 1
    for fmt in ("pdf", "epub", "synthesis"):
        assert f'href="/guide/telecharger/{fmt}/"' in html


def test_a_page_has_anchors_dates_sources_and_previous_next(client: Client) -> None:
    html = client.get("/guide/actes-et-prefet/").content.decode()
    assert '<h2 id="deliberation"' in html and 'href="#deliberation"' in html
    assert "Dernière relecture : 5 décembre 2026." in html
    assert 'rel="prev" href="/guide/cadre-juridique/"' in html
    assert 'rel="next" href="/guide/un-pour-cent/"' in html
    assert 'href="/guide/references/#regle-acts-council-deliberation"' in html
    assert "à vérifier" in html  # the uncertain mark of the 1 % vote and its source


def test_the_first_and_last_pages_have_one_neighbour(client: Client) -> None:
    first = client.get("/guide/mandat-et-territoire/").content.decode()
    last = client.get("/guide/ambassades-et-associations/").content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_an_unknown_page_is_a_404(client: Client) -> None:
    assert client.get("/guide/nulle-part/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_link_of_every_page_answers_and_every_anchor_exists(
    client: Client, lang: str
) -> None:
    if lang == "en":
        _english(client)
    pages = {}
    for page in load_guide(lang).pages:
        pages[f"/guide/{page.id}/"] = client.get(f"/guide/{page.id}/").content.decode()
    pages["/guide/references/"] = client.get("/guide/references/").content.decode()
    for path, html in list(pages.items()):
        for href in set(HREF.findall(html)):
            href = href.replace("&amp;", "&")
            parts = urlsplit(href)
            # the links of the content and the reader (the site's header and footer have theirs)
            if not parts.path.startswith(("/guide/", "/cahier/", "/catalogue/")):
                continue
            if parts.path.startswith("/guide/telecharger/"):
                continue
            target = pages.get(parts.path)
            if target is None:
                answer = client.get(href)
                assert answer.status_code == 200, (path, href)
                target = answer.content.decode()
                pages[parts.path] = target
            if parts.fragment:
                assert f'id="{parts.fragment}"' in target, (path, href)


def test_the_references_page_lists_every_rule_with_its_guide_section(client: Client) -> None:
    html = client.get("/guide/references/").content.decode()
    for rule in assistant.list_rules():
        assert f'data-rule="{rule.id}"' in html
        assert services.rule_guide_url(rule.id) in html


def test_search_finds_sections_through_accents_and_plurals(client: Client) -> None:
    html = client.get("/guide/recherche/", {"q": "deliberations prefet"}).content.decode()
    assert 'href="/guide/actes-et-prefet/#deliberation"' in html
    empty = client.get("/guide/recherche/", {"q": "zzzzzz"}).content.decode()
    assert "0 section" in empty


def test_search_in_english(client: Client) -> None:
    _english(client)
    html = client.get("/guide/recherche/", {"q": "water agencies"}).content.decode()
    assert 'href="/guide/un-pour-cent/#mecanismes"' in html


def test_rule_and_step_links_for_the_workspace() -> None:
    assert (
        services.rule_guide_url("l1115_5.foreign_state") == "/guide/cadre-juridique/#etat-etranger"
    )
    assert services.rule_guide_url("no.such_rule") is None
    assert services.step_guide_url("formalisation") == "/guide/cycle-de-projet/#formalisation"


@pytest.mark.django_db
def test_the_workspace_links_verdicts_and_steps_to_the_guide(client: Client) -> None:
    client.post("/projet/exemple/")
    html = client.get("/projet/formalisation/").content.decode()
    assert 'href="/guide/cycle-de-projet/#formalisation" data-guide-section' in html
    assert 'href="/guide/cadre-juridique/#etat-etranger" data-guide-section' in html


def test_the_site_navigation_leads_to_the_guide(client: Client) -> None:
    html = client.get("/guide/").content.decode()
    assert 'href="/guide/" aria-current="true"' in html
