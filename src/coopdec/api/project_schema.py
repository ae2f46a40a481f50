"""The project file's JSON Schema in the API's published document.

The routes that take a project file read it as JSON and parse it with the one project-file
parser (French field errors, caps, nesting limit). Their published request body is the
schema generated from the same model (``coopdec.projectfile.json_schema``), so a client and
schemathesis see its keys, types, enums and required keys. Its ``$defs`` become components
named ``ProjectFile_<name>``, since a component cannot hold references into itself.
"""

from __future__ import annotations

import json
from typing import Any

from coopdec.projectfile.schema import json_schema

COMPONENT = "ProjectFile"
REF = {"$ref": f"#/components/schemas/{COMPONENT}"}


def project_file_body(*, many: bool = False) -> dict[str, Any]:
    """``openapi_extra`` of a route whose body is a project file (or a list of them)."""
    schema = {"type": "array", "items": REF} if many else REF
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def add_project_file_component(document: dict[str, Any]) -> dict[str, Any]:
    """Put the project file's schema (and its definitions) among the document's components."""
    text = json.dumps(json_schema()).replace('"#/$defs/', f'"#/components/schemas/{COMPONENT}_')
    schema: dict[str, Any] = json.loads(text)
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    components = document.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in schema.pop("$defs", {}).items():
        components[f"{COMPONENT}_{name}"] = definition
    components[COMPONENT] = schema
    # Ninja merges ``openapi_extra`` into the body it derived from ``Body[dict]``: keep ours.
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            content = operation.get("requestBody", {}).get("content", {})
            body = content.get("application/json", {})
            declared = body.get("schema", {})
            if declared.get("$ref") == REF["$ref"]:
                body["schema"] = REF
            elif declared.get("items", {}).get("$ref") == REF["$ref"]:
                body["schema"] = {"type": "array", "items": REF}
    return document
