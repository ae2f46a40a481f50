"""Project file v1: parsing errors name their JSON path; export/parse round-trips."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdec.projectfile import (
    ProjectFileError,
    load_project_file,
    parse_project,
    project_to_dict,
)
from coopdec.projectfile import model as m
from coopdec.projectfile.schema import SCHEMA_FILE, schema_text

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "coopdec" / "assistant" / "examples"
SCHEMA = SCHEMA_FILE


def _paths(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ProjectFileError) as info:
        parse_project(data)
    return [e.path for e in info.value.errors]


def test_minimal_file_is_valid() -> None:
    project = parse_project({"coopdec_project": 1})
    assert project.partners == ()
    assert project.budget is None


def test_version_is_required() -> None:
    assert _paths({}) == ["coopdec_project"]
    assert _paths({"coopdec_project": 2}) == ["coopdec_project"]


def test_every_wrong_field_is_reported_with_its_path() -> None:
    paths = _paths(
        {
            "coopdec_project": 1,
            "lead_authority": {"kind": "mairie", "code": "81060"},
            "partners": [{"name": "A", "country": "BF"}, {"name": "B", "country": "XX"}],
            "themes": ["eau_assainissement", "eau"],
            "sdg_targets": ["6.1", "6.z"],
            "start_date": "2025-13-01",
            "financing": [
                {"source": "own_cash", "amount": 10},
                {"source": "program", "program": "nope", "amount": 5},
                {"source": "one_percent", "amount": "douze"},
            ],
            "budget": {"currency": "USD", "total": -3},
            "instruments": {"convention": {"signed": "oui"}},
            "extra": 1,
        }
    )
    assert set(paths) == {
        "lead_authority.kind",
        "partners[1].country",
        "themes[1]",
        "sdg_targets[1]",
        "start_date",
        "financing[1].program",
        "financing[2].service",
        "financing[2].amount",
        "budget.currency",
        "budget.total",
        "instruments.convention.signed",
        "extra",
    }


def test_messages_are_french_and_name_the_expectation() -> None:
    with pytest.raises(ProjectFileError) as info:
        parse_project({"coopdec_project": 1, "financing": [{}, {}, {"amount": "x"}]})
    (error,) = info.value.errors
    assert error.path == "financing[2].amount"
    assert "montant" in error.message
    assert "financing[2].amount" in str(info.value)
    assert info.value.to_json()["errors"] == [{"path": error.path, "message": error.message}]


@pytest.mark.parametrize(
    ("text", "amount"),
    [("12000", "12000"), ("12000.50", "12000.50"), ("12 000", "12000"),
     ("12\u202f000.5", "12000.5"), (" 7 ", "7")],
)  # fmt: skip
def test_an_amount_written_as_text_is_read_exactly(text: str, amount: str) -> None:
    project = parse_project({"coopdec_project": 1, "budget": {"total": text}})
    assert project.budget is not None and project.budget.total == Decimal(amount)


@pytest.mark.parametrize("text", ["1e5", "1.8e-141", "-3", "+3", "12,5", "12\n", ".5", "", "NaN"])
def test_an_amount_text_outside_the_published_pattern_is_refused(text: str) -> None:
    """The schema's pattern says which strings are amounts (the API's fuzzing sends the
    others): the parser accepts exactly those, not all that ``Decimal`` reads."""
    assert _paths({"coopdec_project": 1, "budget": {"total": text}}) == ["budget.total"]


def test_authority_code_format_is_checked() -> None:
    assert _paths({"coopdec_project": 1, "lead_authority": {"kind": "epci", "code": "81"}}) == [
        "lead_authority.code"
    ]


def test_end_before_start_is_rejected() -> None:
    paths = _paths({"coopdec_project": 1, "start_date": "2025-02-01", "end_date": "2025-01-01"})
    assert paths == ["end_date"]


def test_daect_program_ids_are_aliases_of_dctciv() -> None:
    line = {"source": "program", "program": "daect-aap-generaliste", "amount": 1}
    project = parse_project({"coopdec_project": 1, "financing": [line]})
    assert project.financing[0].program == "dctciv-aap-generaliste"


def test_money_is_decimal_and_exact() -> None:
    project = parse_project({"coopdec_project": 1, "budget": {"total": 0.1}})
    assert project.budget is not None
    assert project.budget.total == Decimal("0.1")


def test_load_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "projet.yaml"
    path.write_text("coopdec_project: 1\ntitle: [oops\nthemes: []\n", encoding="utf-8")
    with pytest.raises(ProjectFileError) as info:
        load_project_file(path)
    assert info.value.source == str(path)
    assert "ligne" in info.value.errors[0].message
    assert str(path) in str(info.value)


def test_load_json_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "projet.json"
    path.write_text('{"coopdec_project": 1,}', encoding="utf-8")
    with pytest.raises(ProjectFileError) as info:
        load_project_file(path)
    assert "ligne 1" in info.value.errors[0].message


def test_load_rejects_other_extensions_and_non_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "projet.txt"
    bad.write_text("coopdec_project: 1", encoding="utf-8")
    with pytest.raises(ProjectFileError):
        load_project_file(bad)
    latin = tmp_path / "projet.yaml"
    latin.write_bytes("title: Énergie\n".encode("latin-1"))
    with pytest.raises(ProjectFileError) as info:
        load_project_file(latin)
    assert "UTF-8" in info.value.errors[0].message


def test_parse_errors_from_a_file_carry_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "projet.yaml"
    path.write_text("coopdec_project: 1\npartners:\n  - country: ZZ\n", encoding="utf-8")
    with pytest.raises(ProjectFileError) as info:
        load_project_file(path)
    assert info.value.source == str(path)
    assert info.value.errors[0].path == "partners[0].country"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.iterdir()))
def test_examples_load_and_round_trip(name: str) -> None:
    project = load_project_file(EXAMPLES / name)
    assert parse_project(project_to_dict(project)) == project
    assert project.budget is not None and project.budget.total is not None
    assert sum(f.amount or 0 for f in project.financing) == project.budget.total


def test_yaml_and_json_examples_describe_the_same_project() -> None:
    yaml_project = load_project_file(EXAMPLES / "carmaux-koudougou-eau.yaml")
    json_project = load_project_file(EXAMPLES / "carmaux-koudougou-eau.json")
    assert yaml_project == json_project


def _schema_keys(node: dict[str, Any]) -> set[str]:
    return set(node.get("properties", {}))


def test_schema_and_parser_agree_on_keys_and_vocabularies() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    props = schema["properties"]
    # The full example uses every key but those only the documents print.
    assert _schema_keys(schema) == set(project_to_dict(_full_project())) | {
        "description",
        "context",
        "objectives",
        "expected_results",
        "logframe",
    }
    assert props["themes"]["items"]["enum"] == list(m.THEMES)
    assert len(props["sdg_targets"]["items"]["enum"]) == 169
    financing = props["financing"]["items"]["properties"]
    assert financing["source"]["enum"] == list(m.FINANCING_SOURCES)
    assert financing["service"]["enum"] == list(m.ONE_PERCENT_SERVICES)
    assert props["partners"]["items"]["properties"]["kind"]["enum"] == list(m.PARTNER_KINDS)
    assert schema["$defs"]["authority"]["properties"]["kind"]["enum"] == list(m.AUTHORITY_KINDS)


def test_the_published_schema_is_the_one_generated_from_the_model() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text()
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["properties"]["financing"]["maxItems"] == m.MAX_ITEMS


def _full_project() -> m.ProjectFile:
    return load_project_file(EXAMPLES / "albigeois-chefchaouen-mobilite.json")


# --- hypothesis: any valid project survives export then parse -------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(lambda s: s.strip() == s and s != "")
_money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
_day = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
_flag = st.none() | st.booleans()


def _opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


_authority = st.builds(
    m.AuthorityRef,
    kind=st.just("commune"),
    code=_opt(st.from_regex(r"\A\d{5}\Z")),
    name=_opt(_text),
    project_owner=_flag,
)
_partner = st.builds(
    m.Partner,
    name=_opt(_text),
    country=_opt(st.sampled_from(["BF", "SN", "MA", "UA", "CA", "JP"])),
    kind=_opt(st.sampled_from(m.PARTNER_KINDS)),
    area=_opt(_text),
)
_line = (
    st.builds(
        m.FinancingLine,
        source=st.sampled_from(["own_cash", "own_in_kind", "partner", "other"]),
        amount=_opt(_money),
        name=_opt(_text),
    )
    | st.builds(
        m.FinancingLine,
        source=st.just("one_percent"),
        amount=_opt(_money),
        service=st.sampled_from(m.ONE_PERCENT_SERVICES),
    )
    | st.builds(
        m.FinancingLine,
        source=st.just("program"),
        amount=_opt(_money),
        program=st.sampled_from(["dctciv-aap-generaliste", "afd-ficol", "joint-fund-senegal"]),
    )
)
_instruments = st.builds(
    m.Instruments,
    convention=_opt(st.builds(m.Convention, _flag, _opt(_day), _flag, _flag, _flag)),
    deliberation=_opt(st.builds(m.Deliberation, _flag, _opt(_day), _flag)),
    twinning=_flag,
    charter=_flag,
    state_convention_exception=_opt(
        st.builds(m.StateConventionException, _opt(st.sampled_from(m.STATE_EXCEPTION_CASES)), _flag)
    ),
)
_projects = st.builds(
    m.ProjectFile,
    title=_opt(_text),
    description=_opt(_text),
    objectives=st.lists(_text, max_size=3).map(tuple),
    lead_authority=_opt(_authority),
    co_authorities=st.lists(_authority, max_size=2).map(tuple),
    partners=st.lists(_partner, max_size=3).map(tuple),
    themes=st.lists(st.sampled_from(m.THEMES), unique=True, max_size=4).map(tuple),
    sdg_targets=st.lists(st.sampled_from(["6.1", "6.a", "11.3", "17.17"]), unique=True).map(tuple),
    start_date=st.none(),
    end_date=st.none(),
    instruments=_opt(_instruments),
    budget=_opt(st.builds(m.Budget, st.sampled_from([None, "EUR"]), _opt(_money), _opt(_money))),
    financing=st.lists(_line, max_size=5).map(tuple),
    service_budgets=_opt(st.builds(m.ServiceBudgets, *[_opt(_money)] * 5)),
    prerequisites=_opt(st.builds(m.Prerequisites, _flag, _flag, _flag)),
)


@settings(max_examples=150, deadline=None)
@given(_projects)
def test_round_trip(project: m.ProjectFile) -> None:
    data = project_to_dict(project)
    assert parse_project(data) == project
    # The export is plain JSON: no Decimal, no date objects, no floats.
    assert parse_project(json.loads(json.dumps(data))) == project
