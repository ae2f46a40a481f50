"""Export a :class:`ProjectFile` back to a plain mapping (the project file format v1).

``parse_project(project_to_dict(p)) == p`` holds for every project: missing fields are
left out, dates become ISO strings and money keeps its exact decimal value.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any

from .model import FORMAT_VERSION, ProjectFile


def _money(value: Decimal) -> int | str:
    # Integral amounts stay numbers (readable YAML); others become strings so no float
    # rounding ever touches money.
    if value == value.to_integral_value():
        return int(value)
    return str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _money(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if item is None or item == ():
                continue
            out[field.name] = _plain(item)
        return out
    return value


def project_to_dict(project: ProjectFile) -> dict[str, Any]:
    """Return the project as a JSON/YAML-ready mapping, ``coopdec_project`` first."""
    body = _plain(project)
    body.pop("coopdec_project", None)
    return {"coopdec_project": FORMAT_VERSION, **body}
