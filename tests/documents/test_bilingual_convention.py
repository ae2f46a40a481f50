"""The bilingual convention (issue 15): every section in French then in English, in DOCX and
PDF, no placeholder, one signature block; every text the convention uses has its English
version in the catalogue."""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

import pytest

from coopdec import documents
from coopdec.documents import (
    BILINGUAL_KINDS,
    UnknownDocumentKindError,
    compose,
    render,
    render_bilingual,
)
from coopdec.documents.bilingual import bilingual
from coopdec.documents.blocks import Heading, Paragraph, Signatures
from coopdec.documents.context import build_context
from coopdec.i18n import translated
from coopdec.web.pofile import LOCALE_DIR
from tests.shared.gettext_marks import marked_texts, placeholder_mismatches, untranslated

from .conftest import PLACEHOLDERS, TODAY, docx_text, flat, parsed, pdf_text

ENGLISH = gettext.translation("django", str(LOCALE_DIR), languages=["en"]).gettext
PACKAGE = Path(documents.__file__).resolve().parent
# The other kinds are French only: their texts are not needed by the convention.
FRENCH_ONLY = {
    "application.py",
    "charter.py",
    "deliberation.py",
    "letter.py",
    "opportunity_note.py",
}
# A clause in its two versions (the termination article), as a reader sees it.
CLAUSE = (
    "Chacune des Parties peut résilier la présente convention par écrit, moyennant un préavis "
    "de trois mois.",
    "Each Party may terminate this convention in writing, with three months' notice.",
)


def test_every_text_of_the_convention_has_its_english_version() -> None:
    texts = marked_texts(PACKAGE, skip=FRENCH_ONLY)
    assert len(texts) > 150
    assert untranslated(texts) == []
    assert placeholder_mismatches(texts) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_bilingual_convention_holds_both_versions_of_each_clause(
    project: dict[str, Any], fmt: str
) -> None:
    data = render_bilingual("convention", parsed(project), fmt, english=ENGLISH, today=TODAY)
    # python-docx and pypdf open the file; its text holds the clause in both languages.
    text = flat(docx_text(data) if fmt == "docx" else pdf_text(data))
    for version in CLAUSE:
        assert version in text
    assert "Règlement des litiges" in text and "Settlement of disputes" in text
    assert "Having regard to the Code général des collectivités territoriales" in text
    assert "12 March 2026" in text and "12 mars 2026" in text
    assert PLACEHOLDERS.search(text) is None
    # The French version comes first, as the convention's language article says it prevails.
    assert text.index(CLAUSE[0]) < text.index(CLAUSE[1])


def test_sections_alternate_and_the_parties_sign_once(project: dict[str, Any]) -> None:
    def composed(translate: Any) -> documents.Document:
        with translated("en" if translate is not str else "fr", translate):
            return compose("convention", build_context(parsed(project), today=TODAY))

    french, english = composed(str), composed(ENGLISH)
    merged = bilingual(french, english)
    headings = [b.text for b in merged.blocks if isinstance(b, Heading)]
    assert headings[:4] == [
        "Entre les soussignés",
        "Between the undersigned",
        "Préambule",
        "Preamble",
    ]
    assert "Article 9 – Résiliation" in headings and "Article 9 – Termination" in headings
    signatures = [b for b in merged.blocks if isinstance(b, Signatures)]
    assert len(signatures) == 1
    assert signatures[0].signatures[0].signatory == "le maire / the mayor"
    english_paragraphs = [
        b for b in merged.blocks if isinstance(b, Paragraph) and "Parties" in b.runs[0].text
    ]
    assert any(all(r.italic for r in p.runs) for p in english_paragraphs)
    assert merged.title == (
        "Convention de partenariat de coopération décentralisée / "
        "Decentralised cooperation partnership convention"
    )


def test_the_french_convention_is_unchanged(project: dict[str, Any]) -> None:
    text = flat(docx_text(render("convention", parsed(project), "docx", today=TODAY)))
    assert CLAUSE[0] in text and CLAUSE[1] not in text


def test_only_the_convention_is_bilingual(project: dict[str, Any]) -> None:
    assert BILINGUAL_KINDS == ("convention",)
    with pytest.raises(UnknownDocumentKindError):
        render_bilingual("deliberation", parsed(project), "pdf", english=ENGLISH, today=TODAY)
