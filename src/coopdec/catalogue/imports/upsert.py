"""The ``CURATED`` engine of ``CatalogueWriter``: resolved records written in bulk, merged on
stable keys, never blanking a filled field (see ``coopdec.catalogue.merge_policy``).

A few queries per import whatever its size: existing rows are fetched by key in chunks, new
rows go through ``bulk_create`` and changed ones through an upsert on their unique key, and
many-to-many links are inserted into their through tables directly. None of these fire the
per-row model signals; the service sends one ``catalogue_changed`` notification afterwards.

Merge rules, for a record whose key already exists (the ``CURATED`` column of the policy):

* a non-empty incoming value replaces the stored one, an empty one never blanks it;
* ``weak`` fields (Wikidata rows, generated titles) only fill blanks;
* source URLs, themes and linked authorities are combined (union), never removed.

Callers go through ``coopdec.catalogue.writer.CatalogueWriter``, not this module.

With ``batch=None`` (dry run) nothing is written; the counts are what a real run would do.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from coopdec.catalogue.imports.records import (
    PartnershipRecord,
    ProjectRecord,
    join_urls,
    split_urls,
)
from coopdec.catalogue.imports.report import ImportReport
from coopdec.catalogue.merge_policy import (
    EMPTY,
    EMPTY_OF,
    PARTNERSHIP_POLICY,
    PARTNERSHIP_REPLACED,
    PROJECT_POLICY,
    PROJECT_REPLACED,
    Merge,
    Policy,
    fields,
    merge_value,
)
from coopdec.catalogue.models import (
    ForeignAuthority,
    FrenchAuthority,
    ImportBatch,
    Partnership,
    Project,
    Status,
)

CHUNK = 900  # bound on the parameters of one IN (...) query
BATCH = 1000
T = TypeVar("T")
M = TypeVar("M", bound=models.Model)
_EMPTY = EMPTY
# The links an import combines (UNION), the policy's source URLs apart.
_PARTNERSHIP_UNION = tuple(
    name for name in fields(PARTNERSHIP_POLICY, Policy.CURATED, Merge.UNION) if name != "source_url"
)
_PROJECT_UNION = tuple(
    name for name in fields(PROJECT_POLICY, Policy.CURATED, Merge.UNION) if name != "source_url"
)


def chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def update_rows(model: type[M], rows: list[M], unique_fields: list[str], fields: list[str]) -> None:
    """Write changed rows back as one upsert per batch (``INSERT ... ON CONFLICT DO UPDATE``
    on their unique key): much faster than ``bulk_update``'s CASE WHEN on SQLite."""
    if rows:
        model._default_manager.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=unique_fields,
            update_fields=fields,
        )


class _Ids:
    """Ids of rows that exist, or will: placeholders (negative) for rows a dry run would add."""

    def __init__(self) -> None:
        self._next = itertools.count(-1, -1)

    def placeholder(self) -> int:
        return next(self._next)


def write(
    records: list[PartnershipRecord], report: ImportReport, batch: ImportBatch | None
) -> None:
    """Upsert ``records`` (keys unique) and fill ``report``'s counts and touched ids."""
    ids = _Ids()
    now = timezone.now()
    french_ids = _french_authorities(records, report, batch, ids)
    foreign_ids = _foreign_authorities(records, report, batch, ids, now)
    partnership_ids = _partnerships(records, report, batch, french_ids, foreign_ids, now)
    _projects(records, report, batch, french_ids, foreign_ids, partnership_ids, now)


def _french_key(record: PartnershipRecord) -> tuple[str, str]:
    return (record.french.kind, record.french.search_name)


def _french_authorities(
    records: list[PartnershipRecord], report: ImportReport, batch: ImportBatch | None, ids: _Ids
) -> dict[int, int]:
    """The French authority id of each record (by position), creating bodies outside the COG."""
    to_create: dict[tuple[str, str], FrenchAuthority] = {}
    for record in records:
        if record.french.id is None and _french_key(record) not in to_create:
            to_create[_french_key(record)] = FrenchAuthority(
                kind=record.french.kind,
                code=None,
                name=record.french.name[:300],
                search_name=record.french.search_name[:300],
                official=False,
            )
    created: dict[tuple[str, str], int] = {}
    if batch is not None and to_create:
        FrenchAuthority.objects.bulk_create(list(to_create.values()), batch_size=BATCH)
        created = {key: obj.pk for key, obj in to_create.items()}
    else:
        created = {key: ids.placeholder() for key in to_create}
    report.french_authorities.created += len(to_create)
    return {
        position: record.french.id if record.french.id is not None else created[_french_key(record)]
        for position, record in enumerate(records)
    }


