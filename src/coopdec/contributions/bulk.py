"""CSV bulk upload of an authority's own partnerships, as drafts (docs/contributing-data.md).

The file is the catalogue CSV (``catalogue/schemas/catalogue.schema.json``, docs/imports.md),
read and resolved by the catalogue import's own parser (``catalogue.imports``: size limit,
UTF-8 or cp1252, ``;`` or ``,``, typed cells, authorities and countries resolved, never
guessed). Every row must be the uploading authority's. All or nothing: one problem anywhere
and no draft is created; each problem names the file, the line and the column. The drafts
then go through moderation like any other contribution (``services.propose``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coopdec.catalogue.imports import catalogue_csv
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.imports.resolution import Directory
from coopdec.catalogue.imports.tabular import FileRefused, read_sheet
from coopdec.catalogue.models import FrenchAuthority, Partnership
from coopdec.contributions import services
from coopdec.contributions.models import ChangeRequest
from coopdec.formats.tableschema import Problem
from coopdec.reference.models import Country

# An authority's own records fit in far less; the cap keeps one upload from tying a worker.
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000


class UploadRefused(Exception):
    """The file was refused; ``problems`` name file, line and column. Nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.describe() for p in problems))


@dataclass(frozen=True)
class Upload:
    """What an accepted upload created: one draft per row, in file order."""

    file: str
    encoding: str
    separator: str
    drafts: list[ChangeRequest]


def propose_csv(
    user: Any,
    authority: FrenchAuthority,
    source: Path | bytes,
    *,
    filename: str,
    why: str = "",
    max_bytes: int = MAX_BYTES,
) -> Upload:
    """Draft every row of the catalogue CSV ``source`` for ``authority`` (a new partnership,
    or a change to the authority's published one with the same key). Raises
    ``PermissionDenied`` (not a member) and ``UploadRefused``."""
    if not services.may_draft(user, authority):
        raise PermissionDenied("authority.edit_draft")
    name = Path(filename).name
    report = ImportReport(kind="contribution_csv", file=name, dry_run=True)
    try:
        sheet = read_sheet(source, filename=name, max_bytes=max_bytes)
    except FileRefused as exc:
        raise UploadRefused([exc.problem]) from None
    if len(sheet.records) > MAX_ROWS:
        raise UploadRefused([Problem(name, None, None, _("au plus %(n)s lignes par fichier")
                                     % {"n": MAX_ROWS})])  # fmt: skip
    records = catalogue_csv.parse(sheet, Directory(), report, catalogue_csv.USER_FILE)
    problems = list(report.errors)
    for record in records:
        if record.french.id != authority.pk:
            problems.append(Problem(name, record.line, "french_authority_code", _(
                "ligne d'une autre collectivité (%(name)s) : un fichier ne déclare que les "
                "fiches de %(own)s"
            ) % {"name": record.french.name, "own": authority.name}))  # fmt: skip
    if problems:
        raise UploadRefused(sorted(problems, key=lambda p: (p.line or 0, p.column or "")))
    drafts: list[ChangeRequest] = []
    with transaction.atomic():
        for record in records:
            country = Country.objects.get(pk=record.country_id)
            try:
                partner = services.foreign_partner(
                    user, authority, record.partner_name, country, record.partner_level
                )
                existing = Partnership.objects.filter(key=record.key).first()
                mine = existing is not None and authority in existing.french_authorities.all()
                drafts.append(services.propose(
                    user, authority, "partnership", _values(record),
                    {"foreign_authorities": [partner], "themes": sorted(record.theme_ids)},
                    key=record.key if mine else None, why=why or _("dépôt CSV : %(file)s")
                    % {"file": name},
                ))  # fmt: skip
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    problems += [Problem(name, record.line, field, m) for m in messages]
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise UploadRefused(problems)
    return Upload(name, sheet.encoding, sheet.separator, drafts)


def _values(record: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": record.title, "summary": record.summary,
        "relation_type": record.relation_type, "start_year": record.start_year,
        "end_year": record.end_year, "status": record.status or "unknown",
        "funders": record.funders,
    }  # fmt: skip
    if record.open_to_new_members is not None:
        values["open_to_new_members"] = record.open_to_new_members
    return values
