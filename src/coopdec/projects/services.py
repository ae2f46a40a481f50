"""Check a project, find its funding, render its documents: one service for all interfaces.

The logic is in the pure packages ``coopdec.assistant`` and ``coopdec.documents``; this module
validates the project file once, picks the date of the law to apply and shapes the answers
the three interfaces print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from coopdec import assistant, documents
from coopdec.assistant import FieldError, ProjectFileError

PARIS = ZoneInfo("Europe/Paris")


def today() -> dt.date:
    """The date of the law applied by default: today in Paris (the clock tests may mock)."""
    return dt.datetime.now(tz=PARIS).date()


def read_project_file(path: Path) -> dict[str, Any]:
    """Read a project file as a mapping, with the same errors as the assistant's loader."""
    assistant.load_project_file(path)  # validates; raises ProjectFileError with paths
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)  # JSON is YAML: one reader for both formats
    return dict(data)


def validate(data: Mapping[str, Any], source: str | None = None) -> assistant.Project:
    if not isinstance(data, Mapping):
        raise ProjectFileError([FieldError("", "un objet JSON est attendu")], source)
    return assistant.parse_project(data, source=source)


def check(data: Mapping[str, Any], on: dt.date | None = None) -> dict[str, Any]:
    """Verdicts of every rule for the project, on the given date (default today)."""
    project = validate(data)
    return assistant.check_project(project, on or today()).to_json()


def funding(data: Mapping[str, Any], on: dt.date | None = None) -> dict[str, Any]:
    """Every funding programme with eligibility, rate, amount and next deadline."""
    project = validate(data)
    return assistant.find_funding(project, on or today()).to_json()


def financing_plan(data: Mapping[str, Any], on: dt.date | None = None) -> dict[str, Any]:
    project = validate(data)
    return assistant.check_financing_plan(project, on or today()).to_json()


@dataclass(frozen=True)
class RenderedDocument:
    content: bytes
    media_type: str
    filename: str


def document(
    kind: str, data: Mapping[str, Any], fmt: str, on: dt.date | None = None
) -> RenderedDocument:
    """Render one document; raises ProjectFileError or documents.MissingFieldsError."""
    validate(data)
    if kind not in documents.DOCUMENT_KINDS:
        raise documents.UnknownDocumentKindError(
            f"Document inconnu : « {kind} » (attendus : {', '.join(documents.DOCUMENT_KINDS)})."
        )
    content = documents.render(kind, data, fmt, today=on or today())
    return RenderedDocument(content, documents.MEDIA_TYPES[fmt], f"{kind}.{fmt}")