def _foreign_key(record: PartnershipRecord) -> tuple[int, str]:
    return (record.country_id, record.partner_search_name[:300])


@dataclass
class _Partner:
    """What the records of one import say about one foreign authority."""

    name: str
    country_id: int
    level: str
    latitude: float | None
    longitude: float | None
    population: int | None
    weak: frozenset[str]

    @classmethod
    def of(cls, record: PartnershipRecord) -> _Partner:
        located = record.partner_latitude is not None and record.partner_longitude is not None
        return cls(
            record.partner_name,
            record.country_id,
            record.partner_level,
            record.partner_latitude if located else None,
            record.partner_longitude if located else None,
            record.partner_population,
            record.weak,
        )

    def fill(self, record: PartnershipRecord) -> None:
        """Blanks filled from another row naming the same partner."""
        other = _Partner.of(record)
        if self.latitude is None and other.latitude is not None:
            self.latitude, self.longitude = other.latitude, other.longitude
        if self.population is None:
            self.population = other.population
        if self.level == "other":
            self.level = other.level


def _foreign_authorities(
    records: list[PartnershipRecord],
    report: ImportReport,
    batch: ImportBatch | None,
    ids: _Ids,
    now: Any,
) -> dict[tuple[int, str], int]:
    wanted: dict[tuple[int, str], _Partner] = {}
    for record in records:
        key = _foreign_key(record)
        if key in wanted:
            wanted[key].fill(record)
        else:
            wanted[key] = _Partner.of(record)
    names = sorted({name for _country, name in wanted})
    existing: dict[tuple[int, str], ForeignAuthority] = {}
    for chunk in chunks(names):
        for authority in ForeignAuthority.objects.filter(search_name__in=chunk):
            key = (authority.country_id, authority.search_name)
            if key in wanted:
                existing[key] = authority
    new: dict[tuple[int, str], ForeignAuthority] = {}
    changed: list[ForeignAuthority] = []
    for key, partner in wanted.items():
        located = partner.latitude is not None and partner.longitude is not None
        stored = existing.get(key)
        if stored is None:
            new[key] = ForeignAuthority(
                name=partner.name[:300],
                search_name=key[1],
                country_id=partner.country_id,
                level=partner.level,
                latitude=partner.latitude if located else None,
                longitude=partner.longitude if located else None,
                population=partner.population,
            )
            continue
        authority = stored
        before = (authority.level, authority.latitude, authority.longitude, authority.population)
        weak_place = "partner_location" in partner.weak
        if located and (not weak_place or authority.latitude is None):
            authority.latitude, authority.longitude = partner.latitude, partner.longitude
        authority.population = merge_value(
            authority.population, partner.population, weak=weak_place
        )
        authority.level = merge_value(
            authority.level,
            partner.level,
            weak="partner_level" in partner.weak,
            empty=(None, "", "other"),
        )
        if (authority.level, authority.latitude, authority.longitude, authority.population) != (
            before
        ):
            authority.updated_at = now
            changed.append(authority)
    if batch is not None:
        ForeignAuthority.objects.bulk_create(list(new.values()), batch_size=BATCH)
        update_rows(
            ForeignAuthority,
            changed,
            ["country", "search_name"],
            ["level", "latitude", "longitude", "population", "updated_at"],
        )
    counts = report.foreign_authorities
    counts.created += len(new)
    counts.updated += len(changed)
    counts.unchanged += len(existing) - len(changed)
    result = {key: authority.pk for key, authority in existing.items()}
    result.update(
        {key: (obj.pk if batch is not None else ids.placeholder()) for key, obj in new.items()}
    )
    return result


