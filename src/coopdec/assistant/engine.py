"""Entry points of the rules engine: check a project on a date, list the rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from coopdec.i18n import _
from coopdec.projectfile.model import ProjectFile

from .params import parameter
from .rules import registered_rules
from .verdict import CheckReport, Source


def check_project(project: ProjectFile, on: date) -> CheckReport:
    """Apply every registered rule to ``project`` as the law stood on ``on``."""
    return CheckReport(date=on, verdicts=tuple(r.evaluate(project, on) for r in registered_rules()))


@dataclass(frozen=True)
class RuleInfo:
    """What a caller (docs, web page, API) needs to present a rule."""

    id: str
    title: str
    description: str
    sources: tuple[Source, ...]
    valid_from: date | None
    valid_to: date | None
    confidence: str
    parameters: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "sources": [s.to_json() for s in self.sources],
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "confidence": self.confidence,
            "parameters": [_parameter_json(name) for name in self.parameters],
        }


def _parameter_json(name: str) -> dict[str, Any]:
    param = parameter(name)
    return {
        "name": name,
        "description": param.description,
        "values": [
            {
                "valid_from": v.valid_from.isoformat() if v.valid_from else None,
                "valid_to": v.valid_to.isoformat() if v.valid_to else None,
                "value": v.value,
                "confidence": v.confidence,
                "note": v.note,
                "sources": [s.to_json() for s in v.sources],
            }
            for v in param.values
        ],
    }


def list_rules() -> tuple[RuleInfo, ...]:
    """Every rule with its sources, dates, confidence and dated parameters (titles and
    descriptions in the reader's language, see :mod:`coopdec.i18n`)."""
    return tuple(
        RuleInfo(
            id=r.id,
            # Written in French at import, shown in the reader's language.
            title=_(r.title),
            description=_(r.description),
            sources=r.sources,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            confidence=r.confidence,
            parameters=r.parameters,
        )
        for r in registered_rules()
    )
