"""Write batches of imported activities into the catalogue: bulk upserts, no per-row signal.

One batch costs a handful of queries whatever its size: the existing projects and their
fingerprints, the authorities named, one ``INSERT ... ON CONFLICT (iati_identifier) DO UPDATE``
for the projects and one for their IATI records, then the many-to-many rows (deleted and
re-created for updated projects) by ``executemany`` — building ORM instances for them cost
more than everything else together. Must run inside the caller's transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from coopdec.catalogue.imports.iati.lookups import Lookups
from coopdec.catalogue.imports.iati.rows import ProjectValues, participant_json
from coopdec.catalogue.imports.iati.sql import Upsert
from coopdec.catalogue.models import IatiRecord, ImportBatch, Project

MAX_EXAMPLES = 50
MAX_NOTES = 200
MAX_TRACKED_IDS = 50_000  # beyond this, receivers are told to rebuild everything
PROJECT_FIELDS = [
    "title",
    "summary",
    "description",
    "narratives",
    "other_participants",
    "budget",
    "currency",
    "start_date",
    "end_date",
    "status",
    "import_batch",
    "source_url",
    "source_date",
    "updated_at",
]  # not key, created_at, nor what curators add (partnership, contact, funders, open...)
RECORD_FIELDS = [
    "publisher_ref",
    "publisher_type",
    "publisher_names",
    "language",
    "version",
    "last_updated",
    "fingerprint",
]
M2M = (
    "countries",
    "dac_sectors",
    "sdg_targets",
    "themes",
    "french_authorities",
    "foreign_authorities",
)
Fresh = list[tuple[int, ProjectValues, int | None]]  # (line, values, id of the updated project)


@dataclass
class Tally:
    """What the writer did; examples and ids are bounded whatever the file size."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    examples: list[dict[str, Any]] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    touched: set[int] = field(default_factory=set)
    everything: bool = False

    def skip(self, line: int, identifier: str, reason: str) -> None:
        self.skipped[reason] += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append({"line": line, "identifier": identifier, "reason": reason})

    def note(self, text: str) -> None:
        if text in self.notes or len(self.notes) < MAX_NOTES:
            self.notes[text] += 1

    def touch(self, ids: Iterable[int]) -> None:
        if self.everything:
            return
        self.touched.update(ids)
        if len(self.touched) > MAX_TRACKED_IDS:
            self.everything, self.touched = True, set()


def exported_key(values: ProjectValues) -> str | None:
    """The catalogue key inside an identifier coopdec made (``<publisher ref>-<key>``)."""
    prefix = f"{values.publisher[0]}-"
    if values.publisher[0] and values.identifier.startswith(prefix):
        return values.identifier[len(prefix) :] or None
    return None


