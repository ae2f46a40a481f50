"""Import use cases, shared by the CLI (``coopdec import ...``) and ``coopdec init``.

Every import reads the whole file, resolves every row, and writes only when no row is
invalid: one transaction, and a report listing every error with line, column and reason.
Writing goes through ``CatalogueWriter.merge_records`` (the ``CURATED`` policy of
``catalogue/merge_policy.py``): an upsert on stable keys, so importing the same file again
changes nothing. After a
successful import that changed something, ``catalogue_changed`` is sent once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction

from coopdec.catalogue import changes
from coopdec.catalogue.imports import atlas, atlas_projects, catalogue_csv, wikidata
from coopdec.catalogue.imports.records import PartnershipRecord
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.imports.resolution import Directory
from coopdec.catalogue.imports.tabular import DEFAULT_MAX_BYTES, FileRefused, Sheet, read_sheet
from coopdec.catalogue.models import ImportBatch
from coopdec.catalogue.writer import CatalogueWriter

Kind = ImportBatch.Kind
Parser = Callable[[Sheet, Directory, ImportReport], list[PartnershipRecord]]

STARTER_FILE = "catalogue/partnerships.csv"
SOURCE_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
WIKIDATA_FILE = "catalogue/wikidata-twinnings-france-2017.tsv"


def _run(
    kind: str,
    source: Path | bytes,
    parser: Parser,
    *,
    filename: str,
    dry_run: bool,
    max_bytes: int,
    separators: tuple[str, ...] = (";", ","),
    batch_name: str | None = None,
    reuse_batch: bool = False,
) -> ImportReport:
    report = ImportReport(kind=kind, file=filename, dry_run=dry_run)
    try:
        sheet = read_sheet(source, filename=filename, max_bytes=max_bytes, separators=separators)
    except FileRefused as exc:
        report.errors.append(exc.problem)
        return report
    report.checksum, report.encoding, report.separator = (
        sheet.checksum,
        sheet.encoding,
        sheet.separator,
    )
    with transaction.atomic():
        records = parser(sheet, Directory(), report)
        if report.refused:
            return report
        if dry_run:
            CatalogueWriter(None).merge_records(records, report)
            return report
        batch = _batch(kind, batch_name or Path(filename).name, sheet.checksum, reuse_batch)
        CatalogueWriter(batch).merge_records(records, report)
        report.batch_id = batch.pk
        batch.created = report.partnerships.created + report.projects.created
        batch.updated = report.partnerships.updated + report.projects.updated
        batch.unchanged = report.partnerships.unchanged + report.projects.unchanged
        batch.checksum = sheet.checksum
        batch.report = report.to_dict()
        batch.save()
        if report.partnership_ids or report.project_ids:
            changes.notify(partnerships=report.partnership_ids, projects=report.project_ids)
    return report


def _batch(kind: str, name: str, checksum: str, reuse: bool) -> ImportBatch:
    """A new batch per user import; the loaders of ``coopdec init`` keep one per file."""
    if reuse:
        batch = ImportBatch.objects.filter(kind=kind, source_name=name).order_by("pk").first()
        if batch is not None:
            return batch
    return ImportBatch.objects.create(kind=kind, source_name=name[:300], checksum=checksum)


def import_catalogue(
    source: Path | bytes,
    *,
    filename: str | None = None,
    dry_run: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportReport:
    """The project's catalogue CSV (Table Schema ``catalogue.schema.json``)."""

    def parse(sheet: Sheet, directory: Directory, report: ImportReport) -> list[PartnershipRecord]:
        return catalogue_csv.parse(sheet, directory, report, catalogue_csv.USER_FILE)

    return _run(
        Kind.CATALOGUE_CSV,
        source,
        parse,
        filename=filename or str(source),
        dry_run=dry_run,
        max_bytes=max_bytes,
    )


