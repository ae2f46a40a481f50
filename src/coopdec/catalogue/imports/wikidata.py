"""Twinnings of French towns from a Wikidata query result (P190 "twinned administrative body").

The shipped file (``data/catalogue/wikidata-twinnings-france-2017.tsv``, SOURCES.md §7) and any
fresh result of the same query, as TSV or CSV. Columns read (others are ignored):
``origincityLabel`` (required), ``origincountry``, ``originpopulation``, ``sistercityLabel``
(required), ``destinationlat``, ``destinationlong``, ``destinationpopulation``,
``destination_countryLabel`` (required).

* The French town becomes an official commune by exact normalised name ("Allonnes, Sarthe"
  restricts to the Sarthe), then through the communes déléguées of the COG for merged communes,
  and among homonyms by population: accepted only when exactly one candidate is within 20 % of
  the Wikidata population.
* The partner's country comes from its English label (``Country.name_en`` and alternates, plus
  ``COUNTRY_ALIASES``).
* What cannot be resolved (unknown or ambiguous town, unknown country, a partner with no label,
  a French partner) is reported in ``report.skipped``, never guessed, and does not stop the
  other rows. A malformed number, on the contrary, refuses the file.
* Rows repeating a twinning (the query returns one row per population or coordinate value) are
  merged. Every field is "weak": Wikidata only fills what other sources left blank.
"""

from __future__ import annotations

import re

from coopdec.catalogue.imports.keys import (
    fold_name,
    foreign_level,
    partner_search_name,
    partnership_key,
)
from coopdec.catalogue.imports.records import PartnershipRecord
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.imports.resolution import Directory, Unresolved
from coopdec.catalogue.imports.tabular import Sheet, typed_rows
from coopdec.catalogue.models import RelationType
from coopdec.formats.tablefields import Field, Row, TableSchema

# Provenance of the shipped file (the starter catalogue cites the same URL).
SHIPPED_SOURCE_URL = (
    "https://github.com/rogorido/sistercities/blob/0a647ed42418928d6bbdb0a9d9224c75dbc8a783/"
    "sparql/data/france.tsv"
)
SHIPPED_SOURCE_DATE = "2017-05-29"
QUERY_SERVICE_URL = "https://query.wikidata.org/"

SCHEMA = TableSchema(
    fields=(
        Field("origincityLabel", constraints={"required": True}),
        Field("origincountry"),
        Field("originpopulation", type="number", constraints={"minimum": 0}),
        Field("sistercityLabel", constraints={"required": True}),
        Field("destinationlat", type="number", constraints={"minimum": -90, "maximum": 90}),
        Field("destinationlong", type="number", constraints={"minimum": -180, "maximum": 180}),
        Field("destinationpopulation", type="number", constraints={"minimum": 0}),
        Field("destination_countryLabel", constraints={"required": True}),
    )
)
ALL_FIELDS = frozenset(
    {
        "title",
        "summary",
        "relation_type",
        "start_year",
        "end_year",
        "status",
        "open_to_new_members",
        "funders",
        "source_date",
        "partner_level",
        "partner_location",
    }
)
_QID = re.compile(r"Q\d+")


def parse(
    sheet: Sheet,
    directory: Directory,
    report: ImportReport,
    *,
    source_url: str,
    source_date: str,
) -> list[PartnershipRecord]:
    names = sheet.header
    for f in SCHEMA.fields:
        if f.name not in names and SCHEMA.is_required(f):
            report.error(sheet.header_line, f.name, "colonne obligatoire absente")
    if report.errors:
        return []
    columns = [
        SCHEMA.field(name) if name not in names[:i] else None for i, name in enumerate(names)
    ]
    typed = typed_rows(sheet, SCHEMA, columns)
    report.errors += typed.problems
    report.rows = len(sheet.records)
    records: dict[str, PartnershipRecord] = {}
    for line, row in typed.rows:
        record = _record(line, row, directory, report, source_url, source_date)
        if record is None:
            continue
        first = records.get(record.key)
        if first is None:
            records[record.key] = record
        else:
            first.absorb(record)
            report.merged += 1
    return list(records.values())


def _int(value: object) -> int | None:
    return int(value) if value is not None else None  # type: ignore[call-overload]


def _float(value: object) -> float | None:
    return float(value) if value is not None else None  # type: ignore[arg-type]


def _record(
    line: int,
    row: Row,
    directory: Directory,
    report: ImportReport,
    source_url: str,
    source_date: str,
) -> PartnershipRecord | None:
    town = str(row["origincityLabel"] or "").strip()
    partner = str(row["sistercityLabel"] or "").strip()
    country_label = str(row["destination_countryLabel"] or "").strip()
    origin_country = str(row.get("origincountry") or "").strip()
    if origin_country and fold_name(origin_country) != "france":
        report.skip(line, "origincountry", origin_country, "ville d'origine hors de France")
        return None
    if not partner or _QID.fullmatch(partner):
        report.skip(line, "sistercityLabel", partner, "partenaire sans libellé dans Wikidata")
        return None
    try:
        country = directory.country_by_label(country_label)
    except Unresolved as exc:
        report.skip(line, "destination_countryLabel", country_label, exc.reason)
        return None
    if country.iso2 == "FR":
        report.skip(
            line,
            "destination_countryLabel",
            f"{partner} ({country_label})",
            "jumelage entre deux villes françaises : hors du champ de la coopération "
            "internationale",
        )
        return None
    try:
        commune = directory.commune_by_population(town, _int(row.get("originpopulation")))
    except Unresolved as exc:
        report.skip(line, "origincityLabel", town, exc.reason, exc.candidates)
        return None
    search_name = partner_search_name(partner, (country.name_en, country.name_fr))
    french_name = commune.name
    if commune.former_name:
        french_name = f"{commune.former_name} (aujourd'hui {commune.name})"
    return PartnershipRecord(
        line=line,
        key=partnership_key(commune.key_part, country.iso2, search_name),
        french=commune,
        country_id=country.id,
        iso2=country.iso2,
        partner_name=partner,
        partner_search_name=search_name,
        title=f"{commune.name} – {partner} : jumelage",
        relation_type=RelationType.JUMELAGE,
        partner_level=foreign_level(partner, default="municipality"),
        partner_latitude=_float(row.get("destinationlat")),
        partner_longitude=_float(row.get("destinationlong")),
        partner_population=_int(row.get("destinationpopulation")),
        summary=(
            f"Jumelage entre {french_name} et {partner} ({country.name_fr}), enregistré dans "
            "Wikidata (propriété P190 « jumelé avec »)."
        ),
        source_urls=[source_url],
        source_date=source_date,
        weak=ALL_FIELDS,
    )
