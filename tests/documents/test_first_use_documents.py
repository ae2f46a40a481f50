"""What a first reader of the documents noticed: section numbers with a gap, missing French
articles ("avec Commune de Réo"), and a funding request written for an ineligible programme."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest

from coopdec import projectfile_service as services
from coopdec.documents import MissingFieldsError, render
from coopdec.documents.articles import definite, of, to

from .conftest import PROJECT, TODAY, docx_text, flat, parsed

# name -> with its article, after "de", after "à"
ARTICLE_CASES = {
    "Commune de Fissel": ("la Commune de Fissel", "de la Commune", "à la Commune"),
    "Agence de l'eau Loire-Bretagne": ("l'Agence de l'eau", "de l'Agence", "à l'Agence"),
    "Ministère de l'Europe": ("le Ministère de l'Europe", "du Ministère", "au Ministère"),
    "MEAE – DCTCIV": ("le MEAE – DCTCIV", "du MEAE", "au MEAE"),
    "Expertise France": ("Expertise France", "d'Expertise France", "à Expertise France"),
    "Koudougou": ("Koudougou", "de Koudougou", "à Koudougou"),
    "Le Mans": ("Le Mans", "du Mans", "au Mans"),
    "État du Sénégal": ("l'État du Sénégal", "de l'État", "à l'État"),
}


@pytest.mark.parametrize("name", ARTICLE_CASES)
def test_articles_and_elision(name: str) -> None:
    with_article, after_de, after_a = ARTICLE_CASES[name]
    assert definite(name).startswith(with_article)
    assert of(name).startswith(after_de)
    assert to(name).startswith(after_a)


def test_the_deliberation_and_the_letter_write_the_articles() -> None:
    for kind in ("deliberation", "lettre-intention"):
        text = flat(docx_text(render(kind, parsed(PROJECT), "docx", today=TODAY)))
        assert "avec la Commune de Réo" in text, kind
        assert "avec Commune de" not in text, kind
    text = flat(docx_text(render("deliberation", parsed(PROJECT), "docx", today=TODAY)))
    assert "auprès du MEAE – DCTCIV" in text and "auprès de MEAE" not in text


def _section_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?m)^(\d+)\. [A-ZÉ]", text)]


@pytest.mark.parametrize("drop", [(), ("description", "objectives")])
def test_the_application_numbers_its_sections_without_a_gap(drop: tuple[str, ...]) -> None:
    project = copy.deepcopy(PROJECT)
    for key in drop:
        project.pop(key, None)
    text = docx_text(render("candidature", parsed(project), "docx", today=TODAY))
    numbers = _section_numbers(text)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 6


def _asking(program: str) -> dict[str, object]:
    project = copy.deepcopy(PROJECT)
    project["financing"] = [
        *[line for line in project["financing"] if line["source"] != "program"],  # type: ignore[union-attr]
        {"source": "program", "program": program, "amount": 10000},
    ]
    return project


def test_a_request_to_an_ineligible_programme_is_refused_with_the_reason() -> None:
    on = dt.date(2025, 3, 1)
    project = services.parse(_asking("dctciv-aap-sport"))  # sport only; this is water
    with pytest.raises(MissingFieldsError) as info:
        services.document("candidature", project, "pdf", on)
    assert "n'est pas éligible à « Appel à projets « Sport" in str(info.value)
    problems = services.document_problems(project, on)
    last = len(project.financing) - 1
    assert [p.path for p in problems["candidature"]] == [f"financing[{last}].program"]
    assert problems["convention"] == []  # a convention asks no funder for money
    services.document("convention", project, "pdf", on)


def test_a_programme_to_check_does_not_block_the_request() -> None:
    on = dt.date(2025, 3, 1)
    project = services.parse(_asking("dctciv-aap-generaliste"))
    assert services.eligibility_problems("candidature", project, on) == []
