"""The filter vocabulary is declared once (``catalogue/fields.py``): the query, the index
documents, the API, the CLI and the web page offer exactly it, under the declared names."""

from __future__ import annotations

import json
from typing import Any

import pytest
import typer
from django.test import Client

from coopdec.catalogue import fields
from coopdec.catalogue.search import DIMENSIONS, SearchQuery
from coopdec.catalogue.search.documents import ENCODED


def test_query_and_documents_read_the_declaration() -> None:
    assert DIMENSIONS == fields.DIMENSIONS
    assert ENCODED == fields.ENCODED
    assert set(fields.ENCODED) | {fields.YEAR} == set(fields.DIMENSIONS)
    query = SearchQuery.from_params(
        {"country": "sn", "sdg": "6", "authority": "12", "open": "true", "year_from": "2000"}
    )
    assert query.countries == ("SN",) and query.sdgs == (6,) and query.authorities == (12,)
    assert set(query.filters()) == {"country", "sdg", "authority", "open", "year"}
    assert set(query.to_params()) <= fields.PARAMETERS


def test_every_declared_filter_is_a_query_attribute() -> None:
    query = SearchQuery()
    for declared in fields.BY_NAME.values():
        assert hasattr(query, declared.attribute), declared.name


def _search_options() -> dict[str, Any]:
    from coopdec.cli.app import app

    command: Any = typer.main.get_command(app)
    search = command.commands["search"]
    return {option: param for param in search.params for option in param.opts}


def test_the_cli_offers_the_declared_options_with_their_help() -> None:
    options = _search_options()
    declared = {f.cli: f for f in fields.BY_NAME.values()}
    assert set(options) - {"text", "--sort", "--page", "--page-size", "--json"} == set(declared)
    for option, f in declared.items():
        assert options[option].help == f.cli_help, option


@pytest.mark.django_db
def test_the_api_documents_the_declared_parameters(client: Client) -> None:
    spec = json.loads(client.get("/api/v1/openapi.json").content)
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert set(parameters) == fields.PARAMETERS
    for name, declared in fields.BY_NAME.items():
        assert parameters[name]["description"] == declared.help, name


def test_the_web_page_labels_and_lists_every_dimension() -> None:
    from coopdec.web import catalogue_page
    from coopdec.web.labels import DIMENSIONS as LABELS

    assert tuple(LABELS) == fields.DIMENSIONS
    assert {str(label) for label in LABELS.values()} == set(fields.LEGENDS.values())
    listed = {*catalogue_page.CHECKBOXES, *catalogue_page.SELECTS, fields.YEAR}
    assert listed == set(fields.DIMENSIONS)
    # Each facet is declared once: a widget, a legend and a place of its own.
    facets = fields.PAGE_FACETS
    assert all(f.widget in {"checkbox", "select"} and f.legend for f in facets)
    assert sorted(f.place for f in facets) == list(range(1, len(facets) + 1))


def test_the_declared_legends_are_in_the_english_catalogue() -> None:
    from coopdec.web.pofile import LOCALE_DIR, parse_po

    entries = parse_po(LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po")
    translated = {e.msgid for e in entries if e.translated}
    assert set(fields.LEGENDS.values()) <= translated


def test_open_to_new_members_is_one_name_from_the_database_to_the_exports(
    shipped_data: Any,
) -> None:
    from coopdec.catalogue.models import Partnership, Project
    from coopdec.opendata.records import FIELDS

    field = fields.OPEN_TO_NEW_MEMBERS
    for model in (Partnership, Project):
        assert model._meta.get_field(field.column).name == field.column
    schema = json.loads(
        (shipped_data.parent / "catalogue" / "schemas" / "catalogue.schema.json").read_text()
    )
    assert field.csv in {f["name"] for f in schema["fields"]}
    assert field.csv in {column.name for column in FIELDS}
    assert field.filter == fields.OPEN.name
