"""Verdicts and reports returned by the rules engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

OK = "ok"
WARNING = "warning"
BLOCKING = "blocking"
UNKNOWN = "unknown"
# "Sans objet": the rule has nothing to judge (no call asked, no act planned, first action).
# Distinct from ``ok`` so that an empty project never reads as conforme.
NOT_APPLICABLE = "not_applicable"
STATUSES = (OK, WARNING, BLOCKING, UNKNOWN, NOT_APPLICABLE)
CONFIDENCES = ("high", "medium", "low")
_CONFIDENCE_RANK = {"high": 2, "medium": 1, "low": 0}


def weakest(*confidences: str) -> str:
    """The least certain of several confidence marks: a verdict is as sure as its weakest fact."""
    return min(confidences, key=lambda c: _CONFIDENCE_RANK[c]) if confidences else "high"


@dataclass(frozen=True)
class Source:
    label: str
    url: str

    def to_json(self) -> dict[str, str]:
        return {"label": self.label, "url": self.url}


@dataclass(frozen=True)
class Verdict:
    rule: str
    status: str
    message: str
    sources: tuple[Source, ...] = ()
    confidence: str = "high"
    valid_from: date | None = None
    valid_to: date | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"statut inconnu : {self.status}")
        if self.confidence not in CONFIDENCES:
            raise ValueError(f"confiance inconnue : {self.confidence}")

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": self.status,
            "message": self.message,
            "sources": [s.to_json() for s in self.sources],
            "confidence": self.confidence,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }


def summarise(verdicts: tuple[Verdict, ...]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for verdict in verdicts:
        counts[verdict.status] += 1
    return counts


@dataclass(frozen=True)
class CheckReport:
    """All verdicts for one project on one date."""

    date: date
    verdicts: tuple[Verdict, ...] = field(default_factory=tuple)

    @property
    def summary(self) -> dict[str, int]:
        return summarise(self.verdicts)

    def by_rule(self, rule: str) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.rule == rule)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "verdicts": [v.to_json() for v in self.verdicts],
            "summary": self.summary,
        }
