"""The use cases on a project file, shared by the web workspace, the API and the CLI.

Check a project, find its funding, render its documents, import and export the file. Each
interface reads the file ONCE into a typed :class:`ProjectFile` (``parse``, ``read_file``,
``read_upload``) and passes that object to the use cases, which return typed reports; JSON is
written only by the interfaces. The logic is in the pure packages ``coopdec.projectfile``,
``coopdec.assistant`` and ``coopdec.documents``; this module picks the date of the law to
apply and bounds the work one request may cause (``MAX_BODY_BYTES``, ``DOCUMENT_DEADLINE``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from coopdec import assistant, documents
from coopdec.assistant import CheckReport, FinancingPlanReport, FundingReport
from coopdec.languages import assistant_messages
from coopdec.languages import translator as reader_translator
from coopdec.projectfile import (
    AUTHORITY_KINDS,
    FORMAT_VERSION,
    FieldError,
    ProjectFile,
    ProjectFileError,
    load_project_file,
    parse_bytes,
    parse_project,
    project_to_dict,
)

PARIS = ZoneInfo("Europe/Paris")

MAX_UPLOAD_BYTES = 100 * 1024
"""A project file is a few kilobytes; anything past 100 KiB is refused before it is read.

The same bound applies to every interface: an uploaded file, an API body, a CLI file."""


def today() -> dt.date:
    """The date of the law applied by default: today in Paris (the clock tests may mock)."""
    return dt.datetime.now(tz=PARIS).date()


def read_file(path: Path) -> ProjectFile:
    """Read and parse a project file from disk; raise :class:`ProjectFileError` naming it."""
    size = path.stat().st_size if path.is_file() else 0
    check_upload_size(size, str(path))
    return load_project_file(path)


def parse(data: object, source: str | None = None) -> ProjectFile:
    """Parse an already decoded project file (an API body, a stored workspace)."""
    if not isinstance(data, Mapping):
        raise ProjectFileError([FieldError("", "un objet JSON est attendu")], source)
    return parse_project(data, source=source)


def check(project: ProjectFile, on: dt.date | None = None) -> CheckReport:
    """Verdicts of every rule for the project, on the given date (default today), in the
    reader's language (see :mod:`coopdec.languages`)."""
    with assistant_messages():
        return assistant.check_project(project, on or today())


def funding(project: ProjectFile, on: dt.date | None = None) -> FundingReport:
    """Every funding programme with eligibility, rate, amount and next deadline."""
    with assistant_messages():
        return assistant.find_funding(project, on or today())


def financing_plan(project: ProjectFile, on: dt.date | None = None) -> FinancingPlanReport:
    """The checks of the financing plan (sums, shares, caps) on the given date."""
    with assistant_messages():
        return assistant.check_financing_plan(project, on or today())


@dataclass(frozen=True)
class Assessment:
    """Everything the workspace panel shows, from one parse of the file."""

    date: dt.date
    check: CheckReport
    funding: FundingReport
    plan: FinancingPlanReport

    @property
    def summary(self) -> dict[str, int]:
        """Verdicts by status over everything shown: the rules and the financing plan's checks."""
        counts = dict(self.check.summary)
        for status, count in self.plan.summary.items():
            counts[status] = counts.get(status, 0) + count
        return counts


def assess(project: ProjectFile, on: dt.date | None = None) -> Assessment:
    """The verdicts, the funding and the financing plan of one project on one date."""
    day = on or today()
    return Assessment(day, check(project, day), funding(project, day), financing_plan(project, day))


@dataclass(frozen=True)
class RenderedDocument:
    content: bytes
    media_type: str
    filename: str


DOCUMENT_DEADLINE = 10.0
"""Seconds one document may take to render before the request is answered with an error.

Rendering is bounded first by the model's caps (30 lines per list) and linear since the DOCX
fix; the deadline is the last guard, enforced by the renderer's own checkpoints (see
``documents.deadline``)."""


def document(
    kind: str,
    project: ProjectFile,
    fmt: str,
    on: dt.date | None = None,
    *,
    bilingual: bool = False,
) -> RenderedDocument:
    """Render one document; ``bilingual``: in French and in English, section by section
    (the kinds of ``documents.BILINGUAL_KINDS``: the convention). Raises
    documents.MissingFieldsError, UnknownDocumentKindError, UnknownFormatError or
    DeadlineExceeded."""
    if kind not in documents.DOCUMENT_KINDS:
        raise documents.UnknownDocumentKindError(
            f"Document inconnu : « {kind} » (attendus : {', '.join(documents.DOCUMENT_KINDS)})."
        )
    day = on or today()
    # The rules decide who may be a partner: no act for a partner they block (issue 22.4); a
    # funding request for a programme the finder rules out is not written either.
    with assistant_messages():
        problems = [
            *assistant.blocked_partner_problems(project, day),
            *eligibility_problems(kind, project, day),
        ]
    if problems:
        raise documents.MissingFieldsError(kind, problems)
    if bilingual:
        content = documents.render_bilingual(
            kind,
            project,
            fmt,
            english=reader_translator("en"),
            today=day,
            timeout=DOCUMENT_DEADLINE,
        )
        name = f"{file_stem(project)}-{kind}-fr-en.{fmt}"
    else:
        content = documents.render(kind, project, fmt, today=day, timeout=DOCUMENT_DEADLINE)
        name = f"{file_stem(project)}-{kind}.{fmt}"
    return RenderedDocument(content, documents.MEDIA_TYPES[fmt], name)