def import_atlas(
    source: Path | bytes,
    *,
    mapping: Path | atlas.Mapping | None = None,
    filename: str | None = None,
    dry_run: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ImportReport:
    """An Atlas CSV export, through a column mapping (the shipped default when None).

    Raises ``atlas.MappingError`` when the mapping file itself is wrong.
    """
    table = mapping if isinstance(mapping, atlas.Mapping) else atlas.load_mapping(mapping)

    def parse(sheet: Sheet, directory: Directory, report: ImportReport) -> list[PartnershipRecord]:
        return atlas.parse(sheet, directory, report, table)

    return _run(
        Kind.ATLAS_CSV,
        source,
        parse,
        filename=filename or str(source),
        dry_run=dry_run,
        max_bytes=max_bytes,
    )


def shipped_path(name: str, data_dir: Path | None = None) -> Path:
    from django.conf import settings

    return Path(data_dir or settings.SHIPPED_DATA_DIR) / name


def import_wikidata(
    source: Path | bytes,
    *,
    filename: str | None = None,
    source_url: str | None = None,
    source_date: str | None = None,
    dry_run: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    reuse_batch: bool = False,
) -> ImportReport:
    """A Wikidata query result of twinnings (TSV or CSV).

    Provenance: the shipped file's (GitHub copy, 2017-05-29) when ``source`` is that file,
    else ``source_url`` (default: the Wikidata query service) and ``source_date`` (default:
    the file's modification date).
    """
    url, date = source_url, source_date
    if _same_content(source, shipped_path(WIKIDATA_FILE)):
        url, date = url or wikidata.SHIPPED_SOURCE_URL, date or wikidata.SHIPPED_SOURCE_DATE
    if date is None and isinstance(source, Path):
        date = dt.date.fromtimestamp(source.stat().st_mtime).isoformat()

    def parse(sheet: Sheet, directory: Directory, report: ImportReport) -> list[PartnershipRecord]:
        if date and not SOURCE_DATE.fullmatch(date):
            report.error(None, None, f"date de source « {date} » : AAAA, AAAA-MM ou AAAA-MM-JJ")
            return []
        return wikidata.parse(
            sheet,
            directory,
            report,
            source_url=url or wikidata.QUERY_SERVICE_URL,
            source_date=date or "",
        )

    return _run(
        Kind.WIKIDATA,
        source,
        parse,
        filename=filename or str(source),
        dry_run=dry_run,
        max_bytes=max_bytes,
        separators=("\t", ";", ","),
        batch_name=WIKIDATA_FILE if reuse_batch else None,
        reuse_batch=reuse_batch,
    )


def _same_content(source: Path | bytes, shipped: Path) -> bool:
    try:
        if isinstance(source, Path):
            if source.stat().st_size != shipped.stat().st_size:
                return False
            return source.read_bytes() == shipped.read_bytes()
        return len(source) == shipped.stat().st_size and source == shipped.read_bytes()
    except OSError:
        return False


class ShippedDataError(RuntimeError):
    """A shipped file does not import cleanly: a packaging bug, reported with every error."""


def load_starter(data_dir: Path | None = None) -> ImportReport:
    """The starter catalogue (``data/catalogue/partnerships.csv``), for ``coopdec init``."""
    path = shipped_path(STARTER_FILE, data_dir)

    def parse(sheet: Sheet, directory: Directory, report: ImportReport) -> list[PartnershipRecord]:
        return catalogue_csv.parse(sheet, directory, report, catalogue_csv.STARTER)

    report = _run(
        Kind.STARTER,
        path,
        parse,
        filename=STARTER_FILE,
        dry_run=False,
        max_bytes=DEFAULT_MAX_BYTES,
        separators=(",", ";"),
        batch_name=STARTER_FILE,
        reuse_batch=True,
    )
    _check_shipped(report)
    return report


def load_wikidata_twinnings(data_dir: Path | None = None) -> ImportReport:
    """The shipped Wikidata twinnings, merged with the starter catalogue, for ``coopdec init``."""
    path = shipped_path(WIKIDATA_FILE, data_dir)
    report = import_wikidata(
        path,
        filename=WIKIDATA_FILE,
        source_url=wikidata.SHIPPED_SOURCE_URL,
        source_date=wikidata.SHIPPED_SOURCE_DATE,
        reuse_batch=True,
    )
    _check_shipped(report)
    return report


def load_atlas_projects(data_dir: Path | None = None) -> ImportReport:
    """The shipped Atlas project sheets (``data/catalogue/atlas_projects.csv``) as catalogue
    projects, for ``coopdec init`` (rules: ``atlas_projects``). Names of French authorities
    that do not resolve exactly are in the report's notes (``coopdec import report atlas``)."""
    path = shipped_path(atlas_projects.SHEETS_FILE, data_dir)
    report = ImportReport(kind=Kind.ATLAS_CSV, file=atlas_projects.SHEETS_FILE)
    try:
        sheet = read_sheet(path, filename=atlas_projects.SHEETS_FILE, separators=(",",))
    except FileRefused as exc:
        report.errors.append(exc.problem)
        _check_shipped(report)
        return report
    report.checksum, report.encoding, report.separator = (
        sheet.checksum,
        sheet.encoding,
        sheet.separator,
    )
    with transaction.atomic():
        records = atlas_projects.parse(sheet, Directory(), report)
        _check_shipped(report)
        batch = _batch(Kind.ATLAS_CSV, atlas_projects.SHEETS_FILE, sheet.checksum, reuse=True)
        CatalogueWriter(batch).merge_projects(records, report)
        report.batch_id = batch.pk
        batch.created, batch.updated, batch.unchanged = (
            report.projects.created,
            report.projects.updated,
            report.projects.unchanged,
        )
        batch.checksum = sheet.checksum
        batch.report = report.to_dict()
        batch.save()
        if report.project_ids:
            changes.notify(projects=report.project_ids)
    return report


def _check_shipped(report: ImportReport) -> None:
    if report.refused:
        raise ShippedDataError(
            "\n".join([f"{report.file} : import refusé"] + [p.describe() for p in report.errors])
        )


def latest_report(kind: str | None = None) -> dict[str, Any] | None:
    """The report of the latest import (of ``kind``), with its date, or None."""
    batches = ImportBatch.objects.order_by("-updated_at", "-pk")
    if kind:
        batches = batches.filter(kind=kind)
    batch = batches.first()
    if batch is None:
        return None
    return {**batch.report, "batch_id": batch.pk, "date": batch.updated_at.isoformat()}
