"""Writers of the open-data exports, each streaming rows into a binary output.

- CSV: UTF-8, comma, RFC 4180 quoting, lists joined with `` | ``; its Table Schema and the
  licence go in a Data Package descriptor beside it (``datapackage``);
- JSON: ``{"metadata": {...licence, sources...}, "records": [...]}``;
- GeoJSON (RFC 7946): a FeatureCollection whose ``metadata`` member states licence and
  sources; a feature's ``location_source`` property says whether its points are the partners'
  coordinates (``partner``), country centroids (``country_centroid``) or both (``mixed``);
- XLSX for officials: a "Catalogue" sheet (French column titles, frozen header, filters) and a
  "Licence et sources" sheet.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from coopdec.formats.spreadsheets import csv_row, xlsx_row
from coopdec.opendata.records import FIELDS, cell, locations

Rows = Iterable[tuple[dict[str, Any], list[Any]]]
SEPARATOR = " | "


def _flat(row: dict[str, Any], *, spreadsheet: bool = False) -> list[Any]:
    """Cells of a CSV line (text), or of a spreadsheet row (dates, numbers, booleans kept)."""
    values = []
    for column in FIELDS:
        value = row.get(column.name)
        if column.many:
            value = SEPARATOR.join(value or [])
        elif spreadsheet:
            value = float(value) if isinstance(value, Decimal) else value
        elif isinstance(value, bool):
            value = "true" if value else "false"
        else:
            value = cell(value)
        values.append("" if value is None and not spreadsheet else value)
    return values


def write_csv(rows: Rows, out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([column.name for column in FIELDS])
    count = 0
    for row, _foreign in rows:
        writer.writerow(csv_row(_flat(row)))  # no live formula (formats.spreadsheets)
        count += 1
    text.detach()
    return count


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {column.name: cell(row.get(column.name)) for column in FIELDS}


def write_json(rows: Rows, out: IO[bytes], metadata: dict[str, Any]) -> int:
    out.write(b'{"metadata": ' + json.dumps(metadata, ensure_ascii=False).encode())
    out.write(b', "records": [')
    count = 0
    for row, _foreign in rows:
        out.write(
            (b",\n" if count else b"\n") + json.dumps(_json_row(row), ensure_ascii=False).encode()
        )
        count += 1
    out.write(b"\n]}\n")
    return count


def write_geojson(rows: Rows, out: IO[bytes], metadata: dict[str, Any]) -> int:
    out.write(b'{"type": "FeatureCollection", "metadata": ')
    out.write(json.dumps(metadata, ensure_ascii=False).encode() + b', "features": [')
    count = 0
    for row, foreign in rows:
        points, source = locations(row, foreign)
        geometry: dict[str, Any] | None = None
        if len(points) == 1:
            geometry = {"type": "Point", "coordinates": points[0]}
        elif points:
            geometry = {"type": "MultiPoint", "coordinates": points}
        properties = _json_row(row)
        properties["location_source"] = source
        feature = {
            "type": "Feature",
            "id": row["id"],
            "geometry": geometry,
            "properties": properties,
        }
        out.write((b",\n" if count else b"\n") + json.dumps(feature, ensure_ascii=False).encode())
        count += 1
    out.write(b"\n]}\n")
    return count


def write_xlsx(rows: Rows, out: IO[bytes], metadata: dict[str, Any]) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Catalogue")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(FIELDS, start=1):
        wide = column.name in ("title", "summary", "french_authorities", "foreign_partners")
        sheet.column_dimensions[get_column_letter(index)].width = 40 if wide else 16
    bold = Font(bold=True)
    header = []
    for column in FIELDS:
        title = _cell(sheet, column.title)
        title.font = bold
        header.append(title)
    sheet.append(header)
    count = 0
    for row, _foreign in rows:
        sheet.append(xlsx_row(sheet, _flat(row, spreadsheet=True)))  # text stays text
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(FIELDS))}{count + 1}"
    about = book.create_sheet("Licence et sources")
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 100
    licence = metadata["licenses"][0]
    for label, value in (
        ("Titre", metadata["title"]),
        ("Licence", f"{licence['title']} — {licence['path']}"),
        ("Attribution", metadata["attribution"]),
        ("Produit le", metadata["generated"]),
        ("Filtres", ", ".join(f"{k} = {v}" for k, v in metadata["filters"].items()) or "aucun"),
        ("Enregistrements", count),
    ):
        about.append(xlsx_row(about, [label, value]))
    about.append([])
    about.append(["Sources", ""])
    for source in metadata["sources"]:
        about.append(xlsx_row(about, [source["licence"], f"{source['title']} — {source['path']}"]))
    for imported in metadata["imported_files"]:
        about.append(xlsx_row(about, [f"importé le {imported['imported']}", imported["title"]]))
    book.save(out)
    return count


def _cell(sheet: Any, value: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    return WriteOnlyCell(sheet, value=value)


def datapackage(metadata: dict[str, Any], schema: dict[str, Any], csv_name: str) -> dict[str, Any]:
    """The Data Package descriptor of a CSV export: licence, sources, and its Table Schema."""
    return {
        "profile": "tabular-data-package",
        "name": "coopdec-catalogue",
        "title": metadata["title"],
        "licenses": metadata["licenses"],
        "sources": metadata["sources"],
        "created": metadata["generated"],
        "x_attribution": metadata["attribution"],
        "x_imported_files": metadata["imported_files"],
        "x_filters": metadata["filters"],
        "resources": [
            {
                "name": "catalogue",
                "path": csv_name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
                "licenses": metadata["licenses"],
            }
        ],
    }