def _links(
    model: type[models.Model], name: str, owner_ids: Iterable[int]
) -> tuple[type[models.Model], str, str, dict[int, set[int]]]:
    """(through model, owner column, target column, existing links) of a many-to-many field."""
    field: Any = model._meta.get_field(name)
    through: type[models.Model] = field.remote_field.through
    owner_column, target_column = field.m2m_column_name(), field.m2m_reverse_name()
    existing: dict[int, set[int]] = {}
    owners = [pk for pk in owner_ids if pk > 0]
    for chunk in chunks(owners):
        rows = through._default_manager.filter(**{f"{owner_column}__in": chunk}).values_list(
            owner_column, target_column
        )
        for owner, target in rows:
            existing.setdefault(owner, set()).add(target)
    return through, owner_column, target_column, existing


def _add_links(
    link_table: tuple[type[models.Model], str, str, dict[int, set[int]]],
    wanted: dict[int, set[int]],
    write_rows: bool,
) -> set[int]:
    """Insert the missing links; the owners that gained one."""
    through, owner_column, target_column, existing = link_table
    rows = []
    gained: set[int] = set()
    for owner, targets in wanted.items():
        missing = targets - existing.get(owner, set())
        if missing:
            gained.add(owner)
            rows += [through(**{owner_column: owner, target_column: t}) for t in sorted(missing)]
    if write_rows and rows:
        through._default_manager.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    return gained


def _merge_fields(
    obj: models.Model,
    values: dict[str, Any],
    weak: frozenset[str],
    empties: dict[str, tuple[Any, ...]],
) -> bool:
    changed = False
    for name, incoming in values.items():
        stored = getattr(obj, name)
        merged = merge_value(stored, incoming, weak=name in weak, empty=empties.get(name, _EMPTY))
        if merged != stored:
            setattr(obj, name, merged)
            changed = True
    return changed


def _partnership_values(record: PartnershipRecord) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in (*PARTNERSHIP_REPLACED, "source_date")}
    values["title"] = record.title[:500]
    return values


def _partnerships(
    records: list[PartnershipRecord],
    report: ImportReport,
    batch: ImportBatch | None,
    french_ids: dict[int, int],
    foreign_ids: dict[tuple[int, str], int],
    now: Any,
) -> dict[str, int]:
    keys = [record.key for record in records]
    existing: dict[str, Partnership] = {}
    for chunk in chunks(keys):
        existing.update({p.key: p for p in Partnership.objects.filter(key__in=chunk)})
    stored_ids = [p.pk for p in existing.values()]
    tables = {name: _links(Partnership, name, stored_ids) for name in _PARTNERSHIP_UNION}
    new: list[Partnership] = []
    changed: dict[str, Partnership] = {}
    empties = EMPTY_OF
    for record in records:
        values = _partnership_values(record)
        partnership = existing.get(record.key)
        if partnership is None:
            new.append(
                Partnership(
                    key=record.key,
                    **{k: v for k, v in values.items() if v is not None},
                    source_url=" | ".join(record.source_urls),
                    import_batch=batch,
                )
            )
            if not record.status:
                new[-1].status = Status.UNKNOWN
            continue
        if "source_date" in record.weak and partnership.source_url:
            # A weak source's date does not describe the sources the record already has.
            values.pop("source_date")
        fields_changed = _merge_fields(partnership, values, record.weak, empties)
        urls = " | ".join(join_urls(split_urls(partnership.source_url), record.source_urls))
        if urls != partnership.source_url:
            partnership.source_url = urls
            fields_changed = True
        if fields_changed:
            changed[record.key] = partnership
    if batch is not None:
        Partnership.objects.bulk_create(new, batch_size=BATCH)
    placeholder = itertools.count(-1, -1)
    pk_of = {p.key: p.pk for p in existing.values()}
    pk_of.update({p.key: (p.pk if batch is not None else next(placeholder)) for p in new})
    wanted: dict[str, dict[int, set[int]]] = {name: {} for name in tables}
    for position, record in enumerate(records):
        pk = pk_of[record.key]
        wanted["french_authorities"].setdefault(pk, set()).add(french_ids[position])
        wanted["foreign_authorities"].setdefault(pk, set()).add(foreign_ids[_foreign_key(record)])
        wanted["themes"].setdefault(pk, set()).update(record.theme_ids)
    gained: set[int] = set()
    for name, table in tables.items():
        gained |= _add_links(table, wanted[name], batch is not None)
    for partnership in existing.values():
        if partnership.pk in gained:
            changed.setdefault(partnership.key, partnership)
    for partnership in changed.values():
        partnership.updated_at = now
        partnership.import_batch = batch
    if batch is not None:
        update_rows(
            Partnership,
            list(changed.values()),
            ["key"],
            [*PARTNERSHIP_REPLACED, "source_url", "source_date", "updated_at", "import_batch"],
        )
    counts = report.partnerships
    counts.created += len(new)
    counts.updated += len(changed)
    counts.unchanged += len(existing) - len(changed)
    if batch is not None:
        report.partnership_ids |= {p.pk for p in new} | {p.pk for p in changed.values()}
    return pk_of


