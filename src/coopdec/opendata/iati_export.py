"""``coopdec export iati`` and the API downloads: IATI 2.03 activity and organisation files.

Activities are written one at a time (``write_activities`` streams), reading the catalogue
in chunks: memory stays that of one chunk whatever the catalogue size. A project that
cannot be written (no date, no French authority with an identifier, another publisher's
activity in an authority's own file) is left out and listed in the report with its reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coopdec.assistant import Project as ProjectFile
from coopdec.catalogue.models import FrenchAuthority
from coopdec.formats import iati
from coopdec.formats.iati import model as m
from coopdec.opendata.iati_activity import ExportContext, export_queryset, project_activity
from coopdec.opendata.iati_project_files import project_file_activity
from coopdec.opendata.selection import Selection

CHUNK = 500
MAX_SKIPPED = 200
Output = Path | IO[bytes]


@dataclass
class ExportReport:
    written: int = 0
    skipped: int = 0
    skipped_examples: list[dict[str, str]] = field(default_factory=list)

    def skip(self, reference: str, title: str, reason: str) -> None:
        self.skipped += 1
        if len(self.skipped_examples) < MAX_SKIPPED:
            self.skipped_examples.append({"project": reference, "title": title, "reason": reason})

    def to_json(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "skipped": self.skipped,
            "skipped_examples": self.skipped_examples,
        }


def paris_today() -> date:
    return timezone.localdate()


def _now() -> datetime:
    return datetime.now(tz=UTC).replace(microsecond=0)


def _catalogue_activities(
    selection: Selection, ctx: ExportContext, report: ExportReport
) -> Iterator[m.Activity]:
    for project in export_queryset(selection.projects()).iterator(chunk_size=CHUNK):
        activity = project_activity(project, ctx)
        if isinstance(activity, str):
            report.skip(project.key, project.title, activity)
            continue
        if ctx.authority is not None and activity.reporting_org.ref != ctx.ref(ctx.authority):
            reason = _("activité publiée par un autre éditeur (%(ref)s)") % {
                "ref": activity.reporting_org.ref
            }
            report.skip(project.key, project.title, reason)
            continue
        report.written += 1
        yield activity


def export_activities(
    out: Output,
    selection: Selection | None = None,
    *,
    org_ref: str | None = None,
    today: date | None = None,
    generated: datetime | None = None,
) -> ExportReport:
    """Write the selected catalogue projects as an ``iati-activities`` file."""
    selection = selection or Selection()
    ctx = ExportContext(
        today=today or paris_today(), authority=selection.authority, org_ref=org_ref
    )
    report = ExportReport()
    iati.write_activities(
        _catalogue_activities(selection, ctx, report), out, generated_datetime=generated or _now()
    )
    return report


def export_project_files(
    projects: Iterable[tuple[str, ProjectFile]],
    out: Output,
    *,
    org_ref: str | None = None,
    today: date | None = None,
    generated: datetime | None = None,
) -> ExportReport:
    """Write project files (``(name, project)`` pairs) as an ``iati-activities`` file."""
    report = ExportReport()
    ctx = ExportContext(today=today or paris_today(), org_ref=org_ref)

    def activities() -> Iterator[m.Activity]:
        for name, project in projects:
            if org_ref and project.lead_authority and project.lead_authority.kind:
                ctx.authority = FrenchAuthority.objects.filter(
                    kind=project.lead_authority.kind, code=project.lead_authority.code
                ).first()
            activity = project_file_activity(project, ctx)
            if isinstance(activity, str):
                report.skip(name, project.title or "", activity)
                continue
            report.written += 1
            yield activity

    iati.write_activities(activities(), out, generated_datetime=generated or _now())
    return report


def export_organisation(
    out: Output,
    authority: FrenchAuthority,
    *,
    org_ref: str | None = None,
    generated: datetime | None = None,
) -> str:
    """Write the ``iati-organisations`` file of a French authority; return its identifier.

    The file identifies the authority (identifier, name, type 11); the catalogue does not
    know the authority's own budgets, so none are written (docs/opendata.md).
    """
    ctx = ExportContext(today=paris_today(), authority=authority, org_ref=org_ref)
    ref = ctx.ref(authority)
    if ref is None:
        raise ValueError(
            _("%(name)s n'a pas d'identifiant d'organisation IATI : indiquer --org-ref")
            % {"name": authority.name}
        )
    organisation = m.Organisation(
        organisation_identifier=ref,
        name=(m.Narrative(authority.name, "fr"),),
        reporting_org=iati.local_authority(ref, authority.name),
        default_currency="EUR",
        language="fr",
        last_updated=generated or _now(),
    )
    iati.write_organisation(organisation, out, generated_datetime=generated or _now())
    return ref
