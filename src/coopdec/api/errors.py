"""The API's one error shape, and the error responses every operation documents.

Every error is JSON ``{"detail": str, "errors": [{"path": str, "message": str}], ...}`` with a
4xx status. Routes declare their own business errors (a 400 for an unknown theme, a 422 for
an invalid project file); the errors that any operation can give — a parameter or body that
does not match the declared types (422), a record that does not exist (404, for operations
with path parameters), a body that is not JSON (400) or over the size limit (413), for
operations with a body — are
added to the published document here, once, so that no route restates them by hand and the
document says what the server does (``tests/api/test_openapi_contract.py`` checks it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import BeforeValidator

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    # Pydantic would read "0" or 1700000000 as a Unix time: a day is written AAAA-MM-JJ.
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("date attendue au format AAAA-MM-JJ")
    if isinstance(value, int | float):
        raise ValueError("date attendue au format AAAA-MM-JJ")
    return value


# A date parameter as the API documents it (``format: date``), and nothing else.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_day)]


class FieldErrorOut(Schema):
    path: str
    message: str


class ErrorOut(Schema):
    detail: str
    parameter: str | None = None
    errors: list[FieldErrorOut] = []


# Status -> description for the errors documented on every operation they can occur on.
_COMMON = {
    "400": "Corps de requête illisible (JSON mal formé)",
    "422": "Paramètres ou corps invalides (chaque champ fautif dans errors)",
    "404": "Aucun enregistrement à cette adresse",
    "413": "Corps de requête trop volumineux",
}
_REF = {"$ref": "#/components/schemas/ErrorOut"}


def field_errors(pydantic_errors: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Pydantic's ``{type, loc, msg}`` as the documented ``{path, message}``.

    The location's first element says where the value was (query, path, body); the body's
    parameter name follows it and is not part of the client's document, so it is dropped.
    """
    out = []
    for error in pydantic_errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc[:1] == ["body"]:
            loc = loc[2:] if len(loc) > 1 else loc[1:]
        elif loc:
            loc = loc[1:]
        out.append({"path": ".".join(loc) or "body", "message": str(error.get("msg", ""))})
    return out


def validation_error_body(pydantic_errors: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    return {"detail": _("paramètres invalides"), "errors": field_errors(pydantic_errors)}


def document_common_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the common error responses to every operation of an OpenAPI document (in place)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    error_schema.pop("$defs", None)
    components.setdefault("ErrorOut", error_schema)
    components.setdefault("FieldErrorOut", FieldErrorOut.model_json_schema())
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            params = operation.get("parameters", [])
            wanted = []
            if params or "requestBody" in operation:
                wanted.append("422")
            if any(p.get("in") == "path" for p in params):
                wanted.append("404")
            if "requestBody" in operation:
                wanted += ["400", "413"]
            responses = operation.setdefault("responses", {})
            for status in wanted:
                # django-ninja keys its own responses by number: a "404" next to a 404 was a
                # duplicated key in the JSON, which the documentation page (Swagger UI)
                # refuses to read. The common error shape replaces it (it is what a JSON
                # reader took, the last of the two keys).
                responses.pop(int(status), None)
                responses.setdefault(
                    status,
                    {
                        "description": _COMMON[status],
                        "content": {"application/json": {"schema": _REF}},
                    },
                )
    return schema