def _project_values(project: ProjectRecord) -> dict[str, Any]:
    values = {name: getattr(project, name) for name in (*PROJECT_REPLACED, "source_date")}
    values["title"] = project.title[:500]
    return values


def _projects(
    records: list[PartnershipRecord],
    report: ImportReport,
    batch: ImportBatch | None,
    french_ids: dict[int, int],
    foreign_ids: dict[tuple[int, str], int],
    partnership_ids: dict[str, int],
    now: Any,
) -> None:
    items = [
        (position, record, project)
        for position, record in enumerate(records)
        for project in record.projects
    ]
    if not items:
        return
    existing: dict[str, Project] = {}
    keys = [project.key for _p, _r, project in items]
    for chunk in chunks(keys):
        existing.update({p.key: p for p in Project.objects.filter(key__in=chunk)})
    tables = {
        name: _links(Project, name, [p.pk for p in existing.values()]) for name in _PROJECT_UNION
    }
    new: list[Project] = []
    changed: dict[str, Project] = {}
    empties = EMPTY_OF
    for _position, record, project_record in items:
        values = _project_values(project_record)
        partnership_id = partnership_ids[record.key]
        project = existing.get(project_record.key)
        if project is None:
            new.append(
                Project(
                    key=project_record.key,
                    **{k: v for k, v in values.items() if v not in _EMPTY},
                    partnership_id=partnership_id if partnership_id > 0 else None,
                    source_url=" | ".join(project_record.source_urls),
                    import_batch=batch,
                )
            )
            if not project_record.status:
                new[-1].status = Status.UNKNOWN
            continue
        fields_changed = _merge_fields(project, values, project_record.weak, empties)
        urls = " | ".join(join_urls(split_urls(project.source_url), project_record.source_urls))
        if urls != project.source_url:
            project.source_url = urls
            fields_changed = True
        if project.partnership_id is None and partnership_id > 0:
            project.partnership_id = partnership_id
            fields_changed = True
        if fields_changed:
            changed[project.key] = project
    if batch is not None:
        Project.objects.bulk_create(new, batch_size=BATCH)
    placeholder = itertools.count(-1, -1)
    pk_of = {p.key: p.pk for p in existing.values()}
    pk_of.update({p.key: (p.pk if batch is not None else next(placeholder)) for p in new})
    wanted: dict[str, dict[int, set[int]]] = {name: {} for name in tables}
    for position, record, project_record in items:
        pk = pk_of[project_record.key]
        wanted["french_authorities"].setdefault(pk, set()).add(french_ids[position])
        wanted["foreign_authorities"].setdefault(pk, set()).add(foreign_ids[_foreign_key(record)])
        wanted["countries"].setdefault(pk, set()).add(record.country_id)
        wanted["themes"].setdefault(pk, set()).update(project_record.theme_ids)
    gained: set[int] = set()
    for name, table in tables.items():
        gained |= _add_links(table, wanted[name], batch is not None)
    for project in existing.values():
        if project.pk in gained:
            changed.setdefault(project.key, project)
    for project in changed.values():
        project.updated_at = now
        project.import_batch = batch
    if batch is not None:
        update_rows(
            Project,
            list(changed.values()),
            ["key"],
            [
                *PROJECT_REPLACED,
                "source_url",
                "source_date",
                "partnership",
                "updated_at",
                "import_batch",
            ],
        )
    counts = report.projects
    counts.created += len(new)
    counts.updated += len(changed)
    counts.unchanged += len(existing) - len(changed)
    if batch is not None:
        report.project_ids |= {p.pk for p in new} | {p.pk for p in changed.values()}
