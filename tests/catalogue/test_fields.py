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
    # Built from the declaration, in its order (the API's).
    assert [o for o in options if o in declared] == [f.cli for f in fields.BY_NAME.values()]


@pytest.mark.django_db
def test_the_api_documents_the_declared_parameters(client: Client) -> None:
    spec = json.loads(client.get("/api/v1/openapi.json").content)
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert set(parameters) == fields.PARAMETERS
    for name, declared in fields.BY_NAME.items():
        assert parameters[name]["description"] == declared.help, name
    # Built from the declaration: the text, the filters in their order, the page's controls.
    assert list(parameters) == ["q", *fields.BY_NAME, "sort", "page", "page_size"]


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


def test_open_to_new_members_is_one_name_from_the_database_to_the_exports() -> None:
    from coopdec.catalogue.schemas.tables import catalogue_csv_schema
    from coopdec.opendata.records import FIELDS

    field = fields.OPEN_TO_NEW_MEMBERS
    assert field.csv is not None and field.opendata is not None
    assert field.csv.name in {f["name"] for f in catalogue_csv_schema()["fields"]}
    assert field.opendata.name in {column.name for column in FIELDS}
    assert field.filter == fields.OPEN.name


def test_the_shipped_catalogue_schema_is_written_from_the_declaration() -> None:
    """``scripts/build_catalogue_schema.py`` rewrites it; the committed file must be current."""
    from coopdec.catalogue.schemas import CATALOGUE_SCHEMA
    from coopdec.catalogue.schemas.tables import catalogue_csv_text

    assert CATALOGUE_SCHEMA.read_text(encoding="utf-8") == catalogue_csv_text()


def test_the_tables_columns_come_from_the_declared_fields() -> None:
    from coopdec.catalogue.schemas import CATALOGUE_SCHEMA
    from coopdec.catalogue.schemas.tables import catalogue_csv_schema, open_data_schema
    from coopdec.formats.tablefields import load_schema
    from coopdec.opendata.records import FIELDS

    csv = [f.csv for f in map(fields.RECORD_FIELDS_BY_NAME.__getitem__, fields.CSV_ORDER)]
    assert [f["name"] for f in catalogue_csv_schema()["fields"]] == [c.name for c in csv if c]
    assert len(fields.CSV_ORDER) == len(set(fields.CSV_ORDER)) == len(fields.CSV_COLUMNS)
    assert {f.name for f in fields.RECORD_FIELDS if f.csv} == set(fields.CSV_ORDER)
    assert [c.name for c in load_schema(CATALOGUE_SCHEMA).fields] == [
        c.name for c in fields.CSV_COLUMNS
    ]
    declared = [f.opendata for f in fields.RECORD_FIELDS if f.opendata]
    assert [c.name for c in FIELDS] == [c.name for c in declared]
    schema = open_data_schema()
    assert [f["title"] for f in schema["fields"]] == [c.title or "" for c in FIELDS]
    # A column without a title of its own is titled with the field's label.
    for field in fields.RECORD_FIELDS:
        for column in (field.csv, field.opendata):
            if column is not None and not column.title:
                assert field.titled(column).title == field.label
    assert len({f.name for f in fields.RECORD_FIELDS}) == len(fields.RECORD_FIELDS)


def test_the_declared_database_columns_api_keys_and_filters_exist() -> None:
    from coopdec.api.catalogue import HitOut
    from coopdec.catalogue.models import Partnership, Project

    for field in fields.RECORD_FIELDS:
        if field.column is not None:
            names = {f.name for model in (Partnership, Project) for f in model._meta.get_fields()}
            assert field.column in names, field.name
        if field.api is not None:
            assert field.api in HitOut.model_fields, field.name
        if field.filter is not None:
            assert field.filter in fields.BY_NAME, field.name


def test_the_declared_labels_are_in_the_english_catalogue_too() -> None:
    from coopdec.web.pofile import LOCALE_DIR, parse_po

    entries = parse_po(LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po")
    translated = {e.msgid for e in entries if e.translated}
    assert {f.label for f in fields.RECORD_FIELDS} <= translated


def test_the_importer_reads_declared_columns_only() -> None:
    """The catalogue CSV importer reads its cells by name: each name is a declared column."""
    import re
    from pathlib import Path

    from coopdec.catalogue.imports import catalogue_csv

    source = Path(catalogue_csv.__file__).read_text(encoding="utf-8")
    read = set(re.findall(r'(?:_text\(row, |row\.get\(|bad\()"([a-z_0-9]+)"', source))
    assert len(read) > 15
    assert read <= {column.name for column in fields.CSV_COLUMNS}, read
