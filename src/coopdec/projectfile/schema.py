"""The JSON Schema of the project file, generated from the model.

The types come from the dataclasses' annotations, the vocabularies and caps from
``model.py`` and the shipped code lists: nothing is restated by hand, so the schema cannot
drift from what the parser accepts. The published file ``project-file-v1.schema.json`` is this
function's output (a test compares them); regenerate it with
``python -m coopdec.projectfile.schema``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import codes
from .model import (
    AUTHORITY_KINDS,
    EXPENSE_CATEGORIES,
    FINANCING_SOURCES,
    FOREIGN_BODY_KINDS,
    FORMAT_VERSION,
    MAX_ITEMS,
    MAX_OBJECTIVES,
    MONEY_TEXT_PATTERN,
    ONE_PERCENT_SERVICES,
    PARTNER_KINDS,
    STATE_EXCEPTION_CASES,
    THEMES,
    AuthorityRef,
    Budget,
    BudgetLine,
    FinancingLine,
    ForeignBody,
    Indicator,
    Partner,
    ProjectFile,
    StateConventionException,
)

SCHEMA_FILE = Path(__file__).resolve().parent / "project-file-v1.schema.json"

Json = dict[str, Any]

# What the annotations cannot say: the closed vocabularies, and a word for the reader.
_ENUMS: dict[tuple[type, str], Any] = {
    (AuthorityRef, "kind"): lambda: list(AUTHORITY_KINDS),
    (Partner, "country"): lambda: sorted(codes.country_codes()),
    (Partner, "kind"): lambda: list(PARTNER_KINDS),
    (ProjectFile, "themes"): lambda: list(THEMES),
    (ProjectFile, "sdg_targets"): lambda: sorted(codes.sdg_target_codes(), key=_sdg_order),
    (StateConventionException, "case"): lambda: list(STATE_EXCEPTION_CASES),
    (FinancingLine, "source"): lambda: list(FINANCING_SOURCES),
    (FinancingLine, "service"): lambda: list(ONE_PERCENT_SERVICES),
    (FinancingLine, "program"): lambda: sorted(codes.programs_by_id()),
    (ForeignBody, "kind"): lambda: list(FOREIGN_BODY_KINDS),
    (BudgetLine, "category"): lambda: list(EXPENSE_CATEGORIES),
}
_DESCRIPTIONS: dict[tuple[type, str], str] = {
    (AuthorityRef, "code"): (
        "Code officiel : INSEE (commune), SIREN (EPCI, syndicat), code du département ou de "
        "la région"
    ),
    (AuthorityRef, "project_owner"): "false si la collectivité n'est que bailleur",
    (Partner, "country"): "ISO 3166-1 alpha-2",
    (Partner, "area"): "Territoire infranational (région, ville), pour les restrictions",
    (FinancingLine, "year"): "Année budgétaire de la ligne (les plafonds du 1 % sont annuels)",
    (ForeignBody, "french_majority"): (
        "true si les collectivités françaises détiennent ensemble plus de la moitié (L1115-4)"
    ),
    (Partner, "commitment"): "Ce que le partenaire s'engage à apporter (candidature)",
    (ProjectFile, "context"): "Contexte du projet (récit de la candidature)",
    (Indicator, "source"): "Source de vérification de l'indicateur",
    (Budget, "lines"): "Budget par catégorie de dépenses et par année",
}
_UNIQUE = {(ProjectFile, "themes"), (ProjectFile, "sdg_targets")}
# A line's extra key is required by its source (the parser says the same).
_REQUIRED_WITH_SOURCE = {"one_percent": "service", "program": "program"}

_DEFS: Json = {
    "authority": None,  # filled from AuthorityRef
    "money": {
        "oneOf": [
            {"type": "number", "minimum": 0},
            {"type": "string", "pattern": MONEY_TEXT_PATTERN},
        ],
        "description": "Montant en euros (nombre, ou chaîne décimale pour une valeur exacte)",
    },
    "date": {"type": "string", "format": "date", "description": "Date AAAA-MM-JJ"},
}


def _sdg_order(code: str) -> tuple[int, int, str]:
    goal, _dot, target = code.partition(".")
    return (int(goal), int(target) if target.isdigit() else 1000, target)


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> ``X``."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0]
    return annotation


def _value(owner: type, name: str, annotation: Any) -> Json:
    annotation = _unwrap(annotation)
    enum = _ENUMS.get((owner, name))
    node: Json
    if typing.get_origin(annotation) is tuple:
        item_type = typing.get_args(annotation)[0]
        texts = {(ProjectFile, "objectives"), (ProjectFile, "expected_results")}
        limit = MAX_OBJECTIVES if (owner, name) in texts else MAX_ITEMS
        node = {"type": "array", "maxItems": limit}
        if (owner, name) in _UNIQUE:
            node["uniqueItems"] = True
        node["items"] = {"enum": enum()} if enum else _value(item_type, "", item_type)
        return node
    if enum:
        node = {"enum": enum()}
    elif annotation is AuthorityRef:
        return {"$ref": "#/$defs/authority"}
    elif annotation is Decimal:
        return {"$ref": "#/$defs/money"}
    elif annotation is date:
        return {"$ref": "#/$defs/date"}
    elif (owner, name) == (ProjectFile, "coopdec_project"):
        return {"const": FORMAT_VERSION}
    elif annotation is bool:
        node = {"type": "boolean"}
    elif annotation is int:
        node = {"type": "integer", "minimum": 1990, "maximum": 2100}
    elif annotation is str:
        node = {"type": "string"}
    elif dataclasses.is_dataclass(annotation):
        node = _object(annotation)  # type: ignore[arg-type]
    else:  # pragma: no cover - a new type in the model needs a line here
        raise TypeError(f"{owner.__name__}.{name}: {annotation!r}")
    description = _DESCRIPTIONS.get((owner, name))
    if description:
        node["description"] = description
    return node


def _object(cls: type) -> Json:
    hints = typing.get_type_hints(cls)
    properties = {f.name: _value(cls, f.name, hints[f.name]) for f in dataclasses.fields(cls)}
    node: Json = {"type": "object", "additionalProperties": False, "properties": properties}
    if cls is Budget:
        properties["currency"] = {"const": "EUR"}
    if cls is FinancingLine:
        node["allOf"] = [
            {
                "if": {"properties": {"source": {"const": source}}, "required": ["source"]},
                "then": {"required": [key]},
            }
            for source, key in _REQUIRED_WITH_SOURCE.items()
        ]
    return node


def json_schema() -> Json:
    """The JSON Schema (draft 2020-12) of the project file format v1."""
    root = _object(ProjectFile)
    properties = root.pop("properties")
    # One objective may be written as a plain text (the parser accepts both).
    properties["objectives"] = {"oneOf": [{"type": "string"}, properties["objectives"]]}
    properties["expected_results"] = {"oneOf": [{"type": "string"}, properties["expected_results"]]}
    defs = {**_DEFS, "authority": _object(AuthorityRef)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://coopdec.example/schema/project-file-v1.schema.json",
        "title": "Fichier de projet coopdec, format 1",
        "description": (
            "Projet de coopération décentralisée. Toutes les clés sont facultatives sauf "
            "coopdec_project ; une donnée absente donne un verdict « unknown »."
        ),
        **root,
        "required": ["coopdec_project"],
        "$defs": defs,
        "properties": properties,
    }


def schema_text() -> str:
    """The schema as the published file writes it."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
