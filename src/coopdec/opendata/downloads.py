"""Exports as files ready to serve: one call per download, shared by the API and the web.

Each function checks its parameters (``SelectionError`` or ``ProjectFileError`` with a French
message), writes the export into an anonymous temporary file (memory stays bounded whatever
the catalogue size) and returns it rewound, with its media type and a file name.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.utils import timezone

from coopdec.assistant import parse_project
from coopdec.opendata import apd, apd_files, iati_export
from coopdec.opendata import exports as opendata
from coopdec.opendata.selection import Selection, SelectionError

XML = "application/xml"
XLSX = opendata.MEDIA_TYPES["xlsx"]


@dataclass
class Download:
    file: IO[bytes]
    media_type: str
    filename: str
    headers: dict[str, str]


def _temporary() -> IO[bytes]:
    return tempfile.TemporaryFile()


def _ready(out: IO[bytes], media_type: str, filename: str, **headers: str) -> Download:
    out.seek(0)
    return Download(out, media_type, filename, headers)


def catalogue(fmt: str, **filters: str | None) -> Download:
    """The catalogue as ``csv``, ``json``, ``geojson`` or ``xlsx``."""
    if fmt not in opendata.FORMATS:
        raise SelectionError(f"format inconnu : {fmt} (attendus : {', '.join(opendata.FORMATS)})")
    selection = Selection.parse(**filters)
    out = _temporary()
    result = opendata.export(fmt, out, selection)
    return _ready(
        out,
        opendata.MEDIA_TYPES[fmt],
        f"coopdec-catalogue.{fmt}",
        **{"X-Records": str(result.records)},
    )


def iati_activities(org_ref: str | None = None, **filters: str | None) -> Download:
    selection = Selection.parse(**filters)
    out = _temporary()
    report = iati_export.export_activities(out, selection, org_ref=org_ref)
    return _ready(
        out,
        XML,
        "coopdec-iati-activities.xml",
        **{"X-Activities": str(report.written), "X-Skipped": str(report.skipped)},
    )


def iati_project_files(
    projects: Sequence[Mapping[str, Any]], org_ref: str | None = None
) -> Download:
    """Project files (as JSON objects) as an IATI activity file."""
    parsed = [
        (f"project[{index}]", parse_project(data, source=f"project[{index}]"))
        for index, data in enumerate(projects)
    ]
    out = _temporary()
    report = iati_export.export_project_files(parsed, out, org_ref=org_ref)
    return _ready(
        out,
        XML,
        "coopdec-iati-projets.xml",
        **{"X-Activities": str(report.written), "X-Skipped": str(report.skipped)},
    )


def iati_organisation(authority: str, org_ref: str | None = None) -> Download:
    found = Selection.parse(authority=authority).authority
    if found is None:  # an empty value selects nothing: say which parameter is missing
        raise SelectionError("authority : collectivité attendue (NATURE:CODE)")
    out = _temporary()
    try:
        iati_export.export_organisation(out, found, org_ref=org_ref)
    except ValueError as exc:
        raise SelectionError(str(exc)) from None
    return _ready(out, XML, f"coopdec-iati-organisation-{found.kind}-{found.code}.xml")


def apd_declaration(
    fmt: str,
    authority: str,
    year: int | None = None,
    projects: Sequence[Mapping[str, Any]] = (),
) -> Download:
    """The APD declaration of the campaign ``year`` (default: this year) as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise SelectionError(f"format inconnu : {fmt} (attendus : csv, xlsx)")
    found = Selection.parse(authority=authority).authority
    assert found is not None  # noqa: S101
    campaign = year or timezone.localdate().year
    if not 2000 <= campaign <= date.today().year + 1:
        raise SelectionError(f"année de campagne invalide : {campaign}")
    files = [
        (f"project[{index}]", parse_project(data, source=f"project[{index}]"))
        for index, data in enumerate(projects)
    ]
    rows = apd.declaration(found, campaign, files)
    out = _temporary()
    if fmt == "csv":
        apd_files.write_csv(rows, out)
        media = opendata.MEDIA_TYPES["csv"]
    else:
        apd_files.write_xlsx(rows, out, campaign - 1)
        media = XLSX
    return _ready(out, media, f"apd-{campaign - 1}-{found.kind}-{found.code}.{fmt}")
