"""``CatalogueWriter``: the one way records enter or change in the catalogue.

Every import and every edit writes through it, under one of the policies declared field by
field in ``coopdec.catalogue.merge_policy`` (read it first):

* ``merge_records`` — ``CURATED``, in bulk: the catalogue CSV, the Atlas export, the Wikidata
  twinnings (and the starter catalogue of ``coopdec init``). Non-empty values replace, empty
  ones never blank, weak ones only fill blanks, links and sources are combined; nothing is
  deleted. A few queries per import whatever its size (``imports/upsert.py``).
* ``merge_projects`` — ``CURATED`` too, for projects that stand alone (the Atlas project
  sheets of ``coopdec init``), record by record.
* ``activities`` — ``SOURCE_OWNED``, in batches: IATI activities replace their own fields and
  links (deleted and re-created), never what curators added; an unchanged fingerprint writes
  nothing (``imports/iati/upsert.py``, whose statements keep the import fast).
* ``save_project`` / ``save_partnership`` — ``EDIT``, one record: the fields and links given
  are set as given, in one transaction, after the model's own validation; a stale edit (the
  record changed since the editor read it) is refused; the result says what changed.
* ``delete_record`` — ``EDIT``, one record removed (an unpublished contribution), stale edits
  refused the same way; ``foreign_partner`` finds or adds the foreign authority a
  contribution names (same country and normalised name: the same row as the imports').

The caller owns the transaction of a bulk write (an import is all or nothing) and the
``catalogue_changed`` notification of the ids it reports; a single-record save notifies
through the model's save signal, after its commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from coopdec.catalogue import changes
from coopdec.catalogue.imports import upsert
from coopdec.catalogue.imports.atlas_projects import SheetRecord
from coopdec.catalogue.imports.iati.upsert import IatiActivityWriter
from coopdec.catalogue.imports.keys import partner_search_name
from coopdec.catalogue.imports.records import PartnershipRecord, join_urls, split_urls
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.merge_policy import (
    EMPTY,
    EMPTY_OF,
    PARTNERSHIP_EDITABLE,
    PARTNERSHIP_LINKS,
    PROJECT_EDITABLE,
    PROJECT_LINKS,
    PROJECT_REPLACED,
    merge_value,
)
from coopdec.catalogue.models import (
    Example,
    ForeignAuthority,
    ImportBatch,
    Partnership,
    Project,
    Status,
)
from coopdec.reference.models import Country


class StaleRecord(Exception):
    """The record changed since the editor read it: the edit would overwrite that change."""

    def __init__(self, key: str, stored: dt.datetime) -> None:
        super().__init__(f"{key}: modifié le {stored.isoformat()} entre-temps")
        self.key = key
        self.stored = stored


@dataclass(frozen=True)
class RecordChange:
    """What one ``save_*`` did: ``fields`` and ``links`` map a name to (before, after)."""

    kind: str  # "project" | "partnership"
    pk: int
    key: str
    created: bool
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    links: dict[str, tuple[frozenset[int], frozenset[int]]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """True when the record was created or any field or link changed."""
        return self.created or bool(self.fields) or bool(self.links)


class CatalogueWriter:
    """Writes catalogue records under the merge policy (see the module docstring).

    ``batch`` is the provenance of an import (``None``: a dry run for ``merge_records``, an
    edit by a person for ``save_*``).
    """

    def __init__(self, batch: ImportBatch | None = None, *, source_name: str = "") -> None:
        self.batch = batch
        self.source_name = source_name or (batch.source_name if batch else "")

    # -- imports ---------------------------------------------------------------------------

    def merge_records(self, records: list[PartnershipRecord], report: ImportReport) -> None:
        """``CURATED``: upsert ``records`` (keys unique), filling ``report``'s counts and the
        ids touched. Without a batch nothing is written: the counts are what a run would do."""
        upsert.write(records, report, self.batch)

    def merge_projects(self, records: list[SheetRecord], report: ImportReport) -> None:
        """``CURATED``: upsert projects that stand alone (no partnership: the Atlas project
        sheets), under the same field policy as ``merge_records``, in bulk (no per-row
        signal: the caller notifies the ids of ``report``); fills ``report``'s project counts.
        Without a batch nothing is written."""
        now = timezone.now()
        existing = {
            p.key: p for p in Project.objects.filter(key__in=[r.project.key for r in records])
        }
        tables = {
            name: upsert._links(Project, name, [p.pk for p in existing.values()])
            for name in ("french_authorities", "countries", "themes")
        }
        new: list[tuple[SheetRecord, Project]] = []
        changed: list[Project] = []
        for record in records:
            incoming = record.project
            values: dict[str, Any] = {
                name: getattr(incoming, name) for name in (*PROJECT_REPLACED, "source_date")
            }
            values["title"] = incoming.title[:500]
            stored = existing.get(incoming.key)
            if stored is None:
                project = Project(
                    key=incoming.key,
                    **{k: v for k, v in values.items() if v not in EMPTY},
                    end_date=record.end_date,
                    source_url=" | ".join(incoming.source_urls),
                    import_batch=self.batch,
                )
                project.status = project.status or Status.UNKNOWN
                new.append((record, project))
                continue
            merged = {
                name: merge_value(
                    getattr(stored, name), value, weak=name in incoming.weak,
                    empty=EMPTY_OF.get(name, EMPTY),
                )
                for name, value in values.items()
            }  # fmt: skip
            if stored.end_date is None:  # FILL
                merged["end_date"] = record.end_date
            merged["source_url"] = " | ".join(
                join_urls(split_urls(stored.source_url), incoming.source_urls)
            )
            if any(getattr(stored, name) != value for name, value in merged.items()):
                for name, value in merged.items():
                    setattr(stored, name, value)
                changed.append(stored)
        if self.batch is not None:
            Project.objects.bulk_create([project for _record, project in new])
        wanted: dict[str, dict[int, set[int]]] = {name: {} for name in tables}
        project_of = {**existing, **{p.key: p for _record, p in new}}
        for position, record in enumerate(records):
            # A dry run's new projects have no id: a placeholder, never written.
            pk = project_of[record.project.key].pk or -1 - position
            wanted["french_authorities"][pk] = set(record.french_ids)
            wanted["countries"][pk] = set(record.country_ids)
            wanted["themes"][pk] = set(record.project.theme_ids)
        gained: set[int] = set()
        for name, table in tables.items():
            gained |= upsert._add_links(table, wanted[name], self.batch is not None)
        changed += [p for p in existing.values() if p.pk in gained and p not in changed]
        for project in changed:
            project.updated_at, project.import_batch = now, self.batch
        if self.batch is not None:
            upsert.update_rows(
                Project,
                changed,
                ["key"],
                [*PROJECT_REPLACED, "source_url", "source_date", "end_date", "updated_at",
                 "import_batch"],
            )  # fmt: skip
            report.project_ids |= {p.pk for _r, p in new} | {p.pk for p in changed}
        report.projects.created += len(new)
        report.projects.updated += len(changed)
        report.projects.unchanged += len(existing) - len(changed)

    def activities(self) -> IatiActivityWriter:
        """``SOURCE_OWNED``: a writer of IATI activity batches (``write(batch)``, ``tally``)."""
        if self.batch is None:
            raise ValueError("an IATI import needs an import batch (its provenance)")
        return IatiActivityWriter(self.batch, self.source_name)

    # -- one record (EDIT) -----------------------------------------------------------------

    def save_project(
        self,
        key: str,
        values: Mapping[str, Any],
        links: Mapping[str, Iterable[int]] | None = None,
        *,
        expected_updated_at: dt.datetime | None = None,
    ) -> RecordChange:
        """Create or update the project ``key``: fields of ``PROJECT_EDITABLE`` and links of
        ``PROJECT_LINKS`` (ids), set as given. Raises ``ValueError`` for a name outside them,
        ``django.core.exceptions.ValidationError`` (per field) for a bad value and
        ``StaleRecord`` when ``expected_updated_at`` is not the stored one."""
        return self._save(
            Project, "project", PROJECT_EDITABLE, PROJECT_LINKS, key, values, links,
            expected_updated_at,
        )  # fmt: skip

    def save_partnership(
        self,
        key: str,
        values: Mapping[str, Any],
        links: Mapping[str, Iterable[int]] | None = None,
        *,
        expected_updated_at: dt.datetime | None = None,
    ) -> RecordChange:
        """As ``save_project``, for a partnership (``PARTNERSHIP_EDITABLE``,
        ``PARTNERSHIP_LINKS``)."""
        return self._save(
            Partnership, "partnership", PARTNERSHIP_EDITABLE, PARTNERSHIP_LINKS, key, values,
            links, expected_updated_at,
        )  # fmt: skip

    def delete_record(
        self, kind: str, key: str, *, expected_updated_at: dt.datetime | None = None
    ) -> RecordChange:
        """Delete the ``kind`` ("project" | "partnership") record ``key`` in one transaction
        (the search index follows through the delete signal, after the commit). Raises
        ``LookupError`` when there is no such record and ``StaleRecord`` as ``save_*``. The
        change lists every scalar field's last value (before, None)."""
        model = _MODELS[kind]
        with transaction.atomic():
            obj = model._default_manager.select_for_update().filter(key=key).first()
            if obj is None:
                raise LookupError(key)
            if expected_updated_at is not None and obj.updated_at != expected_updated_at:
                raise StaleRecord(key, obj.updated_at)
            editable = PROJECT_EDITABLE if kind == "project" else PARTNERSHIP_EDITABLE
            before = {
                name: (getattr(obj, model._meta.get_field(name).attname), None)  # type: ignore[union-attr]
                for name in editable
            }
            pk = int(obj.pk)
            obj.delete()
        return RecordChange(kind, pk, key, False, before)

    def set_example(self, key: str, why: str, flagged_by: str) -> Example:
        """Flag the project ``key`` as an example (good practice) with why, or change why.
        Raises ``LookupError`` (no such project) and ``ValidationError`` (``why`` blank or
        too long). The search index and the page caches follow (the project is notified)."""
        with transaction.atomic():
            project = Project.objects.select_for_update().filter(key=key).first()
            if project is None:
                raise LookupError(key)
            example = Example.objects.filter(project=project).first() or Example(project=project)
            example.why, example.flagged_by, example.published = why.strip(), flagged_by, True
            example.full_clean()
            example.save()
            changes.notify(projects=[project.pk])
        return example

    def clear_example(self, key: str) -> bool:
        """Remove the example flag of the project ``key``; False when it had none."""
        with transaction.atomic():
            project = Project.objects.filter(key=key).first()
            if project is None:
                raise LookupError(key)
            deleted, _ = Example.objects.filter(project=project).delete()
            if deleted:
                changes.notify(projects=[project.pk])
        return bool(deleted)

    def foreign_partner(self, name: str, country: Country, level: str = "other") -> int:
        """The id of the foreign authority ``name`` in ``country``: the existing row with the
        same normalised name, else a new one (validated). Raises ``ValidationError``."""
        search_name = partner_search_name(name, (country.name_en, country.name_fr))
        with transaction.atomic():
            found = ForeignAuthority.objects.filter(country=country, search_name=search_name)
            existing = found.values_list("pk", flat=True).first()
            if existing is not None:
                return int(existing)
            partner = ForeignAuthority(
                name=name.strip(), search_name=search_name, country=country, level=level
            )
            partner.full_clean()
            partner.save()
            return int(partner.pk)

    def _save(
        self,
        model: type[Project] | type[Partnership],
        kind: str,
        editable: tuple[str, ...],
        link_names: tuple[str, ...],
        key: str,
        values: Mapping[str, Any],
        links: Mapping[str, Iterable[int]] | None,
        expected: dt.datetime | None,
    ) -> RecordChange:
        wanted_links = {name: frozenset(ids) for name, ids in (links or {}).items()}
        unknown = sorted(
            [n for n in values if n not in editable]
            + [n for n in wanted_links if n not in link_names]
        )
        if unknown:
            raise ValueError(f"champ inconnu ou non modifiable : {unknown[0]}")
        with transaction.atomic():
            obj: models.Model | None = (
                model._default_manager.select_for_update().filter(key=key).first()
            )
            created = obj is None
            if obj is None:
                obj = model(key=key)
            elif expected is not None and obj.updated_at != expected:  # type: ignore[attr-defined]
                raise StaleRecord(key, obj.updated_at)  # type: ignore[attr-defined]
            changed: dict[str, tuple[Any, Any]] = {}
            for name, value in values.items():
                attribute = model._meta.get_field(name).attname  # type: ignore[union-attr]
                before = getattr(obj, attribute)
                if created or before != value:
                    setattr(obj, attribute, value)
                    if not created:
                        changed[name] = (before, value)
            link_changes: dict[str, tuple[frozenset[int], frozenset[int]]] = {}
            if not created:
                for name, after in wanted_links.items():
                    stored = frozenset(getattr(obj, name).values_list("pk", flat=True))
                    if stored != after:
                        link_changes[name] = (stored, after)
            else:
                link_changes = {n: (frozenset(), ids) for n, ids in wanted_links.items() if ids}
            if created or changed or link_changes:
                obj.full_clean(exclude=[*link_names])
                # The save signal tells the search index, after the commit.
                obj.save()
                for name, (_before, after) in link_changes.items():
                    getattr(obj, name).set(sorted(after))
        return RecordChange(kind, int(obj.pk), key, created, changed, link_changes)


_MODELS: dict[str, type[Project] | type[Partnership]] = {
    "project": Project,
    "partnership": Partnership,
}
