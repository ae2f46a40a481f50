"""The application holds what the ministry's form asks: narrative (context, objectives,
expected results), a logical framework with indicators, a budget by expense category and by
year, and the partner's commitment; the project file carries them, its schema follows."""

from __future__ import annotations

import copy
import json
import re

import pytest

from coopdec.documents import render
from coopdec.projectfile import ProjectFileError, parse_project, project_to_dict
from coopdec.projectfile.schema import json_schema

from .conftest import PROJECT, TODAY, docx_text, flat, parsed

FORM = {
    "context": "Réo manque de points d'eau : 40 % des ménages à plus de 500 m d'un forage.",
    "expected_results": ["12 forages réhabilités", "Un service municipal de l'eau formé"],
    "logframe": [
        {
            "result": "Accès à l'eau",
            "indicator": "Forages en service",
            "baseline": 0,
            "target": 12,
            "source": "Rapport du service de l'eau",
        }
    ],
    "budget_lines": [
        {"category": "travaux", "year": 2026, "amount": 30000},
        {"category": "travaux", "year": 2027, "amount": 20000},
        {"category": "formation", "year": 2027, "amount": 5000},
    ],
}


def _project() -> dict[str, object]:
    project = copy.deepcopy(PROJECT)
    form = copy.deepcopy(FORM)
    project["context"] = form["context"]
    project["expected_results"] = form["expected_results"]
    project["logframe"] = form["logframe"]
    project["budget"] = {**project["budget"], "lines": form["budget_lines"]}  # type: ignore[dict-item]
    project["partners"][0]["commitment"] = "Mise à disposition de deux agents"  # type: ignore[index]
    return project


def test_the_file_carries_the_form_and_round_trips() -> None:
    parsed_project = parse_project(_project())
    assert parsed_project.logframe[0].target == "12"
    assert parsed_project.budget is not None and len(parsed_project.budget.lines) == 3
    assert parse_project(project_to_dict(parsed_project)) == parsed_project
    schema = json_schema()
    assert "logframe" in schema["properties"] and "context" in schema["properties"]
    lines = schema["properties"]["budget"]["properties"]["lines"]["items"]["properties"]
    assert lines["category"]["enum"][:2] == ["personnel", "missions"]
    assert "commitment" in json.dumps(schema["properties"]["partners"])


def test_bad_form_values_are_named() -> None:
    project = _project()
    project["budget"]["lines"][0]["year"] = "l'an prochain"  # type: ignore[index]
    project["budget"]["lines"][1]["category"] = "cadeaux"  # type: ignore[index]
    with pytest.raises(ProjectFileError) as info:
        parse_project(project)
    paths = {e.path for e in info.value.errors}
    assert paths == {"budget.lines[0].year", "budget.lines[1].category"}


def test_the_application_shows_the_form() -> None:
    text = docx_text(render("candidature", parsed(_project()), "docx", today=TODAY))
    flat_text = flat(text)
    for expected in (
        "Contexte",
        "Réo manque de points d'eau",
        "Résultats attendus",
        "12 forages réhabilités",
        "Cadre logique",
        "Forages en service",
        "Rapport du service de l'eau",
        "Engagement des partenaires",
        "Commune de Réo : Mise à disposition de deux agents",
        "Budget par catégorie de dépenses et par année",
        "Travaux",
        "50\u202f000,00\u00a0€",  # travaux over both years
        "55\u202f000,00\u00a0€",  # the grand total
    ):
        assert expected in flat_text, expected
    numbers = [int(n) for n in re.findall(r"(?m)^(\d+)\. [A-ZÉ]", text)]
    assert numbers == list(range(1, len(numbers) + 1))
