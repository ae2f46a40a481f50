"""Exercises of the workbook, loaded from ``exercises.yaml`` (pure: no Django).

A legal exercise carries no answer: it carries a project file (a minimal project, or the
shipped Carmaux–Koudougou example, with the exercise's keys on top), a date and the rule or
programme to look at. The answer is what the engines say on that file and date.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from coopdec import assistant

FILE = Path(__file__).resolve().parent / "exercises.yaml"
EXAMPLE = Path(assistant.__file__).resolve().parent / "examples" / "carmaux-koudougou-eau.yaml"
KINDS = ("situation", "funding", "quiz")
MEASURES = ("max_rate", "max_amount", "eligible")
# A project of the smallest kind the rules can read: a commune that owns its project.
BASE_PROJECT: dict[str, Any] = {
    "coopdec_project": 1,
    "title": "Exercice du cahier",
    "lead_authority": {"kind": "commune", "code": "81060", "name": "Commune de Carmaux",
                       "project_owner": True},
}  # fmt: skip


class ExerciseFileError(ValueError):
    """A wrong exercise, naming its id and field."""


@dataclass(frozen=True)
class Choice:
    key: str
    labels: dict[str, str]


@dataclass(frozen=True)
class Exercise:
    id: str
    kind: str
    question: dict[str, str]
    date: dt.date | None = None
    rule: str = ""
    programme: str = ""
    measure: str = ""
    values: tuple[str, ...] = ()  # funding: the proposed values
    choices: tuple[Choice, ...] = ()  # quiz: the proposed answers
    answer: str = ""  # quiz only
    section: str = ""  # quiz only: "page#anchor"
    case: bool = False
    project: dict[str, Any] = field(default_factory=dict)

    @property
    def computed(self) -> bool:
        """Whether the engines give the answer (every legal and funding exercise)."""
        return self.kind in ("situation", "funding")


def _project(raw: dict[str, Any]) -> dict[str, Any]:
    if raw.get("base") == "example":
        project = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    else:
        project = copy.deepcopy(BASE_PROJECT)
    project.update(copy.deepcopy(raw.get("project") or {}))
    return dict(project)


def _exercise(raw: dict[str, Any]) -> Exercise:
    ident = str(raw.get("id", "?"))
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ExerciseFileError(f"exercice « {ident} » : kind doit valoir {', '.join(KINDS)}")
    question = raw.get("question") or {}
    if not {"fr", "en"} <= set(question):
        raise ExerciseFileError(f"exercice « {ident} » : question.fr et question.en attendues")
    if kind == "quiz":
        return Exercise(
            ident, kind, dict(question),
            choices=tuple(
                Choice(str(c["key"]), {"fr": str(c["fr"]), "en": str(c["en"])})
                for c in raw["choices"]
            ),
            answer=str(raw["answer"]), section=str(raw["section"]), case=bool(raw.get("case")),
        )  # fmt: skip
    if not isinstance(raw.get("date"), dt.date):
        raise ExerciseFileError(f"exercice « {ident} » : date AAAA-MM-JJ attendue")
    if kind == "situation" and not raw.get("rule"):
        raise ExerciseFileError(f"exercice « {ident} » : rule attendue")
    if kind == "funding" and (not raw.get("programme") or raw.get("measure") not in MEASURES):
        raise ExerciseFileError(f"exercice « {ident} » : programme et measure attendus")
    return Exercise(
        ident, kind, dict(question), date=raw["date"], rule=str(raw.get("rule") or ""),
        programme=str(raw.get("programme") or ""), measure=str(raw.get("measure") or ""),
        values=tuple(str(v) for v in raw.get("choices") or ()), case=bool(raw.get("case")),
        project=_project(raw),
    )  # fmt: skip


@cache
def load_exercises() -> tuple[Exercise, ...]:
    """Every exercise, in the order of the file (cached: the file ships with the code)."""
    data = yaml.safe_load(FILE.read_text("utf-8"))
    exercises = tuple(_exercise(raw) for raw in data["exercises"])
    ids = [e.id for e in exercises]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ExerciseFileError(f"identifiants en double : {', '.join(sorted(duplicates))}")
    return exercises