class CatalogueWriter:
    def __init__(self, batch: ImportBatch, source_name: str) -> None:
        self.batch = batch
        self.source_name = source_name
        self.tally = Tally()
        self.lookups = Lookups()
        self._tables = [_through(name) for name in M2M]
        self._projects = Upsert(Project, "iati_identifier", PROJECT_FIELDS)
        self._records = Upsert(IatiRecord, "project", RECORD_FIELDS)

    def write(self, batch: list[tuple[int, ProjectValues]]) -> None:
        """Upsert one batch of ``(line, values)``."""
        fresh = self._select(batch)
        if not fresh:
            return
        orgs = [org for _l, v, _o in fresh for org in (v.publisher, *v.participants)]
        self.lookups.load_authorities(orgs)
        foreign = self.lookups.foreign_authorities(
            org for org in orgs if not self.lookups.french_authority(org)
        )
        ids = self._projects.run([self._project(values, foreign) for _line, values, _old in fresh])
        pks = [ids[values.identifier] for _line, values, _old in fresh]
        self._records.run([self._record(pk, v) for pk, (_l, v, _o) in zip(pks, fresh, strict=True)])
        updated = [pk for pk, (_line, _v, old) in zip(pks, fresh, strict=True) if old]
        self._write_relations(pks, [v for _line, v, _old in fresh], foreign, updated)
        for _line, values, old in fresh:
            self.tally.updated += old is not None
            self.tally.created += old is None
            for note in values.notes:
                self.tally.note(note)
        self.tally.touch(pks)

    def _select(self, batch: list[tuple[int, ProjectValues]]) -> Fresh:
        """The activities to write, with the id of the project they update (None: new)."""
        existing = {
            identifier: (pk, batch_id, print_)
            for pk, identifier, batch_id, print_ in Project.objects.filter(
                iati_identifier__in=[v.identifier for _line, v in batch]
            ).values_list("pk", "iati_identifier", "import_batch_id", "iati_record__fingerprint")
        }
        seen: set[str] = set()
        fresh: Fresh = []
        unchanged: list[int] = []
        for line, values in batch:
            found = existing.get(values.identifier)
            if values.identifier in seen or (found and found[1] == self.batch.pk):
                self.tally.skip(line, values.identifier, _("identifiant déjà présent plus haut"))
            elif found and found[2] == values.fingerprint:
                unchanged.append(found[0])
            else:
                fresh.append((line, values, found[0] if found else None))
            seen.add(values.identifier)
        if unchanged:
            # Provenance: this batch saw them too (and a later duplicate is recognised).
            Project.objects.filter(pk__in=unchanged).update(import_batch=self.batch)
            self.tally.unchanged += len(unchanged)
        return self._adopt_keys(fresh)

    def _adopt_keys(self, fresh: Fresh) -> Fresh:
        """A new activity updates the catalogue project it was exported from
        (``<publisher>-<key>``, see ``iati_activity``), or the project holding its key."""
        candidates: dict[str, list[str | None]] = {}
        for _line, v, old in fresh:
            if old is None:
                candidates[v.identifier] = [exported_key(v), v.key]
        if not candidates:
            return fresh
        keys = {key for pair in candidates.values() for key in pair if key}
        taken = {
            key: (pk, identifier)
            for pk, key, identifier in Project.objects.filter(key__in=keys).values_list(
                "pk", "key", "iati_identifier"
            )
        }
        kept = []
        for line, values, old in fresh:
            if old is None:
                found = [taken[k] for k in candidates[values.identifier] if k and k in taken]
                free = [pk for pk, identifier in found if identifier is None]
                if free:
                    Project.objects.filter(pk=free[0]).update(iati_identifier=values.identifier)
                    old = free[0]
                elif values.key in taken:
                    self.tally.skip(line, values.identifier, _("clé de projet déjà utilisée"))
                    continue
            kept.append((line, values, old))
        return kept

    def _project(self, v: ProjectValues, foreign: dict[tuple[str, str], int]) -> dict[str, Any]:
        others = [
            participant_json(org)
            for org in v.participants
            if not self.lookups.french_authority(org)
            and not self.lookups.foreign_id(org, v.countries, foreign)
        ]
        return {
            "key": v.key,
            "iati_identifier": v.identifier,
            "title": v.title,
            "summary": v.summary,
            "description": v.description,
            "narratives": v.narratives,
            "other_participants": others,
            "budget": v.budget,
            "currency": v.currency,
            "start_date": v.start_date,
            "end_date": v.end_date,
            "status": v.status,
            "import_batch_id": self.batch.pk,
            "source_url": self.source_name,
            "source_date": v.last_updated.date().isoformat() if v.last_updated else "",
        }

    def _record(self, pk: int, v: ProjectValues) -> dict[str, Any]:
        ref, kind, names, _role, _activity = v.publisher
        return {
            "project_id": pk,
            "publisher_ref": ref or "",
            "publisher_type": kind or "",
            "publisher_names": [[lang, text] for lang, text in names],
            "language": v.language,
            "version": v.version,
            "last_updated": v.last_updated,
            "fingerprint": v.fingerprint,
        }

    def _write_relations(
        self,
        pks: list[int],
        values: list[ProjectValues],
        foreign: dict[tuple[str, str], int],
        updated: list[int],
    ) -> None:
        lookups = self.lookups
        links: list[list[tuple[int, int]]] = [[] for _name in M2M]
        for pk, v in zip(pks, values, strict=True):
            links[0] += self._ids(pk, v.countries, lookups.countries, "pays")
            links[1] += self._ids(pk, v.dac_sectors, lookups.sectors, "CAD")
            links[2] += self._ids(pk, v.sdg_targets, lookups.targets, "ODD")
            links[3] += [(pk, t) for t in sorted(lookups.themes(v.dac_sectors, v.dac_categories))]
            orgs = (v.publisher, *v.participants)
            french = {lookups.french_authority(org) for org in orgs} - {None}
            links[4] += [(pk, a) for a in sorted(a for a in french if a)]
            partners = {lookups.foreign_id(org, v.countries, foreign) for org in v.participants}
            links[5] += [(pk, a) for a in sorted(a for a in partners if a)]
        with connection.cursor() as cursor:
            for (table, source, target), pairs in zip(self._tables, links, strict=True):
                if updated:
                    marks = ", ".join(["%s"] * len(updated))
                    cursor.execute(f"DELETE FROM {table} WHERE {source} IN ({marks})", updated)  # noqa: S608
                if pairs:
                    cursor.executemany(
                        f"INSERT INTO {table} ({source}, {target}) VALUES (%s, %s)",  # noqa: S608
                        pairs,
                    )

    def _ids(
        self, pk: int, codes: tuple[str, ...], known: dict[str, int], label: str
    ) -> list[tuple[int, int]]:
        pairs = []
        for code in codes:
            if code in known:
                pairs.append((pk, known[code]))
            else:
                note = _("code %(kind)s inconnu : %(code)s") % {"kind": label, "code": code}
                self.tally.note(note)
        return pairs


def _through(name: str) -> tuple[str, str, str]:
    """``(table, project column, target column)`` of a many-to-many field of Project
    (names from the model, quoted for the database)."""
    relation = Project._meta.get_field(name)
    through = relation.remote_field.through  # type: ignore[union-attr]
    quote = connection.ops.quote_name
    source = through._meta.get_field(relation.m2m_field_name()).column  # type: ignore[union-attr]
    target = through._meta.get_field(relation.m2m_reverse_field_name()).column  # type: ignore[union-attr]
    return quote(through._meta.db_table), quote(source), quote(target)
