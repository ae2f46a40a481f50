"""The Table Schemas (Frictionless, v1) of the catalogue's two tables, written from the one
declaration of the record fields (``catalogue/fields.py``).

The catalogue CSV's schema is a shipped file, ``catalogue.schema.json``, that the importer
reads and docs/imports.md points to: ``scripts/build_catalogue_schema.py`` writes it with
``catalogue_csv_text`` and a test checks that the committed file is what it writes, so the
published file changes only when the declaration does. The open-data export's schema is
served as ``open_data_schema`` builds it.
"""

from __future__ import annotations

import json
from typing import Any

from coopdec.catalogue.fields import CSV_COLUMNS, OPENDATA_COLUMNS, Column
from coopdec.catalogue.models import RelationType, Status

# The codes a column with ``choices`` allows: the models' choices, in their order.
CHOICES: dict[str, list[str]] = {
    "status": list(Status.values),
    "relation_type": list(RelationType.values),
}
# How the catalogue CSV writes a yes/no (every boolean column of the file).
BOOLEAN_VALUES = {
    "trueValues": ["oui", "true", "1", "vrai"],
    "falseValues": ["non", "false", "0", "faux"],
}
CSV_COMMENT = (
    "Frictionless Table Schema (v1) of the coopdec catalogue CSV: one partnership per row. "
    "Documented in docs/imports.md. Validated on import by coopdec.formats.tablefields; the "
    "same columns as the starter catalogue (coopdec/data/catalogue/partnerships.csv) plus five "
    "optional ones."
)
CSV_TITLE = "Catalogue coopdec des partenariats de coopération décentralisée"
# A value of the file is written on its key's line when that line fits in this width.
WIDTH = 100


def constraints(column: Column) -> dict[str, Any]:
    """The column's constraints, with the codes of its choices last (as ``enum``)."""
    result = dict(column.constraints or {})
    if column.choices:
        result["enum"] = CHOICES[column.choices]
    return result


def open_data_schema() -> dict[str, Any]:
    """The Table Schema of the open-data CSV export."""
    fields = []
    for column in OPENDATA_COLUMNS:
        field: dict[str, Any] = {
            "name": column.name,
            "type": column.type,
            "title": column.title,
            "description": column.description,
        }
        if limits := constraints(column):
            field["constraints"] = limits
        fields.append(field)
    return {"fields": fields, "primaryKey": "id", "missingValues": [""]}


def catalogue_csv_schema() -> dict[str, Any]:
    """The Table Schema of the catalogue CSV (the import format)."""
    fields = []
    for column in CSV_COLUMNS:
        field: dict[str, Any] = {"name": column.name, "title": column.title}
        if column.description:
            field["description"] = column.description
        field["type"] = column.type
        if limits := constraints(column):
            field["constraints"] = limits
        if column.type == "boolean":
            field.update(BOOLEAN_VALUES)
        fields.append(field)
    return {"$comment": CSV_COMMENT, "title": CSV_TITLE, "fields": fields, "missingValues": [""]}


def _inline(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _member(key: str, value: Any, indent: str) -> str:
    line = f"{indent}{_inline(key)}: {_inline(value)}"
    if len(line) <= WIDTH or not isinstance(value, dict):
        return line
    inner = ",\n".join(f"{indent}  {_inline(k)}: {_inline(v)}" for k, v in value.items())
    return f"{indent}{_inline(key)}: {{\n{inner}\n{indent}}}"


def catalogue_csv_text() -> str:
    """``catalogue.schema.json`` as the project ships it: one line per key of a field, a value
    on its key's line unless that line would pass ``WIDTH`` characters."""
    schema = catalogue_csv_schema()
    fields = ",\n".join(
        "    {\n" + ",\n".join(_member(k, v, "      ") for k, v in field.items()) + "\n    }"
        for field in schema.pop("fields")
    )
    tail = _member("missingValues", schema.pop("missingValues"), "  ")
    head = "".join(_member(k, v, "  ") + ",\n" for k, v in schema.items())
    return f'{{\n{head}  "fields": [\n{fields}\n  ],\n{tail}\n}}\n'
