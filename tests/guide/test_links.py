"""Links both ways: every reference of the guide exists, every rule has its section, every
workspace step has its section, and French and English pages have the same addresses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopdec import assistant
from coopdec.guide import links
from coopdec.guide.content import LANGUAGES, Guide, load_guide, load_page
from coopdec.web.workspace.steps import STEPS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reference_resolves_and_every_rule_is_explained(lang: str) -> None:
    assert links.problems(load_guide(lang)) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_of_the_engine_has_a_section_that_cites_it(lang: str) -> None:
    guide = load_guide(lang)
    explained = links.explaining_sections(guide)
    rule_ids = {rule.id for rule in assistant.list_rules()}
    assert len(rule_ids) >= 20
    assert set(explained) == rule_ids
    for rule_id, target in explained.items():
        page = guide.page(target.page)
        assert page is not None
        section = next(s for s in page.sections if s.anchor == target.anchor)
        cited = {s.target for s in links.iter_spans(section.blocks) if s.kind == "ref"}
        assert f"rule:{rule_id}" in cited


def test_every_workspace_step_has_its_section_in_the_project_cycle_page() -> None:
    guide = load_guide("fr")
    for step in STEPS:
        assert links.step_section(guide, step.slug) is not None, step.slug


def test_french_and_english_pages_have_the_same_ids_anchors_and_rules() -> None:
    french, english = load_guide("fr"), load_guide("en")
    assert [p.id for p in french.pages] == [p.id for p in english.pages]
    for fr_page, en_page in zip(french.pages, english.pages, strict=True):
        assert [s.anchor for s in fr_page.sections] == [s.anchor for s in en_page.sections]
        assert fr_page.explains == en_page.explains
        assert [r[:2] for r in links.references(fr_page)] == [
            r[:2] for r in links.references(en_page)
        ], fr_page.id
        assert fr_page.reviewed == en_page.reviewed
        assert [s.url for s in fr_page.sources] == [s.url for s in en_page.sources]


def test_the_three_parts_cover_the_guide_topics() -> None:
    guide = load_guide("fr")
    assert sorted(guide.parts) == [1, 2, 3]
    ids = {p.id for p in guide.pages}
    assert {"cadre-juridique", "actes-et-prefet", "un-pour-cent", "appels-du-ministere",
            "ficol-et-fonds-conjoints", "europe-et-regions", "cycle-de-projet",
            "declaration-apd", "trouver-des-partenaires", "ambassades-et-associations",
            "mandat-et-territoire", "odd-et-loi-2021", "craintes"} <= ids  # fmt: skip
    for page in guide.pages:
        assert page.sources, page.id
        assert isinstance(page.reviewed, dt.date)


def _one_page_guide(tmp_path: Path, body: str, explains: str = "") -> Guide:
    path = tmp_path / "page.md"
    path.write_text(
        "---\nid: essai\ntitle: Essai\npart: 2\norder: 1\nreviewed: 2026-01-01\nsummary: s\n"
        f"sources: []\n{explains}---\n\n{body}\n",
        "utf-8",
    )
    page = load_page(path, "fr")
    return Guide("fr", "Guide", "", {1: "a", 2: "b", 3: "c"}, (page,))


def test_a_broken_reference_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    guide = _one_page_guide(
        tmp_path,
        "## Titre {#titre}\n\nVoir [[rule:l1115_9.nothing]], [[programme:nowhere]],\n"
        "[[theme:astronomie]] et [[page:absente#x]] ou [[page:essai#absente]].",
    )
    found = links.problems(guide)
    assert "fr/page.md, ligne 13 : règle inconnue « l1115_9.nothing »" in found
    assert any("programme inconnu « nowhere »" in p for p in found)
    assert any("thème inconnu « astronomie »" in p for p in found)
    assert any("page inconnue « absente »" in p for p in found)
    assert any("ancre inconnue « essai#absente »" in p for p in found)
    # and, with this single page, no rule of the engine is explained
    assert any("n'explique la règle « l1115_5.foreign_state »" in p for p in found)


def test_a_section_must_cite_the_rule_it_claims_to_explain(tmp_path: Path) -> None:
    guide = _one_page_guide(
        tmp_path, "## Titre {#titre}\n\nRien ici.", "explains:\n  l1115_1.partner: titre\n"
    )
    assert (
        "fr/page.md : la section « titre » doit citer [[rule:l1115_1.partner]] qu'elle explique"
        in links.problems(guide)
    )
