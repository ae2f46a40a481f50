"""The bounds of the project file: list caps, nesting depth, typed paths and vocabularies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coopdec.projectfile import (
    MAX_DEPTH,
    MAX_ITEMS,
    NestingTooDeepError,
    ProjectFileError,
    load_project_file,
    parse_bytes,
    parse_project,
)
from coopdec.projectfile import model as m
from coopdec.projectfile import paths as P


def _errors(data: dict[str, object]) -> list[tuple[str, str]]:
    with pytest.raises(ProjectFileError) as info:
        parse_project(data)
    return [(e.path, e.message) for e in info.value.errors]


@pytest.mark.parametrize("key", ["financing", "partners", "co_authorities", "sdg_targets"])
def test_a_list_past_the_cap_is_one_clear_error(key: str) -> None:
    item: object = {"source": "own_cash", "amount": 1} if key == "financing" else {}
    if key == "sdg_targets":
        item = "6.1"
    assert _errors({"coopdec_project": 1, key: [item] * 5000}) == [
        (key, "5000 éléments : 30 au plus")
    ]


def test_the_cap_itself_is_accepted() -> None:
    lines = [{"source": "own_cash", "amount": i} for i in range(MAX_ITEMS)]
    assert len(parse_project({"coopdec_project": 1, "financing": lines}).financing) == MAX_ITEMS
    with pytest.raises(ProjectFileError):
        parse_project({"coopdec_project": 1, "financing": [*lines, lines[0]]})


def test_description_and_objectives_are_read_for_the_documents() -> None:
    one = parse_project({"coopdec_project": 1, "description": " Forages ", "objectives": "Eau"})
    assert one.description == "Forages" and one.objectives == ("Eau",)
    many = parse_project({"coopdec_project": 1, "objectives": ["A", "B"]})
    assert many.objectives == ("A", "B")
    assert _errors({"coopdec_project": 1, "objectives": ["A", 3]}) == [
        ("objectives[1]", "un texte non vide est attendu")
    ]


DEEP = 5000  # far past Python's recursion limit: a RecursionError before the limit existed


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("flow.yaml", "coopdec_project: 1\ntitle: " + "[" * DEEP + "]" * DEEP + "\n"),
        ("flow.json", '{"coopdec_project": 1, "title": ' + "[" * DEEP + "]" * DEEP + "}"),
        ("objects.json", '{"a": ' * DEEP + "1" + "}" * DEEP),
        (
            "block.yaml",
            "".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60 + "x: 1\n",
        ),
    ],
)
def test_deep_nesting_is_refused_before_decoding(name: str, text: str, tmp_path: Path) -> None:
    with pytest.raises(NestingTooDeepError) as info:
        parse_bytes(text.encode(), name)
    assert info.value.errors[0].path == ""
    assert f"imbriquée ({MAX_DEPTH} niveaux au plus)" in info.value.errors[0].message
    path = tmp_path / name
    path.write_text(text, "utf-8")
    with pytest.raises(NestingTooDeepError):
        load_project_file(path)


def test_nesting_the_format_needs_is_accepted_and_brackets_in_strings_do_not_count() -> None:
    text = json.dumps({"coopdec_project": 1, "title": "[[[[" * 50, "instruments": {}})
    assert parse_bytes(text.encode(), "p.json").title == "[[[[" * 50
    deep_value = {"coopdec_project": 1, "title": "x"}
    node: dict[str, object] = deep_value
    for _level in range(MAX_DEPTH + 1):
        node["x"] = {}
        node = node["x"]  # type: ignore[assignment]
    with pytest.raises(NestingTooDeepError):
        parse_project(deep_value)


def test_paths_are_checked_against_the_model() -> None:
    assert str(P.CONVENTION_SIGNED) == "instruments.convention.signed"
    assert str(P.LINE_AMOUNT) == "amount"
    with pytest.raises(KeyError):
        P.path(m.ProjectFile, "instruments", "convention", "sign")
    with pytest.raises(KeyError):
        P.path(m.ProjectFile, "title", "below")


def test_paths_read_and_write_a_mapping_and_clean_up_empty_objects() -> None:
    data: dict[str, object] = {}
    P.CONVENTION_SIGNED.set(data, True)
    assert data == {"instruments": {"convention": {"signed": True}}}
    assert P.CONVENTION_SIGNED.get(data) is True
    assert P.BUDGET_TOTAL.get(data) is None
    P.CONVENTION_SIGNED.set(data, None)
    assert data == {}


def test_authority_kinds_are_declared_once() -> None:
    from coopdec.documents.labels import AUTHORITY_KIND_NAMING

    assert tuple(AUTHORITY_KIND_NAMING) == m.AUTHORITY_KINDS
