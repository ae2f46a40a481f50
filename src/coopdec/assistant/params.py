"""Dated legal parameters, in the manner of OpenFisca.

Each parameter in ``parameters/*.yaml`` is a list of values, each valid between two dates
(``valid_to`` may be open), with its sources and a confidence mark. A rule asks for the value
in force on a date; ``None`` means no value is known for that date, and the rule must then
answer ``unknown`` instead of reusing another year's figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .verdict import CONFIDENCES, Source

PARAMETERS_DIR = Path(__file__).resolve().parent / "parameters"


@dataclass(frozen=True)
class ParameterValue:
    value: Any
    valid_from: date | None
    valid_to: date | None
    confidence: str
    sources: tuple[Source, ...]
    note: str | None = None

    def applies(self, on: date) -> bool:
        after_start = self.valid_from is None or self.valid_from <= on
        before_end = self.valid_to is None or on <= self.valid_to
        return after_start and before_end


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    values: tuple[ParameterValue, ...]

    def at(self, on: date) -> ParameterValue | None:
        for value in self.values:
            if value.applies(on):
                return value
        return None


def _day(value: object, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    raise ValueError(f"{where}: date attendue, trouvé {value!r}")


def _parse_value(raw: dict[str, Any], where: str) -> ParameterValue:
    confidence = str(raw.get("confidence", ""))
    if confidence not in CONFIDENCES:
        raise ValueError(f"{where}: confidence doit valoir high, medium ou low")
    sources = tuple(Source(str(s["label"]), str(s["url"])) for s in raw.get("sources") or [])
    if not sources:
        raise ValueError(f"{where}: chaque valeur de paramètre doit citer une source")
    return ParameterValue(
        value=raw.get("value"),
        valid_from=_day(raw.get("valid_from"), where),
        valid_to=_day(raw.get("valid_to"), where),
        confidence=confidence,
        sources=sources,
        note=raw.get("note"),
    )


@lru_cache(maxsize=1)
def all_parameters() -> dict[str, Parameter]:
    """Load every parameter file once; a malformed file fails loudly at first use."""
    out: dict[str, Parameter] = {}
    for path in sorted(PARAMETERS_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        for name, body in data.items():
            if name in out:
                raise ValueError(f"{path.name}: paramètre {name} défini deux fois")
            values = tuple(
                _parse_value(raw, f"{path.name}:{name}[{i}]")
                for i, raw in enumerate(body["values"])
            )
            out[name] = Parameter(name, str(body.get("description", "")), values)
    return out


def parameter(name: str) -> Parameter:
    return all_parameters()[name]


def value_at(name: str, on: date) -> ParameterValue | None:
    """The value of parameter ``name`` in force on ``on`` (None if unknown for that date)."""
    return parameter(name).at(on)