def file_stem(project: ProjectFile) -> str:
    """The start of a downloaded file's name: the project's title as a slug, else "projet".

    ASCII letters, digits and hyphens only (no quote, slash or accent to escape in a header or
    trip a file system), at most 60 characters cut at a hyphen.
    """
    from django.utils.text import slugify

    # "l'eau" reads as two words: an apostrophe separates like a space.
    title = (project.title or "").replace("'", " ").replace("\u2019", " ")
    slug = slugify(title)[:60]
    if len(slug) == 60 and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug.strip("-") or "projet"


# --- The web workspace: normalise, import, export, document readiness, authority names ---

EXPORT_MEDIA_TYPES = {"yaml": "application/yaml; charset=utf-8", "json": "application/json"}


def empty_project() -> dict[str, Any]:
    return {"coopdec_project": FORMAT_VERSION}


def normalise(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a project file and return its canonical mapping (what the export writes)."""
    return project_to_dict(parse(data))


def check_upload_size(size: int | None, filename: str) -> None:
    """Refuse a file past :data:`MAX_UPLOAD_BYTES`; ``None``: reading stopped past the limit."""
    if size is None or size > MAX_UPLOAD_BYTES:
        read = f"plus de {MAX_UPLOAD_BYTES}" if size is None else str(size)
        limit = f"{MAX_UPLOAD_BYTES // 1024} Kio au plus"
        raise ProjectFileError(
            [FieldError("", f"fichier trop volumineux : {read} octets ({limit})")], filename
        )


def read_upload(content: bytes, filename: str) -> ProjectFile:
    """Read an uploaded project file (YAML or JSON, UTF-8).

    Raises :class:`ProjectFileError` naming each wrong field, as the CLI does for a file.
    """
    check_upload_size(len(content), filename)
    return parse_bytes(content, filename)


def read_project_upload(content: bytes, filename: str) -> dict[str, Any]:
    """An uploaded project file in its canonical mapping (what the workspace stores)."""
    return project_to_dict(read_upload(content, filename))


def export_project(project: ProjectFile, fmt: str) -> RenderedDocument:
    """The project file as YAML or JSON, in its canonical form (valid by construction)."""
    body = project_to_dict(project)
    if fmt == "json":
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "yaml":
        text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False)
    else:
        raise ValueError(f"format d'export inconnu : {fmt} (yaml ou json)")
    name = f"{file_stem(project)}.{fmt}"
    return RenderedDocument(text.encode("utf-8"), EXPORT_MEDIA_TYPES[fmt], name)


def document_problems(
    project: ProjectFile, on: dt.date | None = None
) -> dict[str, list[FieldError]]:
    """For each document kind, what the project lacks before it can be written (empty: ready)."""
    day = on or today()
    context = documents.build_context(project, today=day)
    blocked = assistant.blocked_partner_problems(project, day)
    return {
        kind: [
            *blocked,
            *documents.problems_for(kind, context),
            *eligibility_problems(kind, project, day),
        ]
        for kind in documents.DOCUMENT_KINDS
    }


# The documents that ask a funder for money: written for a programme the finder rules out on
# that date, they would be refused by the funder, so they are not produced.
FUNDING_REQUESTS = ("candidature", "deliberation")


def eligibility_problems(kind: str, project: ProjectFile, on: dt.date) -> list[FieldError]:
    """Why a funding request cannot be written: each programme of the financing plan that the
    finder finds ineligible on ``on`` (a programme "à vérifier" is not a reason to refuse)."""
    requested = [
        (index, line.program)
        for index, line in enumerate(project.financing)
        if line.source == "program" and line.program
    ]
    if kind not in FUNDING_REQUESTS or not requested:
        return []
    from coopdec.projectfile.codes import canonical_program_id

    found = {match.id: match for match in funding(project, on).programs}
    problems = []
    for index, program_id in requested:
        match = found.get(canonical_program_id(program_id))
        if match is not None and match.eligible is False:
            why = " ; ".join(match.failed or match.reasons)
            message = f"le projet n'est pas éligible à « {match.name} » à cette date ({why})"
            problems.append(FieldError(f"financing[{index}].program", message))
    return problems


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
    from coopdec.projectfile import codes

    return codes.country_codes()


def program_options(*, english: bool = False) -> list[tuple[str, str]]:
    """(id, "name — funder") of every programme a financing line may name, by name
    (``english``: the programmes' English names)."""
    from coopdec.assistant import reference
    from coopdec.assistant.funding.finder import funder_name
    from coopdec.assistant.programs import program_name
    from coopdec.textnorm import fold

    rows = [
        (pid, f"{program_name(pid, english=english)} — {funder_name(data, english=english)}")
        for pid, data in reference.programs_by_id().items()
    ]
    return sorted(rows, key=lambda row: fold(row[1]))


def plain(message: str) -> str:
    """``message`` in the reader's words: field labels and programme names, not ids or paths.

    Every page and the CLI's text output show messages through this; the JSON keeps the ids.
    """
    from coopdec.projectfile.labels import plain_text

    return plain_text(message, _translator())


def field_label(path: str) -> str:
    """The label of the field at ``path`` in the reader's language (the path when unlabelled)."""
    from coopdec.projectfile.labels import field_label as label_of

    return label_of(path, _translator()) or path


def _translator() -> Callable[[str], str]:
    """The reader's translator: French as written, or the project's English catalogue."""
    return reader_translator()


def rule_titles() -> dict[str, str]:
    """The title of each rule of the engine, in the reader's language, for pages that list
    verdicts."""
    with assistant_messages():
        return {rule.id: rule.title for rule in assistant.list_rules()}


EXAMPLE_FILE = Path(assistant.__file__).resolve().parent / "examples" / "carmaux-koudougou-eau.yaml"


def example_project() -> dict[str, Any]:
    """The shipped example project (Carmaux and Koudougou, water), in canonical form."""
    return project_to_dict(load_project_file(EXAMPLE_FILE))
