"""``coopdec import iati FILE.xml`` and the API upload: IATI activities into the catalogue.

All or nothing by default: the file is read once, streaming; each activity is checked against
the IATI 2.03 XSD and written in batches inside one transaction; at the first schema issue the
writing stops, the reading goes on to list every issue (element, line, rule), and the
transaction is rolled back. ``partial=True`` skips invalid activities instead (root-level
issues still refuse the file). ``dry_run=True`` does everything and rolls back.

Files that cannot be read at all (malformed, truncated, DTD or entities, IATI 1.x) raise
IatiError before anything is kept. ``catalogue.changes.notify`` runs once per import, in its
transaction (``catalogue_changed`` is sent after the commit).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from coopdec.catalogue.changes import notify
from coopdec.catalogue.imports.iati.pipeline import ActivityStream, peak_rss_kb
from coopdec.catalogue.imports.iati.reading import ActivityRow, FileEnd
from coopdec.catalogue.imports.iati.rows import ProjectValues, project_values, skip_reason
from coopdec.catalogue.imports.iati.upsert import IatiActivityWriter
from coopdec.catalogue.models import ImportBatch
from coopdec.catalogue.pacing import Pace
from coopdec.catalogue.writer import CatalogueWriter
from coopdec.formats.iati import ValidationIssue

BATCH = 500
MAX_ISSUES = 200


@dataclass
class ImportSummary:
    """The end-of-import report (CLI table, API JSON, ImportBatch.report)."""

    file: str
    status: str = "imported"  # imported | refused | dry_run
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    skipped_examples: list[dict[str, Any]] = field(default_factory=list)
    issues: list[ValidationIssue] = field(default_factory=list)
    issue_count: int = 0
    notes: dict[str, int] = field(default_factory=dict)
    batch_id: int | None = None
    sha256: str = ""
    seconds: float = 0.0  # reading, checking and writing, until the commit
    cpu_seconds: float = 0.0  # this process's CPU time over the same span
    index_seconds: float = 0.0  # the catalogue_changed receivers (search index) after it
    peak_rss_kb: int = 0
    child_peak_rss_kb: int = 0

    @property
    def written(self) -> bool:
        return self.status == "imported"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "skipped_reasons": self.skipped_reasons,
            "skipped_examples": self.skipped_examples,
            "issue_count": self.issue_count,
            "issues": [
                {
                    "line": i.line,
                    "element": i.element,
                    "path": i.path,
                    "rule": i.rule,
                    "message": i.message,
                }
                for i in self.issues
            ],
            "notes": self.notes,
            "batch_id": self.batch_id,
            "sha256": self.sha256,
        }


def import_iati(
    source: Path | IO[bytes],
    *,
    file_name: str | None = None,
    partial: bool = False,
    dry_run: bool = False,
    use_child: bool | None = None,
) -> ImportSummary:
    """Import an IATI 2.01-2.03 activity file into the catalogue (see module docstring)."""
    started, cpu = time.perf_counter(), time.process_time()
    name = file_name or (
        source.name if isinstance(source, Path) else str(getattr(source, "name", ""))
    )
    name = Path(name).name or _("<flux>")
    summary = ImportSummary(file=name)
    stream = ActivityStream(source, file_name=name, use_child=use_child)
    committed: list[float] = []  # when the commit happened, before the index receivers ran
    with transaction.atomic():
        batch = ImportBatch.objects.create(kind=ImportBatch.Kind.IATI, source_name=name)
        writer = CatalogueWriter(batch, source_name=name).activities()
        _consume(stream, writer, summary, partial)
        tally = writer.tally
        summary.created, summary.updated, summary.unchanged = (
            tally.created,
            tally.updated,
            tally.unchanged,
        )
        summary.skipped = sum(tally.skipped.values())
        summary.skipped_reasons = dict(tally.skipped)
        summary.skipped_examples = tally.examples
        summary.notes = dict(tally.notes.most_common())
        if summary.status == "imported" and dry_run:
            summary.status = "dry_run"
        if summary.written:
            summary.sha256 = summary.sha256 or stream.sha256
            batch.checksum = summary.sha256
            batch.created, batch.updated, batch.unchanged = (
                summary.created,
                summary.updated,
                summary.unchanged,
            )
            batch.report = summary.to_json()
            batch.save()
            summary.batch_id = batch.pk
            # Journalled in this transaction, indexed after the commit: an import killed in
            # between leaves a trace the index repairs from. Sent even when nothing changed,
            # so that re-importing a file indexes what an interrupted import left out.
            transaction.on_commit(lambda: committed.append(time.perf_counter()))
            notify(projects=tally.touched, full=tally.everything)
        else:
            transaction.set_rollback(True)
    summary.seconds = (committed[0] if committed else time.perf_counter()) - started
    summary.cpu_seconds = time.process_time() - cpu
    summary.child_peak_rss_kb = stream.child_peak_rss_kb
    summary.peak_rss_kb = peak_rss_kb()  # the index receivers ran at the commit: theirs too
    summary.index_seconds = time.perf_counter() - started - summary.seconds
    return summary


def _consume(
    stream: ActivityStream, writer: IatiActivityWriter, summary: ImportSummary, partial: bool
) -> None:
    pending: list[tuple[int, ProjectValues]] = []
    pace = Pace(settings.COOPDEC_IMPORT_SHARE)  # the parsing child waits on its full pipe
    refused = False
    bad_record: str | None = None  # path prefix of the activity whose issues are being read
    for message in stream:
        if isinstance(message, ActivityRow):
            if refused:
                continue
            reason = skip_reason(message)
            if reason is not None:
                writer.tally.skip(message.line, message.identifier, reason)
                continue
            pending.append((message.line, project_values(message)))
            if len(pending) >= BATCH:
                writer.write(pending)
                pending = []
                pace.step()
        elif isinstance(message, ValidationIssue):
            summary.issue_count += 1
            if len(summary.issues) < MAX_ISSUES:
                summary.issues.append(message)
            record = "/".join(message.path.split("/")[:3])
            root_level = message.path.count("/") <= 1
            if partial and not root_level:
                if record != bad_record:
                    writer.tally.skip(message.line, record, _("activité non conforme au schéma"))
                    bad_record = record
                continue
            refused = True
            pending = []
        elif isinstance(message, FileEnd):
            summary.sha256 = message.sha256 or stream.sha256
            summary.read = message.records
    if refused:
        summary.status = "refused"
        return
    if pending:
        writer.write(pending)
