"""The project's own catalogue CSV (one partnership per row), described by a Table Schema.

Columns and rules: ``coopdec/catalogue/schemas/catalogue.schema.json`` and docs/imports.md.
The starter catalogue shipped with the package (``data/catalogue/partnerships.csv``) is in
this format and is loaded through this importer with the starter policy: an empty code means
"outside the COG" (the file leaves it empty exactly when it could not be resolved without
guessing), and rows with the same key are merged instead of refused.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from coopdec.catalogue.imports.keys import (
    foreign_level,
    partner_search_name,
    partnership_key,
    project_key,
)
from coopdec.catalogue.imports.records import PartnershipRecord, ProjectRecord, split_urls
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.imports.resolution import Directory, Unresolved
from coopdec.catalogue.imports.tabular import Sheet, typed_rows
from coopdec.catalogue.models import RelationType
from coopdec.catalogue.schemas import CATALOGUE_SCHEMA
from coopdec.formats.tablefields import Row, TableSchema, load_schema
from coopdec.formats.tableschema import _check_header

RELATION_LABELS = {str(value): str(label) for value, label in RelationType.choices}


@functools.cache
def schema() -> TableSchema:
    return load_schema(CATALOGUE_SCHEMA)


@dataclass(frozen=True)
class Policy:
    empty_code_is_unofficial: bool = False
    merge_duplicates: bool = False


USER_FILE = Policy()
STARTER = Policy(empty_code_is_unofficial=True, merge_duplicates=True)


def parse(
    sheet: Sheet, directory: Directory, report: ImportReport, policy: Policy = USER_FILE
) -> list[PartnershipRecord]:
    """The records of ``sheet``; every problem goes to ``report.errors``."""
    table = schema()
    problems, columns = _check_header(
        table, sheet.header, sheet.file, sheet.header_line, sheet.separator
    )
    report.errors += problems
    if columns is None or any(p.reason == "colonne obligatoire absente" for p in problems):
        return []
    typed = typed_rows(sheet, table, columns)
    report.errors += typed.problems
    report.rows = len(sheet.records)
    records: dict[str, PartnershipRecord] = {}
    failed_lines = {line for line, _column in typed.failed}
    for line, row in typed.rows:
        record = _record(line, row, directory, report, policy, typed.failed)
        if line in failed_lines:
            continue
        if record is None:
            continue
        first = records.get(record.key)
        if first is None:
            records[record.key] = record
        elif policy.merge_duplicates:
            first.absorb(record)
            report.merged += 1
        else:
            report.error(
                line,
                "partner_name",
                "partenariat en double : même collectivité française, même pays et même "
                f"partenaire que la ligne {first.line}",
            )
    return list(records.values())


def _text(row: Row, name: str) -> str:
    value = row.get(name)
    return str(value).strip() if value is not None else ""


def _record(
    line: int,
    row: Row,
    directory: Directory,
    report: ImportReport,
    policy: Policy,
    failed: set[tuple[int, str]],
) -> PartnershipRecord | None:
    def bad(column: str) -> bool:
        return (line, column) in failed

    ok = True
    french = None
    kind, code, name = (
        _text(row, "french_authority_kind"),
        _text(row, "french_authority_code"),
        _text(row, "french_authority_name"),
    )
    official = row.get("french_authority_official")
    if kind and name and not bad("french_authority_code") and not bad("french_authority_official"):
        if official is False and code:
            report.error(
                line,
                "french_authority_code",
                "code fourni pour un organisme déclaré hors COG (french_authority_official = non)",
            )
            ok = False
        else:
            try:
                french = directory.french(
                    kind,
                    code or None,
                    name,
                    empty_code_is_unofficial=policy.empty_code_is_unofficial,
                    official=official if isinstance(official, bool) else None,
                )
            except Unresolved as exc:
                report.error(
                    line, "french_authority_code" if code else "french_authority_name", exc.reason
                )
                ok = False
    country = None
    iso2 = _text(row, "partner_country_iso2")
    if iso2 and not bad("partner_country_iso2"):
        try:
            country = directory.country(iso2)
        except Unresolved as exc:
            report.error(line, "partner_country_iso2", exc.reason)
            ok = False
    theme_codes = [t.strip() for t in _text(row, "themes").split(";") if t.strip()]
    theme_ids, theme_problems = directory.theme_ids(theme_codes)
    for reason in theme_problems:
        report.error(line, "themes", reason)
        ok = False
    start, end = row.get("start_year"), row.get("end_year")
    if isinstance(start, int) and isinstance(end, int) and end < start:
        report.error(line, "end_year", f"année de fin {end} antérieure à l'année de début {start}")
        ok = False
    latitude, longitude = row.get("partner_latitude"), row.get("partner_longitude")
    if (latitude is None) != (longitude is None) and not (
        bad("partner_latitude") or bad("partner_longitude")
    ):
        report.error(
            line,
            "partner_longitude" if longitude is None else "partner_latitude",
            "latitude et longitude vont ensemble : donnez les deux ou aucune",
        )
        ok = False
    if not ok or french is None or country is None:
        return None
    partner = _text(row, "partner_name")
    relation = _text(row, "relation_type")
    search_name = partner_search_name(partner, (country.name_en, country.name_fr))
    key = partnership_key(french.key_part, country.iso2, search_name)
    title = _text(row, "title")
    weak = set()
    if not title:
        title = f"{name} – {partner} : {RELATION_LABELS.get(relation, relation)}"
        weak.add("title")
    level = _text(row, "partner_level")
    if not level:
        level = foreign_level(partner)
        weak.add("partner_level")
    status = _text(row, "status")
    urls = split_urls(_text(row, "source_url"))
    record = PartnershipRecord(
        line=line,
        key=key,
        french=french,
        country_id=country.id,
        iso2=country.iso2,
        partner_name=partner,
        partner_search_name=search_name,
        title=title,
        relation_type=relation,
        partner_level=level,
        partner_latitude=float(latitude) if latitude is not None else None,  # type: ignore[arg-type]
        partner_longitude=float(longitude) if longitude is not None else None,  # type: ignore[arg-type]
        summary=_text(row, "summary"),
        theme_ids=set(theme_ids),
        start_year=start if isinstance(start, int) else None,
        end_year=end if isinstance(end, int) else None,
        status=status,
        open_to_new_members=row.get("open_to_new_members")  # type: ignore[arg-type]
        if isinstance(row.get("open_to_new_members"), bool)
        else None,
        funders=_text(row, "funders"),
        source_urls=urls,
        source_date=_text(row, "source_date"),
        weak=frozenset(weak),
    )
    if relation == RelationType.PROJET:
        # A dated project: the partnership, plus a project linked to it that search and the
        # API list among projects. Same texts and sources; years stay on the partnership.
        record.projects.append(
            ProjectRecord(
                key=project_key("projet", key),
                title=title,
                summary=record.summary,
                theme_ids=set(theme_ids),
                status=status,
                open_to_new_members=record.open_to_new_members,
                funders=record.funders,
                source_urls=urls,
                source_date=record.source_date,
                weak=frozenset(weak & {"title"}),
            )
        )
    return record
