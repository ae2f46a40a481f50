"""``CatalogueWriter``: the one way records enter or change in the catalogue.

Every import and every edit writes through it, under one of the policies declared field by
field in ``coopdec.catalogue.merge_policy`` (read it first):

* ``merge_records`` — ``CURATED``, in bulk: the catalogue CSV, the Atlas export, the Wikidata
  twinnings (and the starter catalogue of ``coopdec init``). Non-empty values replace, empty
  ones never blank, weak ones only fill blanks, links and sources are combined; nothing is
  deleted. A few queries per import whatever its size (``imports/upsert.py``).
* ``activities`` — ``SOURCE_OWNED``, in batches: IATI activities replace their own fields and
  links (deleted and re-created), never what curators added; an unchanged fingerprint writes
  nothing (``imports/iati/upsert.py``, whose statements keep the import fast).
* ``save_project`` / ``save_partnership`` — ``EDIT``, one record: the fields and links given
  are set as given, in one transaction, after the model's own validation; a stale edit (the
  record changed since the editor read it) is refused; the result says what changed.

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

from coopdec.catalogue.imports import upsert
from coopdec.catalogue.imports.iati.upsert import IatiActivityWriter
from coopdec.catalogue.imports.records import PartnershipRecord
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.merge_policy import (
    PARTNERSHIP_EDITABLE,
    PARTNERSHIP_LINKS,
    PROJECT_EDITABLE,
    PROJECT_LINKS,
)
from coopdec.catalogue.models import ImportBatch, Partnership, Project


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
