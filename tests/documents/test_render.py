"""Every kind in every format, rendered from a realistic project and read back."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdec.documents import (
    DOCUMENT_KINDS,
    MEDIA_TYPES,
    UnknownDocumentKindError,
    UnknownFormatError,
    build_context,
    compose,
    render,
)
from coopdec.documents.blocks import Table

from .conftest import FIGURES, PLACEHOLDERS, TODAY, docx_text, flat, parsed, pdf_text

FORMATS: dict[str, Callable[[bytes], str]] = {"docx": docx_text, "pdf": pdf_text}
CASES = [(kind, fmt) for kind in DOCUMENT_KINDS for fmt in FORMATS]

# The legal references each kind must name (domain brief A.1-A.4).
LEGAL = {
    "convention": ("L1115-1", "L1115-1-1", "L1115-5", "NOR/INTB1809792C", "24 mai 2018"),
    "deliberation": ("L2121-29", "L1115-1", "L1115-1-1", "NOR/INTB1809792C", "2021-1031"),
    "lettre-intention": ("L1115-1", "L1115-1-1", "NOR/INTB1809792C"),
    "candidature": ("L1115-1", "L1115-1-1", "L1115-5", "NOR/INTB1809792C"),
    "charte-jumelage": ("L1115-1", "NOR/INTB1809792C", "aucun engagement financier"),
}
# A charter commits no money: it shows no financing figures (issue 22.5).
MONEY_CASES = [(kind, fmt) for kind, fmt in CASES if kind != "charte-jumelage"]


@pytest.fixture(scope="module")
def rendered() -> dict[tuple[str, str], str]:
    """Render the 8 documents once; the checks below read the extracted text."""
    from .conftest import PROJECT

    out = {}
    for kind, fmt in CASES:
        data = render(kind, parsed(PROJECT), fmt, today=TODAY)
        out[kind, fmt] = flat(FORMATS[fmt](data))
    return out


@pytest.mark.parametrize(("kind", "fmt"), MONEY_CASES)
def test_document_shows_the_project_figures(
    kind: str, fmt: str, rendered: dict[tuple[str, str], str]
) -> None:
    text = rendered[kind, fmt]
    assert "Accès à l'eau potable et à l'assainissement à Réo" in text
    assert "Commune de Réo" in text
    assert "Commune de Gaillac" in text
    for figure in FIGURES:
        assert figure in text, figure
    assert "20\u202f000,00\u00a0€" in text  # the 1 % eau line
    assert "12 mars 2026" in text or kind == "deliberation"


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_document_names_its_legal_references(
    kind: str, fmt: str, rendered: dict[tuple[str, str], str]
) -> None:
    for reference in LEGAL[kind]:
        assert reference in rendered[kind, fmt], reference


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_no_placeholder_left(kind: str, fmt: str, rendered: dict[tuple[str, str], str]) -> None:
    assert PLACEHOLDERS.findall(rendered[kind, fmt]) == []


def test_convention_states_purpose_commitments_and_entry_into_force(
    rendered: dict[tuple[str, str], str],
) -> None:
    text = rendered["convention", "pdf"]
    for words in (
        "Article 1er – Objet",
        "Engagements financiers prévisionnels",
        "du 1er janvier 2026 au 31 décembre 2028",
        "comité de pilotage",
        "Suivi et évaluation",
        "entre en vigueur à la date de sa transmission au représentant de l'État",
        "Résiliation",
        "Règlement des litiges",
        "Fait à Gaillac, en 3 exemplaires originaux.",
        "Pour la Commune de Gaillac",
        "Pour la Communauté d'agglomération Gaillac-Graulhet",
    ):
        assert words in text, words


def test_deliberation_decides_and_budgets(rendered: dict[tuple[str, str], str]) -> None:
    text = rendered["deliberation", "docx"]
    assert "Le conseil municipal," in text
    assert "Séance du 20 novembre 2025" in text
    assert "Approuve le jumelage" in text
    assert "autorise le maire à la signer" in text
    assert "52\u202f500,00\u00a0€ auprès du MEAE – DCTCIV" in text
    assert "32\u202f500,00\u00a0€ en numéraire au budget principal" in text
    assert "transmises au représentant de l'État" in text


@pytest.mark.parametrize(
    ("service", "article"),
    [("dechets", "L1115-2"), ("mobilite", "L1115-3"), ("energie", "L1115-1-1")],
)
def test_each_one_percent_brings_its_article(
    project: dict[str, Any], service: str, article: str
) -> None:
    project["financing"][2]["service"] = service
    text = flat(docx_text(render("deliberation", parsed(project), "docx", today=TODAY)))
    assert f"Vu le code général des collectivités territoriales, article {article} ;" in text


def test_financing_plan_is_a_real_docx_table(project: dict[str, Any]) -> None:
    document = docx.Document(
        io.BytesIO(render("candidature", parsed(project), "docx", today=TODAY))
    )
    plans = [t for t in document.tables if t.rows[0].cells[0].text == "Financeur"]
    assert len(plans) == 1
    rows = [[c.text for c in row.cells] for row in plans[0].rows]
    assert rows[0] == ["Financeur", "Nature", "Montant", "Part du budget"]
    assert rows[4][2:] == ["52\u202f500,00\u00a0€", "42,0\u00a0%"]
    assert rows[-1] == ["Total des financements", "", "125\u202f000,00\u00a0€", "100,0\u00a0%"]
    assert document.core_properties.language == "fr-FR"
    assert [p.text for p in document.paragraphs if p.style and p.style.name.startswith("Heading")]


HOSTILE = "Eau #set page(width: 1cm) *gras* _it_ $x^2$ @ref <lbl> ] [ \\ `raw` // {{ fin"


@pytest.mark.parametrize("fmt", FORMATS)
def test_markup_characters_in_user_text_print_literally(project: dict[str, Any], fmt: str) -> None:
    project["title"] = HOSTILE
    project["partners"][0]["name"] = "Commune #2 ] *Réo*"
    text = flat(FORMATS[fmt](render("convention", parsed(project), fmt, today=TODAY)))
    assert HOSTILE in text
    assert "Commune #2 ] *Réo*" in text


def test_pdf_is_reproducible(project: dict[str, Any]) -> None:
    first = render("lettre-intention", parsed(project), "pdf", today=TODAY)
    assert first.startswith(b"%PDF-")
    assert render("lettre-intention", parsed(project), "pdf", today=TODAY) == first


def test_optional_fields_are_left_out_with_their_sentence(project: dict[str, Any]) -> None:
    for key in ("description", "objectives", "sdg_targets", "co_authorities", "instruments"):
        del project[key]
    del project["budget"]["monitoring_evaluation"]
    for kind in DOCUMENT_KINDS:
        text = flat(docx_text(render(kind, parsed(project), "docx", today=TODAY)))
        assert PLACEHOLDERS.findall(text) == []
        assert "Réhabilitation de forages" not in text
        assert "suivi et à l'évaluation" not in text
        assert "Gaillac-Graulhet" not in text


def test_every_block_of_every_kind_is_data_only(project: dict[str, Any]) -> None:
    context = build_context(parsed(project), today=TODAY)
    for kind in DOCUMENT_KINDS:
        document = compose(kind, context)
        assert document.kind == kind
        # Every act but the charter (which commits no money) carries the financing table.
        assert any(isinstance(b, Table) for b in document.blocks) or kind == "charte-jumelage"


def test_unknown_kind_and_format_are_refused(project: dict[str, Any]) -> None:
    with pytest.raises(UnknownDocumentKindError):
        render("arrete", parsed(project), "pdf", today=TODAY)
    with pytest.raises(UnknownFormatError):
        render("convention", parsed(project), "odt", today=TODAY)
    assert set(MEDIA_TYPES) == set(FORMATS)


@pytest.mark.parametrize(
    "leftover", ["{{ title }}", "[à compléter : montant]", "None", "NaN", "{amount}", "TODO"]
)
def test_placeholder_detector_detects(leftover: str) -> None:
    assert PLACEHOLDERS.search(f"Montant : {leftover}.")
    assert not PLACEHOLDERS.search("Financement national, financiers, nonobstant")


MARKUP_HEAVY = st.text(
    alphabet=st.sampled_from("abcXYZéèàçœ«»' #*_$@<>[]{}()\\`/=+-~%&|!?.,;:0123456789"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


@settings(max_examples=8, deadline=None)
@given(title=MARKUP_HEAVY)
def test_any_title_prints_literally_in_pdf(title: str) -> None:
    from .conftest import PROJECT

    project = {**PROJECT, "title": title}
    text = flat(pdf_text(render("candidature", parsed(project), "pdf", today=TODAY)))
    assert " ".join(title.split()) in text
