from __future__ import annotations

from typing import Any

import pytest

from coopdec.documents import DOCUMENT_KINDS, MissingFieldsError, build_context, render_docx
from coopdec.projectfile import ProjectFileError

from .conftest import TODAY, parsed

EXPECTED_FOR_EMPTY_PROJECT = {
    "convention": {
        "title", "lead_authority", "partners", "budget.total", "financing", "start_date",
        "end_date",
    },
    "deliberation": {"title", "lead_authority", "partners", "budget.total", "financing"},
    "lettre-intention": {"title", "lead_authority", "partners", "budget.total", "financing"},
    "candidature": {
        "title", "lead_authority", "partners", "budget.total", "financing", "start_date",
        "end_date", "themes",
    },
    "charte-jumelage": {"title", "lead_authority", "partners"},
}  # fmt: skip
MONEY_KINDS = [
    kind for kind in DOCUMENT_KINDS if "budget.total" in EXPECTED_FOR_EMPTY_PROJECT[kind]
]


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_empty_project_lists_every_missing_field(kind: str) -> None:
    context = build_context(parsed({"coopdec_project": 1}), today=TODAY)
    with pytest.raises(MissingFieldsError) as raised:
        render_docx(kind, context)
    assert set(raised.value.paths) == EXPECTED_FOR_EMPTY_PROJECT[kind]
    assert raised.value.kind == kind
    # The message is meant for the user: French, one line per field.
    assert "partners : à fournir : au moins un partenaire étranger" in str(raised.value)
    if kind in MONEY_KINDS:
        assert "budget.total : à fournir : montant total du budget" in str(raised.value)


@pytest.mark.parametrize("kind", MONEY_KINDS)
def test_missing_budget_total_is_named(kind: str, project: dict[str, Any]) -> None:
    del project["budget"]["total"]
    with pytest.raises(MissingFieldsError) as raised:
        render_docx(kind, build_context(parsed(project), today=TODAY))
    assert raised.value.paths == ("budget.total",)


def test_dates_are_optional_for_a_deliberation_but_not_a_convention(
    project: dict[str, Any],
) -> None:
    del project["start_date"], project["end_date"]
    context = build_context(parsed(project), today=TODAY)
    assert render_docx("deliberation", context)
    with pytest.raises(MissingFieldsError) as raised:
        render_docx("convention", context)
    assert raised.value.paths == ("end_date", "start_date")


def test_letter_needs_a_quantified_own_contribution(project: dict[str, Any]) -> None:
    project["financing"] = [ln for ln in project["financing"] if ln["source"] == "program"]
    with pytest.raises(MissingFieldsError) as raised:
        render_docx("lettre-intention", build_context(parsed(project), today=TODAY))
    assert raised.value.paths == ("financing",)
    assert "contribution propre" in str(raised.value)


def test_incomplete_financing_lines_are_named(project: dict[str, Any]) -> None:
    project["financing"][2] = {"source": "one_percent", "amount": 20000}
    project["financing"][3] = {"source": "program", "amount": 52500}
    project["financing"].append({"source": "other"})
    # What the format itself requires (a 1 % line's service, a programme's id) is the
    # parser's to name; what only a document needs, the document's. Both name every path.
    with pytest.raises(ProjectFileError) as invalid:
        parsed(project)
    assert [e.path for e in invalid.value.errors] == [
        "financing[2].service",
        "financing[3].program",
    ]
    project["financing"][2]["service"] = "eau_assainissement"
    project["financing"][3]["program"] = "dctciv-aap-generaliste"
    with pytest.raises(MissingFieldsError) as raised:
        render_docx("candidature", build_context(parsed(project), today=TODAY))
    assert raised.value.paths == ("financing[5].amount", "financing[5].name")


def test_no_convention_with_a_foreign_state(project: dict[str, Any]) -> None:
    # CGCT L1115-5: a local authority may not sign a convention with a foreign State.
    project["partners"] = [{"name": "République du Burkina Faso", "country": "BF", "kind": "state"}]
    context = build_context(parsed(project), today=TODAY)
    with pytest.raises(MissingFieldsError) as raised:
        render_docx("convention", context)
    assert raised.value.paths == ("partners",)
    assert "L1115-1" in str(raised.value)
    assert render_docx("candidature", context)  # the summary still describes the project
