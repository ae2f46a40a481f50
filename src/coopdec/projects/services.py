"""Check a project, find its funding, render its documents: one service for all interfaces.

The logic is in the pure packages ``coopdec.assistant`` and ``coopdec.documents``; this module
validates the project file once, picks the date of the law to apply and shapes the answers
the three interfaces print.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from coopdec import assistant, documents
from coopdec.assistant import FieldError, ProjectFileError
from coopdec.assistant.model import AUTHORITY_KINDS, FORMAT_VERSION

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


# --- The web workspace: normalise, import, export, document readiness, authority names ---

MAX_UPLOAD_BYTES = 100 * 1024
"""A project file is a few kilobytes; anything past 100 KiB is refused before it is read."""

EXPORT_MEDIA_TYPES = {"yaml": "application/yaml; charset=utf-8", "json": "application/json"}


def empty_project() -> dict[str, Any]:
    return {"coopdec_project": FORMAT_VERSION}


def normalise(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a project file and return its canonical mapping (what the export writes)."""
    return assistant.project_to_dict(validate(data))


def _decode_upload(content: bytes, filename: str) -> Any:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            [
                FieldError(
                    "", f"le fichier n'est pas en UTF-8 (octet invalide en position {exc.start})"
                )
            ],
            filename,
        ) from exc
    if filename.lower().endswith(".json"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            message = f"JSON invalide, ligne {exc.lineno}, colonne {exc.colno} : {exc.msg}"
            raise ProjectFileError([FieldError("", message)], filename) from exc
    if not filename.lower().endswith((".yaml", ".yml")):
        raise ProjectFileError(
            [FieldError("", "extension non prise en charge (attendu : .yaml, .yml ou .json)")],
            filename,
        )
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        where = f", ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        raise ProjectFileError(
            [FieldError("", f"YAML invalide{where} : {problem}")], filename
        ) from exc


def check_upload_size(size: int | None, filename: str) -> None:
    """Refuse a file past :data:`MAX_UPLOAD_BYTES`; ``None``: reading stopped past the limit."""
    if size is None or size > MAX_UPLOAD_BYTES:
        read = f"plus de {MAX_UPLOAD_BYTES}" if size is None else str(size)
        limit = f"{MAX_UPLOAD_BYTES // 1024} Kio au plus"
        raise ProjectFileError(
            [FieldError("", f"fichier trop volumineux : {read} octets ({limit})")], filename
        )


def read_project_upload(content: bytes, filename: str) -> dict[str, Any]:
    """Read an uploaded project file (YAML or JSON, UTF-8) into its canonical mapping.

    Raises :class:`ProjectFileError` naming each wrong field, as the CLI does for a file.
    """
    check_upload_size(len(content), filename)
    data = _decode_upload(content, filename)
    if not isinstance(data, Mapping):
        raise ProjectFileError(
            [FieldError("", "le fichier doit contenir un objet (clé: valeur) à la racine")],
            filename,
        )
    return assistant.project_to_dict(assistant.parse_project(data, source=filename))


def export_project(data: Mapping[str, Any], fmt: str) -> RenderedDocument:
    """The project file as YAML or JSON, in its canonical form (valid by construction)."""
    body = normalise(data)
    if fmt == "json":
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "yaml":
        text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
    else:
        raise ValueError(f"format d'export inconnu : {fmt} (yaml ou json)")
    return RenderedDocument(text.encode("utf-8"), EXPORT_MEDIA_TYPES[fmt], f"projet.{fmt}")


def document_problems(
    data: Mapping[str, Any], on: dt.date | None = None
) -> dict[str, list[documents.FieldProblem]]:
    """For each document kind, what the project lacks before it can be written (empty: ready)."""
    context = documents.build_context(data, today=on or today())
    return {kind: documents.problems_for(kind, context) for kind in documents.DOCUMENT_KINDS}


def authority_name(kind: str | None, code: str | None) -> str | None:
    """The official name of a French authority: the one the documents print, else the directory.

    ``None`` when the code is not in the reference data (the page says so rather than guess).
    """
    if not kind or not code:
        return None
    found = documents.default_resolver().authority(kind, code)
    if found is not None:
        return found.name
    from coopdec.catalogue.models import FrenchAuthority  # the CLI needs no database

    return (
        FrenchAuthority.objects.filter(kind=kind, code=code).values_list("name", flat=True).first()
    )


def search_authorities(query: str, limit: int = 15) -> list[dict[str, Any]]:
    """French authorities whose name starts like ``query`` (accents and case ignored)."""
    from django.db.models import F, Q

    from coopdec.catalogue.models import FrenchAuthority
    from coopdec.textnorm import normalize_name

    key = normalize_name(query)
    if len(key) < 2:
        return []
    rows = (
        FrenchAuthority.objects.filter(
            Q(search_name__startswith=key)
            | Q(search_name__contains=f" {key}")  # a word of the name: "CC du Carmausin"
            | Q(code=query.strip().upper()),
            code__isnull=False,
            kind__in=AUTHORITY_KINDS,
        )
        .order_by(F("population").desc(nulls_last=True), "name")
        .values("kind", "code", "name", "population")[:limit]
    )
    return [dict(row) for row in rows]


def country_codes() -> frozenset[str]:
    """The ISO alpha-2 codes a project file accepts for ``partners[].country``."""
    from coopdec.assistant import reference

    return reference.country_codes()


def program_options() -> list[tuple[str, str]]:
    """(id, "name — funder") of every programme a financing line may name, by name."""
    from coopdec.assistant import reference
    from coopdec.assistant.funding.finder import funder_name
    from coopdec.textnorm import fold

    rows = [
        (pid, f"{data.get('name') or pid} — {funder_name(data)}")
        for pid, data in reference.programs_by_id().items()
    ]
    return sorted(rows, key=lambda row: fold(row[1]))


def rule_titles() -> dict[str, str]:
    """The title of each rule of the engine, for pages that list verdicts."""
    return {rule.id: rule.title for rule in assistant.list_rules()}


EXAMPLE_FILE = Path(assistant.__file__).resolve().parent / "examples" / "carmaux-koudougou-eau.yaml"


def example_project() -> dict[str, Any]:
    """The shipped example project (Carmaux and Koudougou, water), in canonical form."""
    return normalise(read_project_file(EXAMPLE_FILE))
