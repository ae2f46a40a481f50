"""``coopdec export csv|json|geojson|xlsx`` and the API downloads: the catalogue as open data.

One service for the four formats; every export states its licence and sources (inside the
JSON, GeoJSON and XLSX files; for CSV in the Data Package descriptor written beside it, which
also holds the Table Schema). Rows are read in chunks and written as they come.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from coopdec.opendata import writers
from coopdec.opendata.meta import metadata
from coopdec.opendata.records import rows, table_schema
from coopdec.opendata.selection import Selection

FORMATS = ("csv", "json", "geojson", "xlsx")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "geojson": "application/geo+json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class OpenDataExport:
    format: str
    records: int
    metadata: dict[str, Any]


def export(fmt: str, out: IO[bytes], selection: Selection | None = None) -> OpenDataExport:
    """Write the selected records in ``fmt`` to the binary stream ``out``."""
    if fmt not in FORMATS:
        raise ValueError(f"format inconnu : {fmt} (attendus : {', '.join(FORMATS)})")
    selection = selection or Selection()
    meta = metadata(selection, geographic=fmt == "geojson")
    records = rows(selection)
    if fmt == "csv":
        count = writers.write_csv(records, out)
    elif fmt == "json":
        count = writers.write_json(records, out, meta)
    elif fmt == "geojson":
        count = writers.write_geojson(records, out, meta)
    else:
        count = writers.write_xlsx(records, out, meta)
    return OpenDataExport(fmt, count, meta)


def datapackage(
    selection: Selection | None = None, csv_name: str = "catalogue.csv"
) -> dict[str, Any]:
    """The Data Package descriptor of the CSV export (licence, sources, Table Schema)."""
    selection = selection or Selection()
    return writers.datapackage(metadata(selection), table_schema(), csv_name)


def export_file(fmt: str, path: Path, selection: Selection | None = None) -> list[Path]:
    """Write an export to ``path``; a CSV gets its ``<name>.datapackage.json`` beside it.
    Returns the files written."""
    with path.open("wb") as out:
        result = export(fmt, out, selection)
    if fmt != "csv":
        return [path]
    descriptor = path.with_name(path.stem + ".datapackage.json")
    package = writers.datapackage(result.metadata, table_schema(), path.name)
    descriptor.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    return [path, descriptor]
