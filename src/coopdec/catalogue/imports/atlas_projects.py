"""The Atlas project sheets shipped with coopdec (``data/catalogue/atlas_projects.csv``).

113 real project sheets of the ministry's public Atlas, read from its public pages (see the
file's README). Each sheet becomes a catalogue *project* (not a partnership), keyed by the
Atlas's own ``prjId`` (``atlas|<prjId>``, the key the Atlas export import gives the same
project, so that an official export updates these rows instead of duplicating them).

* The French authority is linked only when the page names it and the name resolves exactly in
  the directory (COG 2026), as the other imports resolve names: by the kind its words announce
  ("Ville de", "Région", "Département de", "Conseil général du"...) or, without such words, by
  a name that only one commune, département or région carries. Anything else — a former
  région, a renamed intercommunality, a homonym — is reported in the import's notes and left
  unlinked, never guessed; the name stays in the project's description, where search finds
  it. A sheet whose page names no French authority is still a project (the pages show
  "collectivité française non précisée par la source").
* Themes: the file's ``themes`` column holds the catalogue's theme codes the page supports
  (its mapping of the Atlas's three-level classification, which the description keeps).
* Status: the status the page showed when it was stored (the date is not known), shown with
  that caveat; an empty status ("en sommeil" or nothing) stays "non précisé".
* Dates: the end date when the page gives one; the start and first-signature years, which the
  catalogue's project dates cannot hold without inventing a day, are in the description.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coopdec.catalogue.imports.keys import fold_name, project_key
from coopdec.catalogue.imports.records import ProjectRecord, join_urls, split_urls
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.imports.resolution import Directory, Unresolved
from coopdec.catalogue.imports.tabular import Sheet

SHEETS_FILE = "catalogue/atlas_projects.csv"
COLUMNS = (
    "id", "atlas_project_id", "partner_country_iso2", "atlas_title", "french_authority_name",
    "french_authority_evidence", "partner_name", "first_signature_year", "start_year",
    "status_on_page", "end_date", "atlas_theme", "atlas_subtheme", "atlas_subsubtheme",
    "themes", "summary", "embassy", "source_url", "evidence_urls",
)  # fmt: skip
STATUSES = {"en cours": "active", "terminé": "ended", "": ""}
# Words that open a name and announce its kind (folded form), longest first.
_KIND_WORDS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "ville de ": "commune", "ville d ": "commune",
            "commune de ": "commune", "commune d ": "commune",
            "region ": "region",
            "departement de la ": "departement", "departement de l ": "departement",
            "departement du ": "departement", "departement des ": "departement",
            "departement de ": "departement", "departement d ": "departement",
            "conseil general de la ": "departement", "conseil general de l ": "departement",
            "conseil general du ": "departement", "conseil general des ": "departement",
            "conseil general de ": "departement", "conseil general d ": "departement",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)  # fmt: skip
_UNPREFIXED_KINDS = ("commune", "departement", "region")


@dataclass
class SheetRecord:
    """One sheet, resolved: the project, its French authorities (ids) and its country (id)."""

    line: int
    project: ProjectRecord
    french_ids: list[int] = field(default_factory=list)
    country_ids: list[int] = field(default_factory=list)
    end_date: dt.date | None = None


def resolve_french(directory: Directory, name: str) -> int:
    """The id of the one French authority ``name`` designates; ``Unresolved`` otherwise."""
    folded = fold_name(name)
    for words, kind in _KIND_WORDS:
        if folded.startswith(words):
            return _one(directory, kind, name, folded[len(words) :])
    found = {
        match
        for kind in _UNPREFIXED_KINDS
        for match in (a.id for a in directory.by_name.get((kind, folded), []))
    }
    if len(found) == 1:
        return found.pop()
    if found:
        raise Unresolved(f"nom porté par {len(found)} collectivités : « {name} »")
    raise Unresolved(f"aucune commune, aucun département ni aucune région « {name} » (COG 2026)")


def _one(directory: Directory, kind: str, name: str, rest: str) -> int:
    candidates = directory.by_name.get((kind, rest), [])
    if len(candidates) == 1:
        return candidates[0].id
    if candidates:
        raise Unresolved(f"nom porté par {len(candidates)} collectivités : « {name} »")
    raise Unresolved(f"aucune collectivité de cette nature ne s'appelle « {name} » (COG 2026)")


def parse(sheet: Sheet, directory: Directory, report: ImportReport) -> list[SheetRecord]:
    """The sheets of ``sheet``; a malformed row is an error (file, line, column)."""
    missing = [c for c in COLUMNS if c not in sheet.header]
    if missing:
        report.error(sheet.header_line, missing[0], "colonne manquante")
        return []
    records: list[SheetRecord] = []
    seen: set[str] = set()
    for line, cells in sheet.records:
        report.rows += 1
        row = dict(zip(sheet.header, cells, strict=False))
        record = _record(line, {k: (v or "").strip() for k, v in row.items()}, directory, report)
        if record is None:
            continue
        if record.project.key in seen:
            report.error(line, "atlas_project_id", "identifiant de fiche déjà présent plus haut")
            continue
        seen.add(record.project.key)
        records.append(record)
    return records


def _record(
    line: int, row: dict[str, str], directory: Directory, report: ImportReport
) -> SheetRecord | None:
    errors = len(report.errors)
    prj_id = row["atlas_project_id"]
    if not prj_id.isdigit():
        report.error(line, "atlas_project_id", f"« {prj_id} » : identifiant numérique attendu")
    if not row["atlas_title"]:
        report.error(line, "atlas_title", "valeur obligatoire manquante")
    status = STATUSES.get(row["status_on_page"])
    if status is None:
        report.error(line, "status_on_page", f"« {row['status_on_page']} » : en cours, terminé")
    end_date = None
    if row["end_date"]:
        try:
            end_date = dt.date.fromisoformat(row["end_date"])
        except ValueError:
            report.error(line, "end_date", f"« {row['end_date']} » : date AAAA-MM-JJ attendue")
    country_ids: list[int] = []
    try:
        country_ids.append(directory.country(row["partner_country_iso2"].upper()).id)
    except Unresolved as exc:
        report.error(line, "partner_country_iso2", exc.reason)
    codes = [t.strip() for t in row["themes"].split(";") if t.strip()]
    theme_ids, unknown = directory.theme_ids(codes)
    if unknown:
        report.error(line, "themes", unknown[0])
    if len(report.errors) > errors:
        return None
    french_ids: list[int] = []
    named = [n.strip() for n in row["french_authority_name"].split(";") if n.strip()]
    for name in named:
        try:
            french_ids.append(resolve_french(directory, name))
        except Unresolved as exc:
            report.notes.append(
                f"ligne {line} : collectivité non rattachée, laissée dans la description : "
                f"{exc.reason}"
            )
    urls = join_urls([row["source_url"]], split_urls(row["evidence_urls"]))
    project = ProjectRecord(
        key=project_key("atlas", prj_id),
        title=row["atlas_title"],
        summary=row["summary"],
        description=_description(row, named),
        theme_ids=set(theme_ids),
        status=status or "",
        source_urls=urls,
    )
    return SheetRecord(line, project, sorted(set(french_ids)), country_ids, end_date)


def _description(row: dict[str, str], named: list[str]) -> str:
    """What the page says that the project's fields cannot hold, one fact a line."""
    lines = []
    if named:
        lines.append("Collectivité(s) française(s) nommée(s) par la fiche : " + ", ".join(named))
    if row["partner_name"]:
        lines.append(f"Partenaire : {row['partner_name']}")
    if row["first_signature_year"]:
        lines.append(f"Première signature : {row['first_signature_year']}")
    if row["start_year"]:
        lines.append(f"Début : {row['start_year']}")
    themes = [row[c] for c in ("atlas_theme", "atlas_subtheme", "atlas_subsubtheme") if row[c]]
    if themes:
        lines.append("Thématique de l'Atlas : " + " › ".join(themes))
    if row["embassy"]:
        lines.append(f"Ambassade : {row['embassy']}")
    return "\n".join(lines)
