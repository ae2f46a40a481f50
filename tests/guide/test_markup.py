"""The guide's Markdown subset: blocks, inline spans and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopdec.guide.content import GuideContentError, load_page
from coopdec.guide.markup import MarkupError, parse_blocks, parse_inline


def test_blocks_and_spans() -> None:
    blocks = parse_blocks(
        "## Titre {#t}\n\n"
        "Un **gras** et *italique*, [lien](https://ex.fr) et [[rule:a.b|règle]].\n\n"
        "- un\n- deux\n\n- [ ] coche\n\n1. premier\n\n> note [[uncertain]]\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert [b.kind for b in blocks] == [
        "heading",
        "para",
        "list",
        "checklist",
        "olist",
        "callout",
        "table",
    ]
    assert blocks[0].anchor == "t" and blocks[0].level == 2
    kinds = [(s.kind, s.text, s.target) for s in blocks[1].spans]
    assert ("strong", "gras", "") in kinds and ("em", "italique", "") in kinds
    assert ("link", "lien", "https://ex.fr") in kinds and ("ref", "règle", "rule:a.b") in kinds
    assert len(blocks[6].rows) == 2


def test_a_heading_without_anchor_is_refused_with_its_line() -> None:
    with pytest.raises(MarkupError, match=r"page\.md, ligne 3"):
        parse_blocks("Texte\n\n## Sans ancre\n", "page.md")


def test_an_unknown_reference_kind_is_refused() -> None:
    with pytest.raises(MarkupError, match="référence inconnue"):
        parse_inline("[[loi:2021]]", 4, "page.md")


def test_a_table_with_a_wrong_row_is_refused() -> None:
    with pytest.raises(MarkupError, match="2 colonnes"):
        parse_blocks("| a | b |\n|---|---|\n| 1 |\n", "page.md")


def test_front_matter_errors_name_the_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_text("---\nid: p\ntitle: T\n---\n\nTexte\n", "utf-8")
    with pytest.raises(GuideContentError, match=r"p\.md : champ « part » manquant"):
        load_page(path, "fr")
    path.write_text(
        "---\nid: p\ntitle: T\npart: 1\norder: 1\nreviewed: 2026-01-01\nsummary: s\n"
        "sources:\n  - {label: L, url: 'https://x', confidence: sure}\n---\n\nTexte\n",
        "utf-8",
    )
    with pytest.raises(GuideContentError, match=r"sources\[0\].confidence"):
        load_page(path, "fr")
