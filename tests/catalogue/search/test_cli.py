"""``coopdec search``: the readable table, and ``--json`` equal to the API's JSON."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from typer.testing import CliRunner

from coopdec.cli.app import app
from tests.shared import contract_catalogue as catalogue

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_table_lists_the_results(records: list[catalogue.Record]) -> None:
    args = ["search", "eau potable", "--country", "ML", "--theme", "eau_assainissement"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "2 résultat(s)" in result.output
    assert "Accès à l'eau potable à Sévaré" in result.output
    assert "Réseau régional de l'eau en Afrique de l'Ouest" in result.output
    assert "Eau et assainissement (2)" in result.output


def test_json_is_exactly_the_api_json(records: list[catalogue.Record], client: Client) -> None:
    args = [
        "search",
        "coopération",
        "--status",
        "ended",
        "--year-from",
        "2010",
        "--sort",
        "title",
        "--json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    api = client.get(
        "/api/v1/search",
        {"q": "coopération", "status": "ended", "year_from": "2010", "sort": "title"},
    )
    assert json.loads(result.output) == api.json()
    assert json.loads(result.output)["total"] > 0


def test_bad_parameter_is_one_line_and_exit_code_2(records: list[catalogue.Record]) -> None:
    result = runner.invoke(app, ["search", "eau", "--country", "XX"])
    assert result.exit_code == 2
    assert "pays inconnu" in result.output and "Traceback" not in result.output


def test_the_declared_options_reach_the_search_as_the_api_parameters_do(
    records: list[catalogue.Record], client: Client
) -> None:
    """The filter options are built from their declaration (``catalogue/fields.py``): a
    repeated option, a flag and a year give what the API's parameters give."""
    args = ["search", "", "--country", "ML", "--country", "SN", "--type", "project", "--open"]
    args += ["--year-to", "2030", "--authority-kind", "commune", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    params = {"country": ["ML", "SN"], "type": "project", "open": "true", "year_to": "2030"}
    api = client.get("/api/v1/search", {**params, "authority_kind": "commune"})
    assert json.loads(result.output) == api.json()
    selected = {
        name for name, values in api.json()["facets"].items() if any(v["selected"] for v in values)
    }
    assert {"country", "type", "open", "authority_kind"} <= selected


def test_example_option_lists_the_flagged_projects_only(
    records: list[catalogue.Record], client: Client, by_key: dict[tuple[str, int], str]
) -> None:
    result = runner.invoke(app, ["search", "--example", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {by_key[(r["type"], r["id"])] for r in data["results"]} == set(catalogue.EXAMPLES)
    assert all(r["example"] for r in data["results"])
    assert data == client.get("/api/v1/search", {"example": "true"}).json()
