"""What an import did, or why it was refused: kept in ``ImportBatch.report`` and printed.

Two kinds of findings:

* **errors** (``Problem``: file, line, column, reason in French) refuse the whole import:
  nothing is written;
* **skipped rows** (``Skipped``) are rows a source legitimately contains but that cannot be
  resolved without guessing (a Wikidata town with several homonyms, an unknown country label):
  they are reported, never imported, and do not stop the others.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from coopdec.formats.tableschema import Problem

__all__ = ["Counts", "ImportReport", "Problem", "Skipped", "location"]


def location(problem: Problem) -> str:
    """``file:line:column`` (the parts that are known), as compilers print them."""
    parts = [problem.file]
    if problem.line is not None:
        parts.append(str(problem.line))
        if problem.column is not None:
            parts.append(problem.column)
    elif problem.column is not None:
        parts.append(problem.column)
    return ":".join(parts)


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class Skipped:
    line: int
    column: str | None
    value: str
    reason: str
    candidates: tuple[str, ...] = ()


@dataclass
class ImportReport:
    kind: str  # ImportBatch.Kind value
    file: str
    dry_run: bool = False
    checksum: str = ""
    encoding: str = ""
    separator: str = ""
    rows: int = 0  # data rows read
    errors: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    merged: int = 0  # rows merged into an earlier row of the same file (same key)
    partnerships: Counts = field(default_factory=Counts)
    projects: Counts = field(default_factory=Counts)
    foreign_authorities: Counts = field(default_factory=Counts)
    french_authorities: Counts = field(default_factory=Counts)  # bodies outside the COG
    columns: dict[str, list[str]] = field(default_factory=dict)  # Atlas: mapped, unknown...
    batch_id: int | None = None
    partnership_ids: set[int] = field(default_factory=set, repr=False)
    project_ids: set[int] = field(default_factory=set, repr=False)

    @property
    def refused(self) -> bool:
        return bool(self.errors)

    def error(self, line: int | None, column: str | None, reason: str) -> None:
        self.errors.append(Problem(self.file, line, column, reason))

    def skip(
        self,
        line: int,
        column: str | None,
        value: str,
        reason: str,
        candidates: tuple[str, ...] = (),
    ) -> None:
        self.skipped.append(Skipped(line, column, value, reason, candidates))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (``ImportBatch.report``, ``--json``)."""
        return {
            "kind": self.kind,
            "file": self.file,
            "dry_run": self.dry_run,
            "refused": self.refused,
            "checksum": self.checksum,
            "encoding": self.encoding,
            "separator": self.separator,
            "rows": self.rows,
            "merged": self.merged,
            "counts": {
                "partnerships": asdict(self.partnerships),
                "projects": asdict(self.projects),
                "foreign_authorities": asdict(self.foreign_authorities),
                "french_authorities": asdict(self.french_authorities),
            },
            "errors": [
                {"file": p.file, "line": p.line, "column": p.column, "reason": p.reason}
                for p in self.errors
            ],
            "skipped": [{**asdict(s), "candidates": list(s.candidates)} for s in self.skipped],
            "notes": list(self.notes),
            "columns": self.columns,
            "batch_id": self.batch_id,
        }
