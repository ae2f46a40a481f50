"""The ministry's Atlas CSV exports (one file per geographic zone on data.gouv.fr).

Their exact columns could not be checked offline, so a column-mapping YAML file drives the
import (default: ``coopdec/catalogue/schemas/atlas-mapping.yaml``, whose titles are
assumptions). Each row is a project: it becomes a ``Project`` inside the ``Partnership`` of its
French authority, country and partner (created when new, merged otherwise).

A dry run reports the mapped columns, the fields no column provides ("unmapped") and the
columns the mapping does not know ("unknown"), plus what would be created.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from coopdec.catalogue.imports.keys import (
    fold_name,
    foreign_level,
    partner_search_name,
    partnership_key,
    project_key,
)
from coopdec.catalogue.imports.records import PartnershipRecord, ProjectRecord
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.imports.resolution import COG_KINDS, KIND_LABELS, Directory, Unresolved
from coopdec.catalogue.imports.tabular import Sheet
from coopdec.catalogue.models import RelationType, Status
from coopdec.catalogue.schemas import ATLAS_MAPPING

# The fields a mapping can fill, with what they mean (shown by the dry run).
TARGETS: dict[str, str] = {
    "french_authority_name": "nom de la collectivité française",
    "french_authority_code": "code INSEE, SIREN, de département ou de région",
    "french_authority_kind": "nature de la collectivité française",
    "partner_name": "collectivité partenaire",
    "partner_country": "pays du partenaire (nom ou code ISO alpha-2)",
    "relation_type": "type de relation",
    "themes": "thématiques",
    "start_year": "année de début",
    "end_year": "année de fin",
    "project_id": "identifiant du projet dans l'Atlas",
    "project_title": "titre du projet",
    "description": "description du projet",
    "status": "statut",
    "funders": "cofinanceurs",
    "budget": "budget",
    "source_url": "lien vers la fiche",
}
CODED = {
    "french_authority_kind": {str(k) for k in KIND_LABELS},
    "relation_type": {str(v) for v in RelationType.values},
    "status": {str(v) for v in Status.values},
}
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)")


class MappingError(ValueError):
    """The mapping file itself is wrong; the message is in French and names the problem."""


@dataclass(frozen=True)
class Mapping:
    source: str
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    values: dict[str, dict[str, str]]  # field -> {normalised label: value}
    themes_separators: tuple[str, ...] = (";", ",", "/", "|")
    unknown_themes: str = "error"
    default_relation_type: str = RelationType.COOPERATION
    decimal_char: str = ","
    currency: str = "EUR"
    source_url: str = ""
    source_date: str = ""
    options: dict[str, Any] = field(default_factory=dict)


def load_mapping(path: Path | None = None) -> Mapping:
    """Read and check a mapping file (the shipped default when ``path`` is None)."""
    path = path or ATLAS_MAPPING
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MappingError(f"{path} : lecture impossible ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != "coopdec-atlas-mapping":
        raise MappingError(f"{path} : « format: coopdec-atlas-mapping » attendu")
    raw_columns = data.get("columns") or {}
    if not isinstance(raw_columns, dict):
        raise MappingError(f"{path} : « columns » doit associer un champ à des titres")
    unknown = sorted(set(raw_columns) - set(TARGETS))
    if unknown:
        raise MappingError(
            f"{path} : champ(s) inconnu(s) dans « columns » : {', '.join(unknown)} "
            f"(champs possibles : {', '.join(TARGETS)})"
        )
    columns = {
        target: tuple(str(t) for t in (titles if isinstance(titles, list) else [titles]))
        for target, titles in raw_columns.items()
    }
    required = tuple(data.get("required") or ())
    for target in ("french_authority_name", "partner_name", "partner_country", "project_title"):
        if target not in required:
            required += (target,)
    values: dict[str, dict[str, str]] = {}
    for target, table in (data.get("values") or {}).items():
        if target not in (*CODED, "themes") or not isinstance(table, dict):
            raise MappingError(f"{path} : « values.{target} » n'est pas une table de codes")
        allowed = CODED.get(target)
        bad = sorted(str(v) for v in table.values() if allowed is not None and v not in allowed)
        if bad:
            raise MappingError(
                f"{path} : « values.{target} » : valeur(s) non permise(s) {', '.join(bad)} "
                f"(permises : {', '.join(sorted(allowed or ()))})"
            )
        values[target] = {fold_name(str(k)): str(v) for k, v in table.items()}
    options = data.get("options") or {}
    default_relation = str(options.get("default_relation_type", RelationType.COOPERATION))
    if default_relation not in CODED["relation_type"]:
        raise MappingError(f"{path} : options.default_relation_type « {default_relation} » inconnu")
    if not re.fullmatch(r"(\d{4}(-\d{2}(-\d{2})?)?)?", str(options.get("source_date") or "")):
        raise MappingError(f"{path} : options.source_date : AAAA, AAAA-MM ou AAAA-MM-JJ")
    if not re.fullmatch(r"[A-Z]{3}", str(options.get("currency", "EUR"))):
        raise MappingError(f"{path} : options.currency : un code ISO 4217 (EUR, XOF…)")
    if options.get("unknown_themes", "error") not in ("error", "ignore"):
        raise MappingError(f"{path} : options.unknown_themes vaut « error » ou « ignore »")
    return Mapping(
        source=str(path),
        columns=columns,
        required=required,
        values=values,
        themes_separators=tuple(options.get("themes_separators", (";", ",", "/", "|"))),
        unknown_themes=str(options.get("unknown_themes", "error")),
        default_relation_type=default_relation,
        decimal_char=str(options.get("decimal_char", ",")),
        currency=str(options.get("currency", "EUR")),
        source_url=str(options.get("source_url") or ""),
        source_date=str(options.get("source_date") or ""),
        options=dict(options),
    )


def match_columns(
    sheet: Sheet, mapping: Mapping, report: ImportReport
) -> dict[str, tuple[int, str]]:
    """Target field -> (position, title) of the file column that provides it; the columns
    report (mapped, unmapped, unknown) and an error per missing required field."""
    positions: dict[str, int] = {}
    for position, title in enumerate(sheet.header):
        positions.setdefault(fold_name(title), position)
    found: dict[str, tuple[int, str]] = {}
    used: set[int] = set()
    for target, titles in mapping.columns.items():
        for title in titles:
            at = positions.get(fold_name(title))
            if at is not None:
                found[target] = (at, sheet.header[at])
                used.add(at)
                break
    unmapped = [t for t in TARGETS if t not in found]
    report.columns = {
        "mapped": [f"{title} → {target}" for target, (_p, title) in found.items()],
        "unmapped": [
            f"{target} ({TARGETS[target]} ; titres attendus : "
            f"{', '.join(mapping.columns.get(target, ())) or 'aucun'})"
            for target in unmapped
        ],
        "unknown": [title for p, title in enumerate(sheet.header) if p not in used and title],
    }
    for target in mapping.required:
        if target not in found:
            titles = mapping.columns.get(target, ())
            report.error(
                sheet.header_line,
                titles[0] if titles else target,
                f"colonne obligatoire absente (champ {target} ; titres acceptés : "
                f"{', '.join(titles) or 'aucun'})",
            )
    return found


def parse(
    sheet: Sheet, directory: Directory, report: ImportReport, mapping: Mapping
) -> list[PartnershipRecord]:
    found = match_columns(sheet, mapping, report)
    report.rows = len(sheet.records)
    if report.errors:
        return []
    records: dict[str, PartnershipRecord] = {}
    projects: dict[str, int] = {}
    for line, cells in sheet.records:
        if len(cells) != len(sheet.header):
            report.error(line, None, f"{len(cells)} cellules au lieu de {len(sheet.header)}")
            continue
        row = _Row(line, cells, found, report)
        record = _record(row, directory, report, mapping)
        if record is None:
            continue
        project = record.projects[0]
        first_line = projects.setdefault(project.key, line)
        if first_line != line:
            column = found.get("project_id", found["project_title"])[1]
            report.error(line, column, f"projet en double : même clé que la ligne {first_line}")
            continue
        existing = records.get(record.key)
        if existing is None:
            records[record.key] = record
        else:
            existing.absorb(record)  # several projects of one partnership
    return list(records.values())


class _Row:
    def __init__(
        self,
        line: int,
        cells: list[str],
        found: dict[str, tuple[int, str]],
        report: ImportReport,
    ) -> None:
        self.line, self.cells, self.found, self.report = line, cells, found, report
        self.ok = True

    def text(self, target: str) -> str:
        if target not in self.found:
            return ""
        return self.cells[self.found[target][0]].strip()

    def column(self, target: str) -> str:
        return self.found[target][1] if target in self.found else target

    def error(self, target: str, reason: str) -> None:
        self.report.error(self.line, self.column(target), reason)
        self.ok = False


def _coded(row: _Row, mapping: Mapping, target: str) -> str:
    text = row.text(target)
    if not text:
        return ""
    table = mapping.values.get(target, {})
    value = table.get(fold_name(text))
    if value is None and text in CODED.get(target, set()):
        value = text
    if value is None:
        known = ", ".join(sorted({f"« {k} »" for k in table}))[:300]
        row.error(target, f"valeur « {text} » absente de la table values.{target} ({known})")
        return ""
    return value


def _kind(row: _Row, mapping: Mapping, directory: Directory, name: str, code: str) -> str:
    kind = _coded(row, mapping, "french_authority_kind")
    if kind or not row.ok:
        return kind
    # No kind column (or an empty cell): from the code, then from the name's first words.
    if code:
        kinds = {a.kind for a in directory.kinds_of_code.get(code.upper(), [])}
        kinds &= set(COG_KINDS) - {"collectivite_particuliere"}
        if len(kinds) == 1:
            return kinds.pop()
    folded = fold_name(name)
    for prefix, guess in (
        ("region ", "region"),
        ("conseil regional", "region"),
        ("departement ", "departement"),
        ("conseil departemental", "departement"),
        ("conseil general", "departement"),
        ("communaute de communes", "epci"),
        ("communaute d agglomeration", "epci"),
        ("communaute urbaine", "epci"),
        ("metropole", "epci"),
        ("syndicat", "syndicat"),
    ):
        if folded.startswith(prefix):
            return guess
    row.error(
        "french_authority_kind"
        if "french_authority_kind" in row.found
        else "french_authority_name",
        "nature de la collectivité française indéterminée : renseignez le type de collectivité "
        "ou son code officiel",
    )
    return ""


def _year(row: _Row, target: str) -> int | None:
    text = row.text(target)
    if not text:
        return None
    years = _YEAR.findall(text)
    if len(years) != 1:
        row.error(target, f"« {text} » : une année (AAAA) ou une date attendue")
        return None
    return int(years[0])


def _budget(row: _Row, mapping: Mapping) -> Decimal | None:
    text = row.text("budget")
    if not text:
        return None
    cleaned = re.sub(r"[\s\u202f\xa0€]|EUR", "", text)
    if mapping.decimal_char != ".":
        cleaned = cleaned.replace(".", "").replace(mapping.decimal_char, ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        row.error(
            "budget",
            f"« {text} » : un montant attendu (séparateur décimal « {mapping.decimal_char} »)",
        )
        return None
    return value


def _themes(row: _Row, mapping: Mapping, directory: Directory, report: ImportReport) -> set[int]:
    text = row.text("themes")
    if not text:
        return set()
    pattern = "|".join(re.escape(s) for s in mapping.themes_separators)
    table = mapping.values.get("themes", {})
    ids: set[int] = set()
    for label in (part.strip() for part in re.split(pattern, text) if part.strip()):
        folded = fold_name(label)
        code = table.get(folded) or directory.theme_by_label.get(folded)
        if code is not None and code in directory.themes:
            ids.add(directory.themes[code])
        elif mapping.unknown_themes == "ignore":
            note = f"thématique « {label} » ignorée (absente de values.themes)"
            if note not in report.notes:
                report.notes.append(note)
        else:
            row.error("themes", f"thématique « {label} » absente de values.themes et des thèmes")
    return ids


def _record(
    row: _Row, directory: Directory, report: ImportReport, mapping: Mapping
) -> PartnershipRecord | None:
    name, code = row.text("french_authority_name"), row.text("french_authority_code")
    partner, country_text = row.text("partner_name"), row.text("partner_country")
    title = row.text("project_title")
    for target, value in (
        ("french_authority_name", name),
        ("partner_name", partner),
        ("partner_country", country_text),
        ("project_title", title),
    ):
        if not value:
            row.error(target, "valeur obligatoire manquante")
    french = country = None
    if name:
        kind = _kind(row, mapping, directory, name, code)
        if kind:
            try:
                french = directory.french(kind, code or None, name)
            except Unresolved as exc:
                row.error("french_authority_code" if code else "french_authority_name", exc.reason)
    if country_text:
        try:
            country = directory.country_by_label(country_text)
        except Unresolved as exc:
            row.error("partner_country", exc.reason)
    relation = _coded(row, mapping, "relation_type")
    status = _coded(row, mapping, "status")
    theme_ids = _themes(row, mapping, directory, report)
    start, end = _year(row, "start_year"), _year(row, "end_year")
    if start is not None and end is not None and end < start:
        row.error("end_year", f"année de fin {end} antérieure à l'année de début {start}")
    budget = _budget(row, mapping)
    if not row.ok or french is None or country is None:
        return None
    search_name = partner_search_name(partner, (country.name_en, country.name_fr))
    key = partnership_key(french.key_part, country.iso2, search_name)
    project_id = row.text("project_id")
    pkey = (
        project_key("atlas", project_id)
        if project_id
        else project_key("atlas", key, fold_name(title))
    )
    urls = (
        [row.text("source_url") or mapping.source_url]
        if (row.text("source_url") or mapping.source_url)
        else []
    )
    weak = {"title", "partner_level"}
    if not relation:
        relation = mapping.default_relation_type
        weak.add("relation_type")
    record = PartnershipRecord(
        line=row.line,
        key=key,
        french=french,
        country_id=country.id,
        iso2=country.iso2,
        partner_name=partner,
        partner_search_name=search_name,
        title=f"{name} – {partner}",
        relation_type=relation,
        partner_level=foreign_level(partner),
        theme_ids=set(theme_ids),
        start_year=start,
        end_year=end,
        source_urls=urls,
        source_date=mapping.source_date,
        weak=frozenset(weak),
    )
    record.projects.append(
        ProjectRecord(
            key=pkey,
            title=title,
            description=row.text("description"),
            theme_ids=set(theme_ids),
            status=status,
            funders=row.text("funders"),
            budget=budget,
            currency=mapping.currency if budget is not None else "",
            source_urls=urls,
            source_date=mapping.source_date,
        )
    )
    return record
